import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { readKioskSettings, updateKioskSettings } from './service';

export type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update'>;

export function settingsHandlers(data: DataAccess): SettingsHandlers {
  return {
    'settings.get': () => readKioskSettings(data.db()),
    'settings.update': (input, context) => updateKioskSettings(data.db(), input, context.user.id),
  };
}
