// Recording a flight: the flight being filmed, the two camera feeds, and the take in progress. The take lives
// here, not in a screen, so walking to another screen (or the idle lock) never stops a recording.
import { create } from 'zustand';
import type { CameraNumber, TakeFinished } from '../../shared/capture';
import { ALWAYS_ONLINE } from '../../shared/api';
import type { CameraSetup } from '../../shared/devices';
import type { RecordingDetail } from '../../shared/recordings';
import type { AppError } from '../../shared/errors';
import { pickMimeType, type CameraMatch, type VideoInput } from '../devices/devices';
import { SceneTake, type CameraFeed, type CameraProgress, type CaptureCalls, type LinkView } from './take';
import { callMagnum } from '../shell/call';
import { getMagnum } from '../shell/magnum';
import { DEFAULT_LIMITS } from './chunk-buffer';
import { openSpillStore } from './chunk-spill';
import { cameraFeedActions, TROUBLE_REASONS } from './camera-feeds';
import { cameraName } from './names';
import type { FeedTrouble } from './frame-watch';
import { cameraStoppedText, takeEndMessage, type ScreenMessage } from './take-messages';

export type CapturePhase = 'idle' | 'countdown' | 'recording' | 'stopping';

export type { ScreenMessage } from './take-messages';

export interface StoppedFeed {
  trouble: FeedTrouble;
  /** When its pictures stopped, in ms since the epoch. */
  stoppedAtMs: number;
}

export interface CaptureState {
  recording: RecordingDetail | null;
  loadError: AppError | null;
  setup: CameraSetup | null;
  inputs: VideoInput[];
  matches: CameraMatch[];
  feeds: Partial<Record<CameraNumber, MediaStream>>;
  /** Open feeds that stopped sending pictures (frame-watch.ts): not usable until got back. */
  stoppedFeeds: Partial<Record<CameraNumber, StoppedFeed>>;
  /** Cameras being reopened by "Get camera N back". */
  gettingBack: Partial<Record<CameraNumber, boolean>>;
  camerasError: string | null;
  /** Whether the kiosk service can be reached now (always true in Electron). */
  online: boolean;
  /** When the connection came back, for "Connection back" shown a few seconds; null otherwise. */
  backSince: number | null;
  phase: CapturePhase;
  sceneId: string | null;
  countdown: number;
  take: SceneTake | null;
  minSeconds: number | null;
  progress: CameraProgress[];
  /** The take's line to main: what is waiting on this screen. */
  link: LinkView | null;
  message: ScreenMessage | null;
  lastFinished: TakeFinished | null;
  /** Follows the connection while the filming screen shows; returns the unfollow. */
  followConnection(): () => void;
  loadRecording(id: string): Promise<void>;
  openCameras(): Promise<void>;
  releaseCameras(): void;
  getCameraBack(camera: CameraNumber): Promise<void>;
  startScene(sceneId: string): Promise<void>;
  cancelCountdown(): void;
  stopScene(options?: { forced?: boolean }): Promise<void>;
  discardTake(): Promise<void>;
  clearMessage(): void;
}

const COUNTDOWN_FROM = 3;
/** How long "Connection back" stays once nothing is waiting any more. */
const BACK_SHOWN_MS = 6000;
/** Tests (and a screen short of memory) may hold less in memory: bytes, in localStorage. */
const MEMORY_LIMIT_KEY = 'magnum.capture.memoryBytes';

const calls: CaptureCalls = {
  start: (input) => callMagnum((magnum) => magnum.capture.start(input)),
  chunk: (input) => callMagnum((magnum) => magnum.capture.chunk(input)),
  cameraLost: (input) => callMagnum((magnum) => magnum.capture.cameraLost(input)),
  resume: (input) => callMagnum((magnum) => magnum.capture.resume(input)),
  stop: (input) => callMagnum((magnum) => magnum.capture.stop(input)),
  discard: (input) => callMagnum((magnum) => magnum.capture.discard(input)),
};

export { cameraName, SCENE_LABELS } from './names';

const connection = () => getMagnum()?.connection ?? ALWAYS_ONLINE;

function memoryLimit(): number {
  const set = Number(globalThis.localStorage?.getItem(MEMORY_LIMIT_KEY));
  return Number.isInteger(set) && set > 0 ? set : DEFAULT_LIMITS.memoryBytes;
}

let countdownTimer: ReturnType<typeof setInterval> | undefined;
let backTimer: ReturnType<typeof setTimeout> | undefined;

