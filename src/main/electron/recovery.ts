// A kiosk nobody watches must come back on its own: a crashed page is reloaded (and says so afterwards), a hung
// one is ended and reloaded after a grace time, a page that fails to load shows plain words and is retried with
// growing pauses. A page that keeps crashing gets the error page instead of a reload loop. Takes that were
// running are saved by the capture service's idle watchdog (no more chunks arrive), and resumed as after a crash.
import type { App, BrowserWindow, Details, RenderProcessGoneDetails } from 'electron';
import type { Logger } from 'pino';
import { RECOVERED_PARAM, type RecoveredFrom } from '../../shared/ipc-channels';
import { isLoadFailedUrl, loadFailedUrl } from './load-failed';

export interface RecoveryOptions {
  window: BrowserWindow;
  logger: () => Logger | undefined;
  /** The page the window shows: loaded again after a crash or a failed load. */
  entryUrl: string;
  /** Whether the reloaded page is told why (the kiosk: yes; the customer screen: the crew is not there). */
  tellAfterReload?: boolean;
  /** How long a hung page gets before it is ended and reloaded; `responsive` in time cancels. */
  unresponsiveGraceMs?: number;
  /** This many crashes (or hangs) within `crashLoopMs` shows the error page instead of reloading again. */
  crashLoopCount?: number;
  crashLoopMs?: number;
  /** After a crash loop the error page stays this long, then the app is tried again (nobody may be there). */
  crashLoopRetryMs?: number;
  now?: () => number;
}

const UNRESPONSIVE_GRACE_MS = 10_000;
const CRASH_LOOP_COUNT = 3;
const CRASH_LOOP_MS = 60_000;
const CRASH_LOOP_RETRY_MS = 5 * 60_000;
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;
/** Chromium's ERR_ABORTED: a load replaced by another one (a reload, a route change), not a failure. */
const ERR_ABORTED = -3;

/** Where the page goes after a crash or a hang: the entry page, with the reason when the page is to be told. */
export function reloadUrl(entryUrl: string, why: RecoveredFrom, tell: boolean): string {
  if (!tell) return entryUrl;
  const url = new URL(entryUrl);
  url.searchParams.set(RECOVERED_PARAM, why);
  return url.toString();
}

/** 1 s, 2 s, 4 s ... at most 30 s, for the nth failed load in a row (n from 1). */
export function retryDelayMs(failuresInARow: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failuresInARow - 1), LONGEST_RETRY_MS);
}

