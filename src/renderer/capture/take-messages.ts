// What the filming screen says about a take in trouble, in the crew's words: pure, so the exact sentences
// (and their numbers) are tested without a camera or a host.
import type { CameraNumber, FinishedCamera, TakeFinished } from '../../shared/capture';
import type { AppError, Result } from '../../shared/errors';
import { formatElapsedSeconds } from '../format';
import { SCENE_LABELS } from './names';

export interface ScreenMessage {
  level: 'info' | 'warning' | 'error';
  text: string;
  /** Something the crew must still know after the scene is saved (a camera dropped out, the disk filled). */
  keep?: boolean;
}

/** 19.34 → "19.3", 20 → "20": one decimal, none when it is zero. */
export function oneDecimal(seconds: number): string {
  const text = (Math.round(seconds * 10) / 10).toFixed(1);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** Whole seconds for figures that tick while the crew watches: "4 s". */
const wholeSeconds = (seconds: number) => `${Math.round(seconds)} s`;

export function connectionLostText(phase: 'idle' | 'recording' | 'stopping', waitingSeconds: number): string {
  if (phase === 'recording') {
    return `Lost the connection to the kiosk service. Still filming: ${wholeSeconds(waitingSeconds)} of footage is kept on this screen and is sent when it is back.`;
  }
  if (phase === 'stopping') return waitingToSaveText(waitingSeconds);
  return 'Lost the connection to the kiosk service. Filming can start again when it is back; it usually reconnects by itself within seconds.';
}

export function waitingToSaveText(waitingSeconds: number): string {
  return `Waiting for the kiosk service to save the take — ${wholeSeconds(waitingSeconds)} of footage waiting on this screen. Keep this screen open.`;
}

export function connectionBackText(waitingSeconds: number): string {
  return waitingSeconds > 0
    ? `Connection back. Sending the footage kept on this screen: ${wholeSeconds(waitingSeconds)} to go.`
    : 'Connection back. All footage kept on this screen is saved.';
}

export interface InterruptedTake {
  sceneLabel: string;
  /** The take's length on this screen: from the recorders starting to Stop. */
  lengthSeconds: number;
  /** Main reopened the take from its disk (it restarted); otherwise only the connection dropped. */
  reopened: boolean;
  cameras: FinishedCamera[];
}

/** "Arrival saved. Recovered 19.3 s of 20 s — the kiosk service restarted during the take." */
export function recoveredText(take: InterruptedTake): string {
  const kept = take.cameras.filter((camera) => !camera.lost);
  const counted = kept.length > 0 ? kept : take.cameras;
  // A file may run a few frames past the screen's clock; more than all of the take is not a thing to say.
  const recovered = Math.min(take.lengthSeconds, ...counted.map((camera) => camera.durationSeconds));
  const why = take.reopened
    ? 'the kiosk service restarted during the take'
    : 'the connection to the kiosk service was lost during the take';
  return `${take.sceneLabel} saved. Recovered ${oneDecimal(recovered)} s of ${oneDecimal(take.lengthSeconds)} s — ${why}.`;
}

export function cameraStoppedText(
  camera: string,
  atSeconds: number,
  others: Array<{ name: string; recording: boolean }>,
): string {
  const still = others.filter((other) => other.recording).map((other) => other.name);
  return `${camera} stopped sending pictures at ${formatElapsedSeconds(atSeconds)}. ${
    still.length > 0
      ? `${still.join(' and ')} ${still.length > 1 ? 'are' : 'is'} still recording.`
      : 'No camera is recording now; its footage up to then is kept.'
  }`;
}

/** Main refused the take's footage mid-take: what happened and what was kept. */
export function refusedText(reason: string, waitingSeconds: number): string {
  const lost =
    waitingSeconds > 0
      ? ` The last ${wholeSeconds(waitingSeconds)} filmed on this screen could not be sent.`
      : '';
  return `The kiosk service stopped taking this take’s footage: ${reason} Recording stopped; what reached the kiosk disk is kept.${lost}`;
}

export const getBackLabel = (camera: CameraNumber) => `Get camera ${camera} back`;

export interface TakeEnd {
  result: Result<TakeFinished>;
  /** Main refused the take's footage mid-take, and how much filmed here could not be sent. */
  failure: AppError | null;
  unsentSeconds: number;
  /** The connection dropped during the take; main reopened it after a restart. */
  interrupted: boolean;
  reopened: boolean;
  lengthSeconds: number;
  /** What the screen said during the take that must outlast it. */
  kept: ScreenMessage | null;
}

/** What the screen says once a take has ended: saved, recovered, refused or not saved, and why. */
export function takeEndMessage(end: TakeEnd): ScreenMessage {
  if (end.failure) {
    return { level: 'error', keep: true, text: refusedText(end.failure.message, end.unsentSeconds) };
  }
  if (!end.result.ok) {
    return { level: 'error', text: `The scene could not be saved: ${end.result.error.message}` };
  }
  const { scene, cameras } = end.result.value;
  const sceneLabel = SCENE_LABELS[scene.sceneType];
  if (end.interrupted) {
    const recovered = recoveredText({
      sceneLabel,
      lengthSeconds: end.lengthSeconds,
      reopened: end.reopened,
      cameras,
    });
    const shortBy = end.lengthSeconds - Math.min(...cameras.map((camera) => camera.durationSeconds));
    return {
      level: end.kept || shortBy > 1 ? 'warning' : 'info',
      keep: true,
      text: end.kept ? `${recovered} ${end.kept.text}` : recovered,
    };
  }
  if (end.kept) return end.kept;
  const lost = cameras.filter((camera) => camera.lost).map((camera) => `camera ${camera.camera}`);
  return {
    level: 'info',
    text: `${sceneLabel} saved${lost.length ? ` (${lost.join(' and ')} dropped out)` : ''}.`,
  };
}
