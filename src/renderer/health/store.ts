// Kiosk health for the admin's screen: the figures, read on opening and on "Read again", and the integrity
// check run from the screen (which waits for main's answer: the check has no steps to count).
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { HealthOverview } from '../../shared/health';
import { callMagnum } from '../shell/call';

interface HealthState {
  overview: HealthOverview | null;
  error: AppError | null;
  loading: boolean;
  /** When the check this screen asked for started (Date.now()), or null when none is running from here. */
  checkingSince: number | null;
  checkError: AppError | null;
  load(): Promise<void>;
  checkIntegrity(): Promise<void>;
}

export const useHealthStore = create<HealthState>((set, get) => ({
  overview: null,
  error: null,
  loading: false,
  checkingSince: null,
  checkError: null,
  async load() {
    set({ loading: true });
    const result = await callMagnum((magnum) => magnum.health.overview({}));
    set(
      result.ok
        ? { overview: result.value, error: null, loading: false }
        : { error: result.error, loading: false },
    );
  },
  async checkIntegrity() {
    if (get().checkingSince !== null) return;
    set({ checkingSince: Date.now(), checkError: null });
    const result = await callMagnum((magnum) => magnum.health.checkIntegrity({}));
    const overview = get().overview;
    set(
      result.ok
        ? { checkingSince: null, overview: overview ? { ...overview, integrity: result.value } : overview }
        : { checkingSince: null, checkError: result.error },
    );
    // The other figures may have moved while the check ran.
    void get().load();
  },
}));
