// The Storage screen's state: the overview (a page of flights at a time), the retention rules with their preview
// and the outcome of applying them, the files check and what was done about orphans, and the progress main
// reports while it removes or checks files.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type {
  FilesCheck,
  OrphansResult,
  RetentionApplyResult,
  RetentionPreview,
  RetentionRules,
  StorageOverview,
  StorageProgress,
} from '../../shared/storage';
import { callMagnum } from '../shell/call';
import { getMagnum } from '../shell/magnum';

export const FLIGHTS_PAGE = 8;

interface StorageState {
  overview: StorageOverview | null;
  flightsShown: number;
  rules: RetentionRules | null;
  preview: RetentionPreview | null;
  applied: RetentionApplyResult | null;
  check: FilesCheck | null;
  orphansDone: OrphansResult | null;
  /** What is running: the screen disables the buttons that would start another. */
  busy: 'overview' | 'rules' | 'preview' | 'apply' | 'check' | 'orphans' | null;
  progress: StorageProgress | null;
  error: AppError | null;
  load(): Promise<void>;
  showMoreFlights(): Promise<void>;
  saveRules(change: Partial<RetentionRules>): Promise<void>;
  loadPreview(): Promise<void>;
  apply(flights: Array<{ recordingId: string; typedNames?: string }>): Promise<void>;
  runCheck(): Promise<void>;
  resolveOrphans(action: 'delete' | 'adopt', paths: string[]): Promise<void>;
  /** Listens for main's progress events while the screen is open; returns the unsubscribe function. */
  watchProgress(): () => void;
}

export const useStorageStore = create<StorageState>((set, get) => {
  /** Runs one call with the busy flag; the screen shows the error it left. */
  async function run<T>(
    busy: NonNullable<StorageState['busy']>,
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>,
    done: (value: T) => Partial<StorageState>,
  ): Promise<boolean> {
    set({ busy, error: null });
    const result = await call();
    set(result.ok ? { ...done(result.value), busy: null } : { error: result.error, busy: null });
    return result.ok;
  }

  const readOverview = (limit: number) =>
    callMagnum((magnum) => magnum.storage.overview({ limit, offset: 0 }));

  return {
    overview: null,
    flightsShown: FLIGHTS_PAGE,
    rules: null,
    preview: null,
    applied: null,
    check: null,
    orphansDone: null,
    busy: null,
    progress: null,
    error: null,

    async load() {
      const ok = await run(
        'overview',
        () => readOverview(get().flightsShown),
        (overview) => ({ overview }),
      );
      if (ok)
        await run(
          'rules',
          () => callMagnum((magnum) => magnum.storage.rules({})),
          (rules) => ({ rules }),
        );
    },

    async showMoreFlights() {
      const flightsShown = get().flightsShown + FLIGHTS_PAGE * 2;
      await run(
        'overview',
        () => readOverview(flightsShown),
        (overview) => ({ overview, flightsShown }),
      );
    },

    async saveRules(change) {
      const ok = await run(
        'rules',
        () => callMagnum((magnum) => magnum.storage.setRules(change)),
        (rules) => ({ rules, applied: null }),
      );
      if (ok) await get().loadPreview();
    },

    async loadPreview() {
      await run(
        'preview',
        () => callMagnum((magnum) => magnum.storage.preview({})),
        (preview) => ({ preview, applied: null }),
      );
    },

    async apply(flights) {
      set({ progress: null });
      const ok = await run(
        'apply',
        () => callMagnum((magnum) => magnum.storage.apply({ flights })),
        (applied) => ({ applied }),
      );
      set({ progress: null });
      // The figures and the list change after a removal: show them as they are now.
      if (ok) {
        const applied = get().applied;
        await get().loadPreview();
        set({ applied });
        await run(
          'overview',
          () => readOverview(get().flightsShown),
          (overview) => ({ overview }),
        );
      }
    },

    async runCheck() {
      set({ progress: null, orphansDone: null });
      await run(
        'check',
        () => callMagnum((magnum) => magnum.storage.check({})),
        (check) => ({ check }),
      );
      set({ progress: null });
    },

    async resolveOrphans(action, paths) {
      const ok = await run(
        'orphans',
        () => callMagnum((magnum) => magnum.storage.resolveOrphans({ action, paths })),
        (orphansDone) => ({ orphansDone }),
      );
      if (ok) {
        const orphansDone = get().orphansDone;
        await get().runCheck();
        set({ orphansDone });
        await run(
          'overview',
          () => readOverview(get().flightsShown),
          (overview) => ({ overview }),
        );
      }
    },

    watchProgress() {
      const magnum = getMagnum();
      if (!magnum) return () => undefined;
      return magnum.on('storage.progress', (progress) => set({ progress }));
    },
  };
});
