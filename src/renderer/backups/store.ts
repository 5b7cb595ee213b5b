// The Backups screen's state (settings, history, a backup running) and the restore flow, which three screens
// share: an admin's Backups screen, and without sign-in the first-start screen and the recovery screen.
import { create } from 'zustand';
import type {
  BackupGeneration,
  BackupRunProgress,
  BackupSettings,
  BackupsStatus,
  RecoveryOptions,
} from '../../shared/backups';
import type { AppError, Result } from '../../shared/errors';
import { callMagnum } from '../shell/call';
import { getMagnum } from '../shell/magnum';

interface BackupsState {
  status: BackupsStatus | null;
  error: AppError | null;
  saved: boolean;
  busy: boolean;
  /** The backup running now, from its events (or from the status when the screen opened mid-way). */
  running: BackupRunProgress | null;
  /** The last run that ended while this screen watched: its message stays on screen. */
  ended: BackupRunProgress | null;
  load(): Promise<void>;
  save(settings: BackupSettings): Promise<boolean>;
  backUpNow(folder?: string): Promise<void>;
  cancel(): Promise<void>;
}

export const useBackupsStore = create<BackupsState>((set, get) => ({
  status: null,
  error: null,
  saved: false,
  busy: false,
  running: null,
  ended: null,
  async load() {
    const result = await callMagnum((magnum) => magnum.backups.status({}));
    if (!result.ok) return set({ error: result.error });
    set({
      status: result.value,
      running: result.value.running?.kind === 'backup' ? result.value.running : null,
    });
  },
  async save(settings) {
    set({ busy: true, saved: false, error: null });
    const result = await callMagnum((magnum) => magnum.backups.saveSettings(settings));
    if (!result.ok) return (set({ busy: false, error: result.error }), false);
    set({ busy: false, saved: true, status: result.value });
    return true;
  },
  async backUpNow(folder) {
    set({ busy: true, error: null, ended: null });
    const result = await callMagnum((magnum) => magnum.backups.backUpNow(folder ? { folder } : {}));
    if (!result.ok) return set({ busy: false, error: result.error });
    // Its events may have come first (a small backup can end before the answer): keep what they said.
    const { running, ended } = get();
    const heard = running?.runId === result.value.runId || ended?.runId === result.value.runId;
    set({ busy: false, running: heard ? running : result.value });
  },
  async cancel() {
    const result = await callMagnum((magnum) => magnum.backups.cancel({}));
    if (!result.ok) set({ error: result.error });
  },
}));

export type RestoreMode = 'admin' | 'recovery';

interface RestoreState {
  /** Why a screen without sign-in may restore, and the places to look (recovery mode). */
  options: RecoveryOptions | null;
  optionsError: AppError | null;
  /** The folder looked in, and the backups found there. */
  folder: string | null;
  generations: BackupGeneration[] | null;
  looking: boolean;
  error: AppError | null;
  /** The restore running now, from its events; set at once when this screen starts one. */
  restoring: BackupRunProgress | null;
  requested: boolean;
  loadOptions(): Promise<void>;
  look(folder: string, mode: RestoreMode): Promise<void>;
  restore(generation: string, mode: RestoreMode): Promise<void>;
  back(): void;
}

const START: Pick<RestoreState, 'folder' | 'generations' | 'looking' | 'error' | 'restoring' | 'requested'> =
  {
    folder: null,
    generations: null,
    looking: false,
    error: null,
    restoring: null,
    requested: false,
  };

export const useRestoreStore = create<RestoreState>((set, get) => ({
  options: null,
  optionsError: null,
  ...START,
  async loadOptions() {
    const result = await callMagnum((magnum) => magnum.backups.recoveryOptions({}));
    set(result.ok ? { options: result.value, optionsError: null } : { optionsError: result.error });
  },
  async look(folder, mode) {
    set({ folder, generations: null, looking: true, error: null });
    const result = await callMagnum((magnum) =>
      mode === 'admin'
        ? magnum.backups.generations({ folder })
        : magnum.backups.recoveryGenerations({ folder }),
    );
    set(result.ok ? { looking: false, generations: result.value } : { looking: false, error: result.error });
  },
  async restore(generation, mode) {
    const folder = get().folder;
    if (!folder) return;
    set({ requested: true, error: null });
    const input = { folder, generation };
    const result: Result<unknown> = await callMagnum((magnum) =>
      mode === 'admin' ? magnum.backups.restore(input) : magnum.backups.recoveryRestore(input),
    );
    // Success ends in backups.restored, which reloads every screen (listenForRestored).
    if (!result.ok) set({ requested: false, restoring: null, error: result.error });
  },
  back() {
    set({ ...START });
  },
}));

/** Starts listening once, at app start: a backup's or restore's progress, and the restart after a restore. */
export function listenForBackups(): () => void {
  const magnum = getMagnum();
  if (!magnum) return () => {};
  const stopProgress = magnum.on('backups.progress', (progress) => {
    if (progress.kind === 'restore') {
      useRestoreStore.setState({ restoring: progress.state === 'running' ? progress : null });
      return;
    }
    if (progress.state === 'running') {
      useBackupsStore.setState({ running: progress });
    } else {
      useBackupsStore.setState({ running: null, ended: progress });
      void useBackupsStore.getState().load();
    }
  });
  // The kiosk restarted on restored data: nobody is signed in and every screen's state is stale. A fresh page at
  // the start address is the one state that is right for everyone.
  const stopRestored = magnum.on('backups.restored', () => {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    window.location.reload();
  });
  return () => {
    stopProgress();
    stopRestored();
  };
}
