// What the kiosk refused (a permission, an IPC call from a frame not ours) goes to the log, so a page probing the
// shell is visible afterwards. Rate-limited: a page asking in a loop must not fill the disk with the same line,
// and Chromium's own routine checks (the microphone's, each time the cameras are listed) log once per window.
import type { Logger } from 'pino';

export type RefusalKind = 'permission-request' | 'permission-check' | 'ipc-sender';

export interface Refusal {
  kind: RefusalKind;
  /** The permission asked for, or the IPC channel called. */
  what: string;
  /** The asking page's address or origin, as Electron reports it. */
  url: string | undefined;
  reason: string;
}

export interface RefusalLogOptions {
  /**
   * Lines per window; a refusal already logged in this window, or one past the budget, is only counted, and the
   * count is logged with the next line.
   */
  perWindow?: number;
  windowMs?: number;
  now?: () => number;
}

export type RefusalLog = (refusal: Refusal) => void;

const DEFAULT_PER_WINDOW = 20;
const DEFAULT_WINDOW_MS = 60_000;
/** An address is the page's, not a secret, but a page may make it huge: only its first part is kept. */
const URL_KEPT_CHARS = 200;

export function createRefusalLog(
  logger: () => Logger | undefined,
  { perWindow = DEFAULT_PER_WINDOW, windowMs = DEFAULT_WINDOW_MS, now = Date.now }: RefusalLogOptions = {},
): RefusalLog {
  let windowStart = -Infinity;
  let logged = 0;
  let suppressed = 0;
  const seen = new Set<string>();
  return ({ kind, what, url, reason }) => {
    const at = now();
    if (at - windowStart >= windowMs) {
      windowStart = at;
      logged = 0;
      seen.clear();
    }
    const key = JSON.stringify([kind, what, url, reason]);
    if (logged >= perWindow || seen.has(key)) {
      suppressed += 1;
      return;
    }
    const log = logger();
    if (!log) return;
    logged += 1;
    seen.add(key);
    const fields = {
      refused: kind,
      what: what.slice(0, URL_KEPT_CHARS),
      url: (url ?? '(none)').slice(0, URL_KEPT_CHARS),
      reason,
      ...(suppressed > 0 ? { suppressedBefore: suppressed } : {}),
    };
    suppressed = 0;
    log.warn(fields, 'refused');
  };
}
