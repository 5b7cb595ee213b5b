// The fleet area's channels: the admin's central database setup, and how syncing stands for every screen.
import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { FleetService } from './service';
import { statusForEveryone } from './sync/status';

export type FleetHandlers = Pick<
  Handlers,
  'fleet.settings' | 'fleet.saveSettings' | 'fleet.testConnection' | 'fleet.syncNow' | 'fleet.status'
>;

const NO_FLEET = 'Fleet syncing is not available on this kiosk host. Restart the kiosk app.';

/**
 * Without a fleet service (a kiosk whose database did not open, some tests) every channel says so, the status too,
 * like every public channel that needs the database: the status strip then stays quiet about syncing.
 */
export function fleetHandlers(service: FleetService | undefined): FleetHandlers {
  if (!service) {
    const refuse = async (): Promise<never> => {
      throw new AppFailure('UNAVAILABLE', NO_FLEET);
    };
    return {
      'fleet.settings': refuse,
      'fleet.saveSettings': refuse,
      'fleet.testConnection': refuse,
      'fleet.syncNow': refuse,
      'fleet.status': refuse,
    };
  }
  return {
    'fleet.settings': () => service.settings(),
    'fleet.saveSettings': (input, context) => service.saveSettings(input, context.user.id),
    'fleet.testConnection': (_input, context) => service.testConnection(context.user.id),
    'fleet.syncNow': (_input, context) => service.syncNow(context.user.id),
    'fleet.status': async () => statusForEveryone(await service.status()),
  };
}
