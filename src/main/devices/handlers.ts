import { signedInUser, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { cameraSetupView, getActiveDeviceConfiguration, saveActiveCameraSetup } from './service';

export type DeviceHandlers = Pick<Handlers, 'devices.active' | 'devices.save'>;

export function deviceHandlers(data: DataAccess): DeviceHandlers {
  return {
    'devices.active': async () => cameraSetupView(await getActiveDeviceConfiguration(data.db())),
    'devices.save': (input, context) => saveActiveCameraSetup(data.db(), input, signedInUser(context).id),
  };
}
