// The last line of defence for both hosts: an error nobody caught is logged and the kiosk keeps serving.
// Node's default (print and exit 1) would end every screen, a recording in progress and the customers'
// downloads because of one failed write; a kiosk's work is per call, so one broken call is the lesser harm.
import type { Logger } from 'pino';
import { storageProblem } from '../errors';

const REPORT_WINDOW_MS = 10_000;
const REPORTS_PER_WINDOW = 20;

export interface UnexpectedErrorLog {
  /** The app's log once it exists; before that (and if it fails) lines go to stderr. */
  logger(): Logger | undefined;
}

export function keepServingOnUnexpectedErrors({ logger }: UnexpectedErrorLog): void {
  // A log that itself fails (its disk is full) raises another uncaught error per line: after a burst, stderr
  // only, so a broken log cannot feed itself forever.
  let windowStart = 0;
  let loggedInWindow = 0;
  const report = (error: unknown, origin: string) => {
    const now = Date.now();
    if (now - windowStart > REPORT_WINDOW_MS) {
      windowStart = now;
      loggedInWindow = 0;
    }
    const log = loggedInWindow < REPORTS_PER_WINDOW ? logger() : undefined;
    if (log) {
      loggedInWindow += 1;
      try {
        log.error(
          { err: error, origin, problem: storageProblem(error)?.problem },
          'unexpected error; serving on',
        );
        return;
      } catch {
        // fall through to stderr
      }
    }
    console.error(`Unexpected error (${origin}); the kiosk keeps serving:`, error);
  };
  process.on('uncaughtException', (error, origin) => report(error, origin));
  process.on('unhandledRejection', (reason) => report(reason, 'unhandledRejection'));
  // Bookkeeping that may fail without failing anyone's call (a session's last-seen time) warns this way.
  process.on('warning', (warning) => {
    if (warning.name === 'MagnumBookkeeping')
      logger()?.warn({ warning: warning.message }, 'bookkeeping skipped');
  });
}
