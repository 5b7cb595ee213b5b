// The filming screen's two camera feeds: opened from the camera setup, watched for pictures that stop
// (frame-watch.ts), and a stopped one got back by reopening the same device (into the take's next part when a
// take runs). Part of the capture store (store.ts), which owns the state.
import type { StoreApi } from 'zustand';
import type { CameraNumber } from '../../shared/capture';
import { findCameras } from '../devices/camera-check';
import { openCamera, stopStream } from '../devices/devices';
import { watchFeeds, type FeedChange, type FeedTrouble } from './frame-watch';
import { cameraName } from './names';
import type { CaptureState } from './store';

/** What a take is told when a feed's pictures stop (capture.cameraLost's reason, for the log). */
export const TROUBLE_REASONS: Record<FeedTrouble, string> = {
  ended: 'The camera stopped sending video (its feed ended).',
  muted: 'The camera stopped sending pictures (its feed went silent).',
  'no-frames': 'The camera stopped sending pictures (no new frame for over a second).',
};

/** Bumped on every open/release, so a slow open that finishes after a release lets its streams go. */
let feedGeneration = 0;
let stopWatchingFeeds: (() => void) | null = null;

type FeedActions = Pick<CaptureState, 'openCameras' | 'releaseCameras' | 'getCameraBack'>;

export function cameraFeedActions(
  set: StoreApi<CaptureState>['setState'],
  get: StoreApi<CaptureState>['getState'],
): FeedActions {
  const nameOf = (camera: CameraNumber) =>
    cameraName(camera, get().matches.find((match) => match.camera === camera)?.assignment.source);

  function onFeedChange({ camera, trouble, stoppedAtMs }: FeedChange): void {
    const stoppedFeeds = { ...get().stoppedFeeds };
    if (trouble && stoppedAtMs !== null) stoppedFeeds[camera] = { trouble, stoppedAtMs };
    else delete stoppedFeeds[camera];
    set({ stoppedFeeds });
    const { take, phase } = get();
    if (trouble && take && phase === 'recording') {
      take.loseCamera(camera, TROUBLE_REASONS[trouble], stoppedAtMs ?? undefined);
    }
  }

  return {
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
      stopWatchingFeeds ??= watchFeeds(() => get().feeds, onFeedChange);
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
  };
}
