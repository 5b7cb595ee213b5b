// The home screen's morning check: are the cameras the setup names plugged in? Lists devices only; opens none.
import { create } from 'zustand';
import type { CameraSetup } from '../../shared/devices';
import type { Result } from '../../shared/errors';
import { listVideoInputs, matchCameras, onDeviceChange, type CameraMatch, type VideoInput } from './devices';
import { readCameraPicks } from './camera-picks';
import { callMagnum } from '../shell/call';

export interface CamerasFound {
  setup: CameraSetup;
  inputs: VideoInput[];
  matches: CameraMatch[];
}

/**
 * The saved setup against what is plugged in now, with the crew's picks for this tab (opens no camera): home's
 * check and filming share it.
 */
export async function findCameras(): Promise<Result<CamerasFound>> {
  const setup = await callMagnum((magnum) => magnum.devices.active({}));
  if (!setup.ok) return setup;
  const inputs = await listVideoInputs();
  return {
    ok: true,
    value: {
      setup: setup.value,
      inputs,
      matches: matchCameras(setup.value, inputs, readCameraPicks(setup.value)),
    },
  };
}

interface CameraCheckState {
  matches: CameraMatch[] | null;
  error: string | null;
  check(): Promise<void>;
}

export const useCameraCheckStore = create<CameraCheckState>((set) => ({
  matches: null,
  error: null,
  async check() {
    const found = await findCameras();
    set(found.ok ? { matches: found.value.matches, error: null } : { error: found.error.message });
  },
}));

/** Checks now and whenever a camera is plugged in or out; returns the unsubscribe. */
export function watchCameras(): () => void {
  void useCameraCheckStore.getState().check();
  return onDeviceChange(() => void useCameraCheckStore.getState().check());
}
