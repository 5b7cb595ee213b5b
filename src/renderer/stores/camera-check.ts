// The home screen's morning check: are the cameras the setup names plugged in? Lists devices only; opens none.
import { create } from 'zustand';
import { listVideoInputs, matchCameras, onDeviceChange, type CameraMatch } from '../capture/devices';
import { callMagnum } from './call';

interface CameraCheckState {
  matches: CameraMatch[] | null;
  error: string | null;
  check(): Promise<void>;
}

export const useCameraCheckStore = create<CameraCheckState>((set) => ({
  matches: null,
  error: null,
  async check() {
    const setup = await callMagnum((magnum) => magnum.devices.active({}));
    if (!setup.ok) return set({ error: setup.error.message });
    set({ matches: matchCameras(setup.value, await listVideoInputs()), error: null });
  },
}));

/** Checks now and whenever a camera is plugged in or out; returns the unsubscribe. */
export function watchCameras(): () => void {
  void useCameraCheckStore.getState().check();
  return onDeviceChange(() => void useCameraCheckStore.getState().check());
}
