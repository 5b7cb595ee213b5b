// Recording a flight: the flight being filmed, the two camera feeds, and the take in progress. The take lives
// here, not in a screen, so walking to another screen (or the idle lock) never stops a recording.
import { create } from 'zustand';
import type { CameraNumber, SceneView, TakeFinished } from '../../shared/capture';
import type { CameraSetup } from '../../shared/devices';
import type { RecordingDetail } from '../../shared/recordings';
import type { AppError } from '../../shared/errors';
import { openCamera, pickMimeType, stopStream, type CameraMatch, type VideoInput } from '../devices/devices';
import { SceneTake, type CameraFeed, type CameraProgress, type CaptureCalls } from './take';
import { callMagnum } from '../shell/call';
import { findCameras } from '../devices/camera-check';

export type CapturePhase = 'idle' | 'countdown' | 'recording' | 'stopping';

export interface ScreenMessage {
  level: 'info' | 'warning' | 'error';
  text: string;
  /** Something the crew must still know after the scene is saved (a camera dropped out, the disk filled). */
  keep?: boolean;
}

interface CaptureState {
  recording: RecordingDetail | null;
  loadError: AppError | null;
  setup: CameraSetup | null;
  inputs: VideoInput[];
  matches: CameraMatch[];
  feeds: Partial<Record<CameraNumber, MediaStream>>;
  camerasError: string | null;
  phase: CapturePhase;
  sceneId: string | null;
  countdown: number;
  take: SceneTake | null;
  minSeconds: number | null;
  progress: CameraProgress[];
  message: ScreenMessage | null;
  lastFinished: TakeFinished | null;
  loadRecording(id: string): Promise<void>;
  openCameras(): Promise<void>;
  releaseCameras(): void;
  startScene(sceneId: string): Promise<void>;
  cancelCountdown(): void;
  stopScene(options?: { forced?: boolean }): Promise<void>;
  discardTake(): Promise<void>;
  clearMessage(): void;
}

const COUNTDOWN_FROM = 3;

const calls: CaptureCalls = {
  start: (input) => callMagnum((magnum) => magnum.capture.start(input)),
  chunk: (input) => callMagnum((magnum) => magnum.capture.chunk(input)),
  cameraLost: (input) => callMagnum((magnum) => magnum.capture.cameraLost(input)),
  stop: (input) => callMagnum((magnum) => magnum.capture.stop(input)),
  discard: (input) => callMagnum((magnum) => magnum.capture.discard(input)),
};

export const SCENE_LABELS: Record<SceneView['sceneType'], string> = {
  cruising: 'Cruising',
  chase: 'Chase',
  arrival: 'Arrival',
};

export const cameraName = (camera: CameraNumber, source: string | undefined) =>
  `Camera ${camera}${source ? ` (${source})` : ''}`;

let countdownTimer: ReturnType<typeof setInterval> | undefined;
/** Bumped on every open/release, so a slow open that finishes after a release lets its streams go. */
let feedGeneration = 0;

