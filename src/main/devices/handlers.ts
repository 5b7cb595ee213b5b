import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { cameraSetupView, getActiveDeviceConfiguration, saveActiveCameraSetup } from './service';

export type DevicesHandlers = Pick<Handlers, 'devices.active' | 'devices.save'>;

export function devicesHandlers(data: DataAccess): DevicesHandlers {
  return {
    'devices.active': async () => cameraSetupView(await getActiveDeviceConfiguration(data.db())),
    'devices.save': (input, context) => saveActiveCameraSetup(data.db(), input, context.user.id),
  };
}
