// The admin's e-mail setup: the saved account (never its password), saving it, and "Send a test".
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { MailSettingsView, MailTestResult } from '../../shared/mail';
import type { RawInputOf } from '../../shared/contract';
import { callMagnum } from '../shell/call';

export type MailSettingsDraft = RawInputOf<'mail.saveSettings'>;

interface MailState {
  settings: MailSettingsView | null;
  error: AppError | null;
  saving: boolean;
  saved: boolean;
  testing: boolean;
  test: { ok: true; result: MailTestResult } | { ok: false; error: AppError } | null;
  load(): Promise<void>;
  save(draft: MailSettingsDraft): Promise<boolean>;
  sendTest(to: string): Promise<void>;
}

export const useMailStore = create<MailState>((set) => ({
  settings: null,
  error: null,
  saving: false,
  saved: false,
  testing: false,
  test: null,
  async load() {
    const result = await callMagnum((magnum) => magnum.mail.settings({}));
    set(result.ok ? { settings: result.value, error: null, saved: false } : { error: result.error });
  },
  async save(draft) {
    set({ saving: true, saved: false, test: null });
    const result = await callMagnum((magnum) => magnum.mail.saveSettings(draft));
    if (!result.ok) {
      set({ saving: false, error: result.error });
      return false;
    }
    set({ saving: false, settings: result.value, error: null, saved: true });
    return true;
  },
  async sendTest(to) {
    set({ testing: true, test: null });
    const result = await callMagnum((magnum) => magnum.mail.sendTest({ to }));
    set({
      testing: false,
      test: result.ok ? { ok: true, result: result.value } : { ok: false, error: result.error },
    });
  },
}));
