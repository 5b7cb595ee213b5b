// Admin: the waiver's versions and publishing a new one.
import { create } from 'zustand';
import type { WaiverVersionView } from '../../shared/checkin';
import type { AppError } from '../../shared/errors';
import { callMagnum } from '../shell/call';

interface WaiverState {
  versions: WaiverVersionView[] | null;
  busy: boolean;
  error: AppError | null;
  published: number | null;
  /** Screens set up for passenger check-in now; null until read. */
  liveScreens: number | null;
  /** How many were stopped by the last "Stop every check-in screen". */
  stopped: number | null;
  load(): Promise<void>;
  publish(text: string): Promise<boolean>;
  stopScreens(): Promise<void>;
}

export const useWaiverStore = create<WaiverState>((set, get) => ({
  versions: null,
  busy: false,
  error: null,
  published: null,
  liveScreens: null,
  stopped: null,
  async load() {
    const [result, screens] = await Promise.all([
      callMagnum((magnum) => magnum.checkin.waivers({})),
      callMagnum((magnum) => magnum.checkin.screens({})),
    ]);
    set(result.ok ? { versions: result.value, error: null } : { error: result.error });
    if (screens.ok) set({ liveScreens: screens.value.live });
  },
  async stopScreens() {
    set({ busy: true, error: null, stopped: null });
    const result = await callMagnum((magnum) => magnum.checkin.stopScreens({}));
    set(
      result.ok
        ? { busy: false, stopped: result.value.stopped, liveScreens: 0 }
        : { busy: false, error: result.error },
    );
  },
  async publish(text) {
    set({ busy: true, error: null, published: null });
    const result = await callMagnum((magnum) => magnum.checkin.publishWaiver({ text }));
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error });
      return false;
    }
    set({ published: result.value.version });
    await get().load();
    return true;
  },
}));
