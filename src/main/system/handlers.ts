// The `system` channels, both public. system.info: who is not signed in and not at the kiosk machine gets it
// without the kiosk's folders (folders-hidden.ts). system.reportRendererError writes up to 22 KB to the log per
// call, so it is throttled like sign-in: a script on the Wi-Fi must not rotate the kiosk's log away.
import { createPeerThrottle } from '../auth/throttle';
import { isKioskMachine } from '../auth/kiosk-machine';
import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import { withFoldersHidden } from './folders-hidden';
import type { SystemService } from './service';

export type SystemHandlers = Pick<Handlers, 'system.info' | 'system.reportRendererError'>;

/** A screen that fails more often than this a minute repeats one error; the first ones are what support needs. */
export const RENDERER_REPORTS_PER_CONNECTION = 10;
export const RENDERER_REPORTS_PER_ADDRESS = 30;
const TOO_MANY_REPORTS =
  'Too many error reports from this screen. Later ones are left out of the log for a minute; reload the screen if it keeps failing.';

export function systemHandlers(system: SystemService): SystemHandlers {
  const reports = createPeerThrottle({
    windowMs: 60_000,
    perConnection: RENDERER_REPORTS_PER_CONNECTION,
    perAddress: RENDERER_REPORTS_PER_ADDRESS,
  });
  return {
    'system.info': async (_input, context) => {
      const info = await system.info();
      return context.user || isKioskMachine(context.peer) ? info : withFoldersHidden(info);
    },
    'system.reportRendererError': (input, context) => {
      if (!reports.admit(context.peer, new Date())) throw new AppFailure('RATE_LIMITED', TOO_MANY_REPORTS);
      return system.reportRendererError(input);
    },
  };
}
