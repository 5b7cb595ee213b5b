// How syncing to the fleet's central database is said on screen: the status strip's one line and its age.
import type { CentralTransport, SyncStatus } from '../../shared/fleet';
import { plural } from '../format';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "just now", "2 min ago", "3 hours ago", "yesterday", "4 days ago". */
export function syncAge(iso: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - Date.parse(iso));
  if (ms < MINUTE_MS) return 'just now';
  if (ms < HOUR_MS) return `${Math.floor(ms / MINUTE_MS)} min ago`;
  if (ms < DAY_MS) return `${plural(Math.floor(ms / HOUR_MS), 'hour')} ago`;
  const days = Math.floor(ms / DAY_MS);
  return days === 1 ? 'yesterday' : `${plural(days, 'day')} ago`;
}

/** "1 change waits to sync", "12 changes wait to sync". */
export function waitingChanges(pending: number): string {
  return `${plural(pending, 'change')} ${pending === 1 ? 'waits' : 'wait'} to sync`;
}

/**
 * The status strip's line about syncing, or null when there is nothing to say (not set up, or switched off):
 * a failure first, then what waits, then when the last push went through.
 */
export function syncStatusLine(status: SyncStatus | null, now: Date): { text: string; bad: boolean } | null {
  if (!status?.configured) return null;
  if (status.lastError) return { text: `Not synced: ${status.lastError}`, bad: true };
  if (status.pending > 0) return { text: waitingChanges(status.pending), bad: false };
  if (status.lastPushAt) return { text: `Synced ${syncAge(status.lastPushAt, now)}`, bad: false };
  return { text: 'Nothing to sync yet', bad: false };
}

/** How the saved address carries the kiosk's rows, and whether that is a warning (a network could read them). */
export function transportNote(transport: CentralTransport): { text: string; warn: boolean } {
  switch (transport) {
    case 'verified':
      return { text: 'Encrypted: the server’s certificate is checked before anything is sent.', warn: false };
    case 'local':
      return { text: 'The central database is on this computer: nothing crosses a network.', warn: false };
    case 'unverified':
      return {
        text:
          'Encrypted, but any certificate is taken (sslmode=no-verify): a machine on the network could pose ' +
          'as the central database and read what the kiosk sends. Remove it once the server has a ' +
          'certificate from a public authority.',
        warn: true,
      };
    case 'plain':
      return {
        text:
          'Not encrypted (sslmode=disable): passengers’ names and sales cross the network where anyone on it ' +
          'can read them. Remove it once the server offers TLS.',
        warn: true,
      };
  }
}
