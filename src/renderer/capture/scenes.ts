// What a scene's state means to the crew filming it, and which take this screen has in progress.
import { useMemo } from 'react';
import type { SceneType, SceneView } from '../../shared/capture';
import type { RecordingDetail } from '../../shared/recordings';
import { formatElapsedSeconds } from '../format';
import { useCaptureStore, type CapturePhase } from './store';

/** The scene has footage on disk: filmed, or saved again after the kiosk stopped mid-take. */
export const isRecorded = (scene: SceneView) => scene.status === 'recorded' || scene.status === 'recovered';

/**
 * One line under the scene's name: "Filmed · 1:23", "Not filmed yet", "Filming"… `filming`: this screen's
 * take is on the scene (the flight was read before the take, so its status does not say so yet).
 */
export function sceneSummary(scene: SceneView, filming = false): string {
  if (filming || scene.status === 'recording') return 'Filming';
  if (scene.status === 'failed') return 'Failed — record again';
  if (!isRecorded(scene)) return 'Not filmed yet';
  const seconds = Math.max(scene.camera1Duration ?? 0, scene.camera2Duration ?? 0);
  return `${scene.status === 'recovered' ? 'Recovered' : 'Filmed'} · ${formatElapsedSeconds(seconds)}`;
}

/** A take this screen is counting down, filming or saving, with the flight it belongs to. */
export interface TakeInProgress {
  phase: Exclude<CapturePhase, 'idle'>;
  sceneId: string;
  sceneType: SceneType;
  recordingId: string;
  passengerNames: string;
}

type TakeFlight = Omit<TakeInProgress, 'phase'>;

/**
 * The take's flight as last seen in the capture store. Opening another flight's filming screen mid-take
 * replaces the store's flight, and the take still belongs to the one it started on.
 */
let takeFlight: TakeFlight | null = null;

export function takeInProgress(
  phase: CapturePhase,
  sceneId: string | null,
  recording: RecordingDetail | null,
): TakeInProgress | null {
  if (phase === 'idle' || sceneId === null) return null;
  const scene = recording?.scenes.find((candidate) => candidate.id === sceneId);
  if (recording && scene) {
    takeFlight = {
      sceneId,
      sceneType: scene.sceneType,
      recordingId: recording.id,
      passengerNames: recording.passengerNames,
    };
  }
  return takeFlight?.sceneId === sceneId ? { phase, ...takeFlight } : null;
}

/** This screen's take in progress, or null when it is not filming. */
export function useTakeInProgress(): TakeInProgress | null {
  const phase = useCaptureStore((state) => state.phase);
  const sceneId = useCaptureStore((state) => state.sceneId);
  const recording = useCaptureStore((state) => state.recording);
  return useMemo(() => takeInProgress(phase, sceneId, recording), [phase, sceneId, recording]);
}