/** Watches one window's page and brings it back; returns a function that stops watching (also done on close). */
export function installRecovery({
  window,
  logger,
  entryUrl,
  tellAfterReload = true,
  unresponsiveGraceMs = UNRESPONSIVE_GRACE_MS,
  crashLoopCount = CRASH_LOOP_COUNT,
  crashLoopMs = CRASH_LOOP_MS,
  crashLoopRetryMs = CRASH_LOOP_RETRY_MS,
  now = Date.now,
}: RecoveryOptions): () => void {
  const contents = window.webContents;
  let troubles: number[] = [];
  let failedLoads = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let hangTimer: NodeJS.Timeout | undefined;
  /** Set while main itself ends a hung page: its `render-process-gone` is expected, the reload already asked. */
  let endingHungPage = false;

  const load = (url: string) => {
    if (window.isDestroyed()) return;
    contents.loadURL(url).catch(() => {
      // A failed load is reported by did-fail-load as well, and handled there.
    });
  };

  /** Counts a crash or hang; true when there were too many lately and the error page is shown instead. */
  const troubleLoops = (): boolean => {
    const at = now();
    troubles = [...troubles.filter((time) => at - time < crashLoopMs), at];
    if (troubles.length < crashLoopCount) return false;
    logger()?.error(
      { crashes: troubles.length, withinMs: crashLoopMs },
      'the screen keeps stopping; showing the error page instead of reloading',
    );
    clearTimeout(retryTimer);
    load(loadFailedUrl('crash-loop'));
    // An unattended kiosk must not stay on the error page for good: the app is tried again later.
    retryTimer = setTimeout(() => {
      troubles = [];
      load(reloadUrl(entryUrl, 'crashed', tellAfterReload));
    }, crashLoopRetryMs);
    return true;
  };

  const onGone = (_event: unknown, { reason, exitCode }: RenderProcessGoneDetails) => {
    if (reason === 'clean-exit') return;
    if (endingHungPage) {
      endingHungPage = false;
      logger()?.warn({ reason, exitCode }, 'the hung screen was ended');
      return;
    }
    logger()?.error({ reason, exitCode }, 'the screen stopped; reloading it');
    if (!troubleLoops()) load(reloadUrl(entryUrl, 'crashed', tellAfterReload));
  };

  const onUnresponsive = () => {
    if (hangTimer) return;
    logger()?.warn({ graceMs: unresponsiveGraceMs }, 'the screen does not respond; waiting before reloading');
    hangTimer = setTimeout(() => {
      hangTimer = undefined;
      if (window.isDestroyed()) return;
      logger()?.error({ graceMs: unresponsiveGraceMs }, 'the screen still does not respond; reloading it');
      if (troubleLoops()) return;
      // Electron's advice for a hung page: end its process, so the reload starts in a fresh one.
      endingHungPage = true;
      contents.forcefullyCrashRenderer();
      load(reloadUrl(entryUrl, 'unresponsive', tellAfterReload));
    }, unresponsiveGraceMs);
  };

  const onResponsive = () => {
    if (!hangTimer) return;
    clearTimeout(hangTimer);
    hangTimer = undefined;
    logger()?.info('the screen responds again');
  };

  const onFailLoad = (
    _event: unknown,
    errorCode: number,
    errorDescription: string,
    validatedURL: string,
    isMainFrame: boolean,
  ) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    if (isLoadFailedUrl(validatedURL)) {
      // The error page itself did not load: the retry already planned is all that is left to do.
      logger()?.error({ errorCode, errorDescription }, 'the error page did not load either');
      return;
    }
    failedLoads += 1;
    const retryInMs = retryDelayMs(failedLoads);
    logger()?.error(
      { errorCode, errorDescription, url: validatedURL.slice(0, 200), failedLoads, retryInMs },
      'the screen did not load; showing the error page and trying again',
    );
    clearTimeout(retryTimer);
    load(loadFailedUrl('load-failed', retryInMs));
    retryTimer = setTimeout(() => load(entryUrl), retryInMs);
  };

  const onLoaded = () => {
    if (isLoadFailedUrl(contents.getURL())) return;
    failedLoads = 0;
    clearTimeout(retryTimer);
  };

  contents.on('render-process-gone', onGone);
  contents.on('did-fail-load', onFailLoad);
  contents.on('did-finish-load', onLoaded);
  window.on('unresponsive', onUnresponsive);
  window.on('responsive', onResponsive);

  const stop = () => {
    clearTimeout(retryTimer);
    clearTimeout(hangTimer);
    hangTimer = undefined;
    contents.off('render-process-gone', onGone);
    contents.off('did-fail-load', onFailLoad);
    contents.off('did-finish-load', onLoaded);
    window.off('unresponsive', onUnresponsive);
    window.off('responsive', onResponsive);
  };
  window.once('closed', stop);
  return stop;
}

/**
 * Electron's helper processes (GPU, network, utility) going away is logged: a GPU process that keeps dying
 * explains a black screen afterwards. Electron restarts them itself.
 */
export function logChildProcessesGone(app: App, logger: () => Logger | undefined): void {
  app.on('child-process-gone', (_event: unknown, details: Details) => {
    const { type, reason, exitCode, serviceName, name } = details;
    const fields = { type, reason, exitCode, serviceName, name };
    if (reason === 'clean-exit') logger()?.info(fields, 'a helper process ended');
    else logger()?.error(fields, 'a helper process stopped');
  });
}
