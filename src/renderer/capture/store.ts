// Recording a flight: the flight being filmed, the two camera feeds, and the take in progress. The take lives
// here, not in a screen, so walking to another screen (or the idle lock) never stops a recording.
import { create } from 'zustand';
import type { CameraNumber, SceneView, TakeFinished } from '../../shared/capture';
import { ALWAYS_ONLINE } from '../../shared/api';
import type { CameraSetup } from '../../shared/devices';
import type { RecordingDetail } from '../../shared/recordings';
import type { AppError } from '../../shared/errors';
import { openCamera, pickMimeType, stopStream, type CameraMatch, type VideoInput } from '../devices/devices';
import { SceneTake, type CameraFeed, type CameraProgress, type CaptureCalls, type LinkView } from './take';
import { callMagnum } from '../shell/call';
import { getMagnum } from '../shell/magnum';
import { findCameras } from '../devices/camera-check';
import { DEFAULT_LIMITS } from './chunk-buffer';
import { openSpillStore } from './chunk-spill';
import { watchFeeds, type FeedChange, type FeedTrouble } from './frame-watch';
import { cameraStoppedText, recoveredText, refusedText } from './take-messages';

export type CapturePhase = 'idle' | 'countdown' | 'recording' | 'stopping';

export interface ScreenMessage {
  level: 'info' | 'warning' | 'error';
  text: string;
  /** Something the crew must still know after the scene is saved (a camera dropped out, the disk filled). */
  keep?: boolean;
}

export interface StoppedFeed {
  trouble: FeedTrouble;
  /** When its pictures stopped, in ms since the epoch. */
  stoppedAtMs: number;
}

