// Kiosk settings an admin changes (session length, idle lock, start at login...) and how the last save went.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { KioskSettings, SettingsView } from '../../shared/settings';
import { callMagnum } from '../shell/call';
import { useSessionStore } from '../auth/session';

interface SettingsState {
  settings: SettingsView | null;
  error: AppError | null;
  saved: boolean;
  load(): Promise<void>;
  save(change: Partial<KioskSettings>): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  error: null,
  saved: false,
  async load() {
    const result = await callMagnum((magnum) => magnum.settings.get({}));
    set(result.ok ? { settings: result.value, error: null, saved: false } : { error: result.error });
  },
  async save(change) {
    const result = await callMagnum((magnum) => magnum.settings.update(change));
    if (!result.ok) return set({ error: result.error, saved: false });
    set({ settings: result.value, error: null, saved: true });
    useSessionStore.setState({ idleLockMinutes: result.value.idleLockMinutes });
  },
}));
