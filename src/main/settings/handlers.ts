import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { readSettingsView, updateSettingsView, type StartAtLoginSetting } from './start-at-login';

export type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update'>;

export function settingsHandlers(data: DataAccess, startAtLogin: StartAtLoginSetting): SettingsHandlers {
  return {
    'settings.get': () => readSettingsView(data.db(), startAtLogin),
    'settings.update': (input, context) =>
      updateSettingsView(data.db(), startAtLogin, input, context.user.id),
  };
}
