// After main reloaded this page because it had crashed or hung (electron/recovery.ts), the crew is told once what
// happened and what to check, and the reason is dropped from the address so a later reload does not repeat it.
import type { Notice } from '../../shared/system';
import { isRecoveredFrom, RECOVERED_PARAM, type RecoveredFrom } from '../../shared/ipc-channels';
import { showNotice } from './notices';

const WHAT_HAPPENED: Record<RecoveredFrom, string> = {
  crashed: 'The screen stopped and was started again.',
  unresponsive: 'The screen stopped responding and was started again.',
};
// The capture service's idle watchdog saves an abandoned take after 30 s of silence (capture/service.ts).
const WHAT_TO_DO =
  'A recording that was running is saved on its own within a minute: check its scene before filming on.';

export interface RecoveredPage {
  /** What to tell the crew; null for a reason main never writes (dropped without a word). */
  notice: Notice | null;
  /** The page's address without the reason, for history.replaceState. */
  cleanedUrl: string;
}

/** What a page reloaded by main should say, or null when it was not reloaded by main. */
export function recoveredPage(href: string): RecoveredPage | null {
  const url = new URL(href);
  if (!url.searchParams.has(RECOVERED_PARAM)) return null;
  const why = url.searchParams.get(RECOVERED_PARAM);
  url.searchParams.delete(RECOVERED_PARAM);
  return {
    notice: isRecoveredFrom(why)
      ? { level: 'warning', message: `${WHAT_HAPPENED[why]} ${WHAT_TO_DO}` }
      : null,
    cleanedUrl: `${url.pathname}${url.search}${url.hash}`,
  };
}

/** Once, at page start. */
export function noticeAfterRecovery(): void {
  const found = recoveredPage(window.location.href);
  if (!found) return;
  window.history.replaceState(window.history.state, '', found.cleanedUrl);
  if (found.notice) showNotice(found.notice);
}