interface CaptureState {
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

export const SCENE_LABELS: Record<SceneView['sceneType'], string> = {
  cruising: 'Cruising',
  chase: 'Chase',
  arrival: 'Arrival',
};

export const cameraName = (camera: CameraNumber, source: string | undefined) =>
  `Camera ${camera}${source ? ` (${source})` : ''}`;

const connection = () => getMagnum()?.connection ?? ALWAYS_ONLINE;

function memoryLimit(): number {
  const set = Number(globalThis.localStorage?.getItem(MEMORY_LIMIT_KEY));
  return Number.isInteger(set) && set > 0 ? set : DEFAULT_LIMITS.memoryBytes;
}

const TROUBLE_REASONS: Record<FeedTrouble, string> = {
  ended: 'The camera stopped sending video (its feed ended).',
  muted: 'The camera stopped sending pictures (its feed went silent).',
  'no-frames': 'The camera stopped sending pictures (no new frame for over a second).',
};

let countdownTimer: ReturnType<typeof setInterval> | undefined;
let backTimer: ReturnType<typeof setTimeout> | undefined;
/** Bumped on every open/release, so a slow open that finishes after a release lets its streams go. */
let feedGeneration = 0;
let stopWatchingFeeds: (() => void) | null = null;

export const useCaptureStore = create<CaptureState>((set, get) => {
  const sourceOf = (camera: CameraNumber) =>
    get().matches.find((match) => match.camera === camera)?.assignment.source;
  const nameOf = (camera: CameraNumber) => cameraName(camera, sourceOf(camera));

  function onFeedChange({ camera, trouble, stoppedAtMs }: FeedChange): void {
    const stoppedFeeds = { ...get().stoppedFeeds };
    if (trouble && stoppedAtMs !== null) stoppedFeeds[camera] = { trouble, stoppedAtMs };
    else delete stoppedFeeds[camera];
    set({ stoppedFeeds });
    const { take, phase } = get();
    if (trouble && take && phase === 'recording')
      take.loseCamera(camera, TROUBLE_REASONS[trouble], stoppedAtMs ?? undefined);
  }

  function watchOpenFeeds(): void {
    stopWatchingFeeds ??= watchFeeds(() => get().feeds, onFeedChange);
  }

  /** Ends the take on the screen: the message says how it went. */
  function afterStop(take: SceneTake, result: Awaited<ReturnType<SceneTake['stop']>>): void {
    const kept = get().message?.keep ? get().message : null;
    if (take.failure) {
      set({
        message: { level: 'error', keep: true, text: refusedText(take.failure.message, take.unsentSeconds) },
      });
    } else if (!result.ok) {
      set({ message: { level: 'error', text: `The scene could not be saved: ${result.error.message}` } });
    } else if (take.interrupted) {
      const recovered = recoveredText({
        sceneLabel: SCENE_LABELS[result.value.scene.sceneType],
        lengthSeconds: take.lengthSeconds(),
        reopened: take.reopened,
        cameras: result.value.cameras,
      });
      const shortBy = take.lengthSeconds() - Math.min(...result.value.cameras.map((c) => c.durationSeconds));
      set({
        message: {
          level: kept || shortBy > 1 ? 'warning' : 'info',
          keep: true,
          text: kept ? `${recovered} ${kept.text}` : recovered,
        },
      });
    } else {
      const lost = result.value.cameras
        .filter((camera) => camera.lost)
        .map((camera) => `camera ${camera.camera}`);
      set({
        message: kept ?? {
          level: 'info',
          text: `${SCENE_LABELS[result.value.scene.sceneType]} saved${lost.length ? ` (${lost.join(' and ')} dropped out)` : ''}.`,
        },
      });
    }
    set({ phase: 'idle', take: null, link: null, lastFinished: result.ok ? result.value : null });
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

    async loadRecording(id) {
      if (get().recording?.id !== id) {
        set({ recording: null, loadError: null });
        // Another flight: nothing said about the last one belongs on its screen (a take still running keeps its own).
        if (get().phase === 'idle') set({ message: null, lastFinished: null, progress: [], link: null });
      }
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
        const stopped = get().stoppedFeeds[match.camera];
        if (open && openId === match.device.deviceId && open.active && !stopped) {
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
      const stoppedFeeds = { ...get().stoppedFeeds };
      for (const camera of [1, 2] as const)
        if (feeds[camera] !== current[camera]) delete stoppedFeeds[camera];
      set({
        setup,
        inputs,
        matches,
        feeds,
        stoppedFeeds,
        camerasError:
          inputs.length === 0
            ? 'No camera is connected. Plug the cameras in (in a browser, allow camera access), then tap “Look for cameras again”.'
            : problems.length > 0
              ? problems.join(' ')
              : null,
      });
      watchOpenFeeds();
    },

    releaseCameras() {
      if (get().phase !== 'idle') return;
      feedGeneration++;
      stopWatchingFeeds?.();
      stopWatchingFeeds = null;
      for (const stream of Object.values(get().feeds)) stopStream(stream);
      set({ feeds: {}, stoppedFeeds: {} });
    },

    async getCameraBack(camera) {
      const { matches, setup, gettingBack } = get();
      const match = matches.find((m) => m.camera === camera);
      if (gettingBack[camera]) return;
      if (!match?.device || !setup) {
        return set({
          message: {
            level: 'error',
            text: `${nameOf(camera)} is not connected. Check its cable, then tap “Get camera ${camera} back” again.`,
          },
        });
      }
      set({ gettingBack: { ...get().gettingBack, [camera]: true } });
      stopStream(get().feeds[camera]);
      let stream: MediaStream;
      try {
        stream = await openCamera(match.device.deviceId, setup);
      } catch (error) {
        set({
          gettingBack: { ...get().gettingBack, [camera]: false },
          message: {
            level: 'error',
            keep: get().phase !== 'idle',
            text: `${nameOf(camera)} could not be opened again: ${(error as Error).message}. Check its cable, then tap “Get camera ${camera} back” again.`,
          },
        });
        return;
      }
      const stoppedFeeds = { ...get().stoppedFeeds };
      delete stoppedFeeds[camera];
      set({
        feeds: { ...get().feeds, [camera]: stream },
        stoppedFeeds,
        gettingBack: { ...get().gettingBack, [camera]: false },
      });
      const take = get().take;
      if (!take || get().phase !== 'recording' || !take.lostCameras().includes(camera)) {
        return set({ message: { level: 'info', text: `${nameOf(camera)} is back.` } });
      }
      const restored = await take.restoreCamera(camera, stream);
      set({
        message: restored.ok
          ? {
              level: 'info',
              text: `${nameOf(camera)} is back and recording again. Its footage is joined into one file when the scene is saved.`,
            }
          : { level: 'error', keep: true, text: restored.error.message },
      });
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
