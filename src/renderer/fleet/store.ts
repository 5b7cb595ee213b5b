// The fleet's central database: the admin's setup (never its password), Test connection and Sync now; and how
// syncing stands, which the status strip shows on every screen that has one, kept current by fleet.statusChanged.
import { create } from 'zustand';
import type { RawInputOf } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { ConnectionTestResult, FleetSettingsView, SyncStatus } from '../../shared/fleet';
import { callMagnum } from '../shell/call';
import { getMagnum } from '../shell/magnum';

export type FleetSettingsDraft = RawInputOf<'fleet.saveSettings'>;

/** What the last Test connection or Sync now came back with, shown under the buttons. */
export type FleetOutcome =
  | { kind: 'test'; result: ConnectionTestResult }
  | { kind: 'synced'; status: SyncStatus }
  | { kind: 'failed'; action: 'test' | 'sync'; error: AppError };

interface FleetState {
  settings: FleetSettingsView | null;
  status: SyncStatus | null;
  error: AppError | null;
  saving: boolean;
  saved: boolean;
  /** Test connection or Sync now is running. */
  busy: 'test' | 'sync' | null;
  outcome: FleetOutcome | null;
  load(): Promise<void>;
  loadStatus(): Promise<void>;
  save(draft: FleetSettingsDraft): Promise<boolean>;
  testConnection(): Promise<void>;
  syncNow(): Promise<void>;
}

export const useFleetStore = create<FleetState>((set) => ({
  settings: null,
  status: null,
  error: null,
  saving: false,
  saved: false,
  busy: null,
  outcome: null,
  async load() {
    const result = await callMagnum((magnum) => magnum.fleet.settings({}));
    set(result.ok ? { settings: result.value, error: null, saved: false } : { error: result.error });
    await useFleetStore.getState().loadStatus();
  },
  async loadStatus() {
    const result = await callMagnum((magnum) => magnum.fleet.status({}));
    if (result.ok) set({ status: result.value });
  },
  async save(draft) {
    set({ saving: true, saved: false, outcome: null });
    const result = await callMagnum((magnum) => magnum.fleet.saveSettings(draft));
    if (!result.ok) {
      set({ saving: false, error: result.error });
      return false;
    }
    set({ saving: false, settings: result.value, error: null, saved: true });
    return true;
  },
  async testConnection() {
    set({ busy: 'test', outcome: null });
    const result = await callMagnum((magnum) => magnum.fleet.testConnection({}));
    set({
      busy: null,
      outcome: result.ok
        ? { kind: 'test', result: result.value }
        : { kind: 'failed', action: 'test', error: result.error },
    });
  },
  async syncNow() {
    set({ busy: 'sync', outcome: null });
    const result = await callMagnum((magnum) => magnum.fleet.syncNow({}));
    set(
      result.ok
        ? { busy: null, status: result.value, outcome: { kind: 'synced', status: result.value } }
        : { busy: null, outcome: { kind: 'failed', action: 'sync', error: result.error } },
    );
  },
}));

/** Starts listening once, at app start: the status strip and the Settings section follow every change. */
export function listenForSyncStatus(): () => void {
  const magnum = getMagnum();
  if (!magnum) return () => {};
  return magnum.on('fleet.statusChanged', (status) => useFleetStore.setState({ status }));
}
