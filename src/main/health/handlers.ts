import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { HealthService } from './service';

export type HealthHandlers = Pick<Handlers, 'health.overview' | 'health.checkIntegrity'>;

const NO_HEALTH = 'Kiosk health is not available because the database is not open. The home screen says why.';

/** Without a health service (a host whose database did not open, some tests) the channels say so. */
export function healthHandlers(service: HealthService | undefined): HealthHandlers {
  if (!service) {
    const refuse = async (): Promise<never> => {
      throw new AppFailure('UNAVAILABLE', NO_HEALTH);
    };
    return { 'health.overview': refuse, 'health.checkIntegrity': refuse };
  }
  return {
    'health.overview': () => service.overview(),
    'health.checkIntegrity': () => service.checkIntegrity(),
  };
}