export const useCaptureStore = create<CaptureState>((set, get) => {
  const sourceOf = (camera: CameraNumber) =>
    get().matches.find((match) => match.camera === camera)?.assignment.source;
  const nameOf = (camera: CameraNumber) => cameraName(camera, sourceOf(camera));

  /** Ends the take on the screen: the message says how it went. */
  function afterStop(take: SceneTake, result: Awaited<ReturnType<SceneTake['stop']>>): void {
    const message = takeEndMessage({
      result,
      failure: take.failure,
      unsentSeconds: take.unsentSeconds,
      interrupted: take.interrupted,
      reopened: take.reopened,
      lengthSeconds: take.lengthSeconds(),
      kept: get().message?.keep ? get().message : null,
    });
    set({ message, phase: 'idle', take: null, link: null, lastFinished: result.ok ? result.value : null });
  }

  return {
    recording: null,
    loadError: null,
    setup: null,
    inputs: [],
    matches: [],
    feeds: {},
    stoppedFeeds: {},
    gettingBack: {},
    camerasError: null,
    online: true,
    backSince: null,
    phase: 'idle',
    sceneId: null,
    countdown: 0,
    take: null,
    minSeconds: null,
    progress: [],
    link: null,
    message: null,
    lastFinished: null,

    followConnection() {
      set({ online: connection().online(), backSince: null });
      const unfollow = connection().onChange((online) => {
        clearTimeout(backTimer);
        set({ online, backSince: online ? Date.now() : null });
        if (online) backTimer = setTimeout(() => set({ backSince: null }), BACK_SHOWN_MS);
      });
      return () => {
        unfollow();
        clearTimeout(backTimer);
      };
    },

    ...cameraFeedActions(set, get),

    async loadRecording(id) {
      if (get().recording?.id !== id) {
        set({ recording: null, loadError: null });
        // Another flight: nothing said about the last one belongs on its screen (a take still running keeps its own).
        if (get().phase === 'idle') set({ message: null, lastFinished: null, progress: [], link: null });
      }
      const result = await callMagnum((magnum) => magnum.recordings.get({ id }));
      set(result.ok ? { recording: result.value, loadError: null } : { loadError: result.error });
    },

    async startScene(sceneId) {
      if (get().phase !== 'idle') return;
      if (!connection().online()) {
        return set({
          message: {
            level: 'error',
            text: 'Filming cannot start: this screen has lost the connection to the kiosk service. Wait until it is back (it reconnects by itself), then tap Start again.',
          },
        });
      }
      const mimeType = pickMimeType((type) => MediaRecorder.isTypeSupported(type));
      if (!mimeType) {
        return set({
          message: {
            level: 'error',
            text: 'This screen cannot record video (no supported recording format). Use the kiosk app or an up-to-date Chromium.',
          },
        });
      }
      // Each take starts clean: nothing of the last take (its REC, its byte counts, its message) shows.
      set({
        phase: 'countdown',
        sceneId,
        countdown: COUNTDOWN_FROM,
        message: null,
        lastFinished: null,
        progress: [],
        link: null,
      });
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

      const { feeds, matches, setup, stoppedFeeds } = get();
      const cameraFeeds: CameraFeed[] = matches
        .filter((match) => feeds[match.camera]?.active && !stoppedFeeds[match.camera])
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
            text: 'No camera is sending pictures, so nothing can be recorded. Check the cameras.',
          },
        });
      }
      const started = await SceneTake.start(
        calls,
        sceneId,
        cameraFeeds,
        {
          mimeType,
          bitrate: setup?.bitrate ?? 4_000_000,
          connection: connection(),
          limits: { ...DEFAULT_LIMITS, memoryBytes: memoryLimit() },
          openSpill: openSpillStore,
        },
        {
          onProgress: (progress) => set({ progress }),
          onLink: (link) => set({ link }),
          onCameraLost: (camera, atSeconds) => {
            const others = cameraFeeds
              .filter((feed) => feed.camera !== camera)
              .map((feed) => ({
                name: `Camera ${feed.camera}`,
                recording: !get().take?.lostCameras().includes(feed.camera),
              }));
            set({
              message: {
                level: 'warning',
                keep: true,
                text: cameraStoppedText(nameOf(camera), atSeconds, others),
              },
            });
          },
          onMustStop: (reason) => {
            const text = {
              'disk-low':
                'The kiosk disk is nearly full, so recording stopped to keep what was filmed. Free some space before the next scene.',
              'cameras-lost':
                'Every camera stopped sending pictures, so recording stopped and the scene is saved as it is. Check the camera cables.',
              'screen-full':
                'This screen cannot keep any more footage while the kiosk service is away, so recording stopped. What was filmed is kept here and saved when the connection is back; keep this screen open.',
            }[reason];
            set({ message: { level: 'warning', keep: true, text } });
            void get().stopScene({ forced: true });
          },
          onFailed: () => void get().stopScene({ forced: true }),
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
        link: started.value.linkView(),
      });
      // A camera that stopped during the countdown is lost from the first second.
      for (const camera of cameraFeeds) {
        const stopped = get().stoppedFeeds[camera.camera];
        if (stopped)
          started.value.loseCamera(camera.camera, TROUBLE_REASONS[stopped.trouble], stopped.stoppedAtMs);
      }
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
      if (take.discarded) return; // thrown away while it waited for the connection
      const recordingId = get().recording?.id;
      afterStop(take, result);
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
        progress: [],
        link: null,
        message: { level: 'info', text: 'The take was thrown away; the scene keeps what it had.' },
      });
      const recordingId = get().recording?.id;
      if (recordingId && connection().online()) await get().loadRecording(recordingId);
      await get().openCameras();
    },

    clearMessage: () => set({ message: null }),
  };
});
