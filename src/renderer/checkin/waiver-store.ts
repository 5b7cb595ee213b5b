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
  load(): Promise<void>;
  publish(text: string): Promise<boolean>;
}

export const useWaiverStore = create<WaiverState>((set, get) => ({
  versions: null,
  busy: false,
  error: null,
  published: null,
  async load() {
    const result = await callMagnum((magnum) => magnum.checkin.waivers({}));
    set(result.ok ? { versions: result.value, error: null } : { error: result.error });
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
