import { signedInUser } from '../data-access';
import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { ExportService } from './service';

export type ExportHandlers = Pick<
  Handlers,
  'exports.queue' | 'exports.list' | 'exports.cancel' | 'exports.retry' | 'photos.sources' | 'photos.import'
>;

const NO_EXPORTS = 'Exports are not available on this kiosk host. Restart the kiosk app.';

/** Without an export service (a host without a data folder, some tests) the channels say so. */
export function exportHandlers(service: ExportService | undefined): ExportHandlers {
  const refuse = async (): Promise<never> => {
    throw new AppFailure('UNAVAILABLE', NO_EXPORTS);
  };
  if (!service) {
    return {
      'exports.queue': refuse,
      'exports.list': refuse,
      'exports.cancel': refuse,
      'exports.retry': refuse,
      'photos.sources': refuse,
      'photos.import': refuse,
    };
  }
  return {
    'exports.queue': (input, context) => service.queue(input, signedInUser(context)),
    'exports.list': (input, context) => service.list(input, signedInUser(context)),
    'exports.cancel': (input, context) => service.cancel(input.jobId, signedInUser(context)),
    'exports.retry': (input, context) => service.retry(input.jobId, signedInUser(context)),
    'photos.sources': () => service.photoSources(),
    'photos.import': (input, context) => service.importPhotos(input, signedInUser(context)),
  };
}
