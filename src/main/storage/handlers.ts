import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { StorageService } from './service';

export type StorageHandlers = Pick<
  Handlers,
  | 'storage.overview'
  | 'storage.rules'
  | 'storage.setRules'
  | 'storage.preview'
  | 'storage.apply'
  | 'storage.check'
  | 'storage.resolveOrphans'
>;

const NO_STORAGE =
  'The storage figures are not available on this kiosk host: its database did not open. The home screen says why.';

/** Without a storage service (a host whose database did not open, some tests) the channels say so. */
export function storageHandlers(service: StorageService | undefined): StorageHandlers {
  if (!service) {
    const refuse = async (): Promise<never> => {
      throw new AppFailure('UNAVAILABLE', NO_STORAGE);
    };
    return {
      'storage.overview': refuse,
      'storage.rules': refuse,
      'storage.setRules': refuse,
      'storage.preview': refuse,
      'storage.apply': refuse,
      'storage.check': refuse,
      'storage.resolveOrphans': refuse,
    };
  }
  return {
    'storage.overview': (input) => service.overview(input),
    'storage.rules': () => service.rules(),
    'storage.setRules': (input, context) => service.setRules(input, context.user.id),
    'storage.preview': () => service.preview(),
    'storage.apply': (input, context) => service.apply(input.flights, context.user.id),
    'storage.check': () => service.check(),
    'storage.resolveOrphans': (input, context) =>
      service.resolveOrphans(input.action, input.paths, context.user.id),
  };
}