export const useCaptureStore = create<CaptureState>((set, get) => ({
  recording: null,
  loadError: null,
  setup: null,
  inputs: [],
  matches: [],
  feeds: {},
  camerasError: null,
  phase: 'idle',
  sceneId: null,
  countdown: 0,
  take: null,
  minSeconds: null,
  progress: [],
  message: null,
  lastFinished: null,

  async loadRecording(id) {
    if (get().recording?.id !== id) set({ recording: null, loadError: null, lastFinished: null });
    const result = await callMagnum((magnum) => magnum.recordings.get({ id }));
    set(result.ok ? { recording: result.value, loadError: null } : { loadError: result.error });
  },

  async openCameras() {
    if (get().phase !== 'idle') return; // recording: the feeds in use stay as they are
    const generation = ++feedGeneration;
    const found = await findCameras();
    if (!found.ok) return set({ camerasError: found.error.message });
    const { setup, inputs, matches } = found.value;
    const current = get().feeds;
    const feeds: Partial<Record<CameraNumber, MediaStream>> = {};
    const problems: string[] = [];
    for (const match of matches) {
      if (!match.device) continue;
      const open = current[match.camera];
      const openId = open?.getVideoTracks()[0]?.getSettings().deviceId;
      if (open && openId === match.device.deviceId && open.active) {
        feeds[match.camera] = open;
        continue;
      }
      stopStream(open);
      try {
        feeds[match.camera] = await openCamera(match.device.deviceId, setup);
      } catch (error) {
        problems.push(
          `${cameraName(match.camera, match.assignment.source)} could not be opened: ${(error as Error).message}`,
        );
      }
    }
    if (generation !== feedGeneration) {
      for (const stream of Object.values(feeds))
        if (!Object.values(get().feeds).includes(stream)) stopStream(stream);
      return;
    }
    for (const [camera, stream] of Object.entries(current)) {
      if (feeds[Number(camera) as CameraNumber] !== stream) stopStream(stream);
    }
    set({
      setup,
      inputs,
      matches,
      feeds,
      camerasError:
        inputs.length === 0
          ? 'No camera is connected. Plug the cameras in (in a browser, allow camera access), then tap “Look for cameras again”.'
          : problems.length > 0
            ? problems.join(' ')
            : null,
    });
  },

  releaseCameras() {
    if (get().phase !== 'idle') return;
    feedGeneration++;
    for (const stream of Object.values(get().feeds)) stopStream(stream);
    set({ feeds: {} });
  },

  async startScene(sceneId) {
    if (get().phase !== 'idle') return;
    const mimeType = pickMimeType((type) => MediaRecorder.isTypeSupported(type));
    if (!mimeType) {
      return set({
        message: {
          level: 'error',
          text: 'This screen cannot record video (no supported recording format). Use the kiosk app or an up-to-date Chromium.',
        },
      });
    }
    set({ phase: 'countdown', sceneId, countdown: COUNTDOWN_FROM, message: null, lastFinished: null });
    await new Promise<void>((resolve) => {
      countdownTimer = setInterval(() => {
        const next = get().countdown - 1;
        if (get().phase !== 'countdown') {
          clearInterval(countdownTimer);
          resolve();
          return;
        }
        set({ countdown: next });
        if (next <= 0) {
          clearInterval(countdownTimer);
          resolve();
        }
      }, 1000);
    });
    if (get().phase !== 'countdown') return; // cancelled

    const { feeds, matches, setup } = get();
    const cameraFeeds: CameraFeed[] = matches
      .filter((match) => feeds[match.camera]?.active)
      .map((match) => ({
        camera: match.camera,
        stream: feeds[match.camera] as MediaStream,
        label: match.device?.label ?? null,
      }));
    if (cameraFeeds.length === 0) {
      return set({
        phase: 'idle',
        message: {
          level: 'error',
          text: 'No camera is running, so nothing can be recorded. Check the cameras.',
        },
      });
    }
    const sources = new Map(matches.map((match) => [match.camera, match.assignment.source]));
    const started = await SceneTake.start(
      calls,
      sceneId,
      cameraFeeds,
      { mimeType, bitrate: setup?.bitrate ?? 4_000_000 },
      {
        onProgress: (progress) => set({ progress }),
        onCameraLost: (camera, atSeconds) => {
          const text = `${cameraName(camera, sources.get(camera))} stopped sending video at ${atSeconds} s. Its footage up to then is kept; the other camera is still recording.`;
          set({ message: { level: 'warning', text, keep: true } });
        },
        onMustStop: (reason) => {
          set({
            message: {
              level: 'warning',
              keep: true,
              text:
                reason === 'disk-low'
                  ? 'The kiosk disk is nearly full, so recording stopped to keep what was filmed. Free some space before the next scene.'
                  : 'Both cameras stopped sending video, so the scene was saved as it is. Check the camera cables.',
            },
          });
          void get().stopScene({ forced: true });
        },
        onFailed: (error) => {
          set({
            message: {
              level: 'error',
              keep: true,
              text: `Footage could not be saved: ${error.message} The scene was stopped; what reached the disk is kept.`,
            },
          });
          void get().stopScene({ forced: true });
        },
      },
    );
    if (!started.ok) {
      return set({ phase: 'idle', message: { level: 'error', text: started.error.message } });
    }
    set({
      phase: 'recording',
      take: started.value,
      minSeconds: started.value.info.minSeconds,
      progress: started.value.progress(),
    });
  },

  cancelCountdown() {
    if (get().phase !== 'countdown') return;
    clearInterval(countdownTimer);
    set({ phase: 'idle', countdown: 0 });
  },

  async stopScene(options = {}) {
    const { take, phase, minSeconds } = get();
    if (!take || phase !== 'recording') return;
    const elapsed = take.elapsedSeconds();
    if (!options.forced && minSeconds !== null && elapsed < minSeconds) {
      const left = Math.ceil(minSeconds - elapsed);
      return set({
        message: {
          level: 'warning',
          text: `Keep filming: a scene needs at least ${minSeconds} s so the video has enough footage. ${left} s to go.`,
        },
      });
    }
    set({ phase: 'stopping' });
    const result = await take.stop();
    const recordingId = get().recording?.id;
    if (!result.ok) {
      set({
        phase: 'idle',
        take: null,
        message: { level: 'error', text: `The scene could not be saved: ${result.error.message}` },
      });
    } else {
      const lost = result.value.cameras
        .filter((camera) => camera.lost)
        .map((camera) => `camera ${camera.camera}`);
      const kept = get().message?.keep ? get().message : null;
      set({
        phase: 'idle',
        take: null,
        lastFinished: result.value,
        message: kept ?? {
          level: 'info',
          text: `${SCENE_LABELS[result.value.scene.sceneType]} saved${lost.length ? ` (${lost.join(' and ')} dropped out)` : ''}.`,
        },
      });
    }
    if (recordingId) await get().loadRecording(recordingId);
    // A camera that dropped out may be back (or another plugged in): look again for the next scene.
    await get().openCameras();
  },

  async discardTake() {
    const { take } = get();
    if (!take) return;
    set({ phase: 'stopping' });
    await take.discard();
    set({
      phase: 'idle',
      take: null,
      message: { level: 'info', text: 'The take was thrown away; the scene keeps what it had.' },
    });
    const recordingId = get().recording?.id;
    if (recordingId) await get().loadRecording(recordingId);
  },

  clearMessage: () => set({ message: null }),
}));
