// The `exports` channels: queueing, listing, cancelling and retrying the video and photo jobs.
import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { ExportService } from './service';

export type ExportsHandlers = Pick<
  Handlers,
  'exports.queue' | 'exports.list' | 'exports.cancel' | 'exports.retry'
>;

/** Without an export service (a host without a data folder, some tests) the channels say so. */
export async function exportsUnavailable(): Promise<never> {
  throw new AppFailure('UNAVAILABLE', 'Exports are not available on this kiosk host. Restart the kiosk app.');
}

export function exportsHandlers(service: ExportService | undefined): ExportsHandlers {
  if (!service) {
    return {
      'exports.queue': exportsUnavailable,
      'exports.list': exportsUnavailable,
      'exports.cancel': exportsUnavailable,
      'exports.retry': exportsUnavailable,
    };
  }
  return {
    'exports.queue': (input, context) => service.queue(input, context.user),
    'exports.list': (input, context) => service.list(input, context.user),
    'exports.cancel': (input, context) => service.cancel(input.jobId, context.user),
    'exports.retry': (input, context) => service.retry(input.jobId, context.user),
  };
}
