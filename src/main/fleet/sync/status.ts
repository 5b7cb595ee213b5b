// How syncing stands, for the status strip and the Settings screen: read from the log and sync_state, kept in
// memory so the agent can answer at once, and sent to the screens as fleet.statusChanged only when it changed.
// While syncing is on it is read again every few seconds (changes that wait grow with every sale); while it is
// off nothing is polled, and it is read when someone asks.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../../../db/schema';
import type { SyncStatus } from '../../../shared/fleet';
import type { DataAccess } from '../../data-access';
import type { EventHub } from '../../ipc/events';
import { CENTRAL_FAILED, SECURE_CONNECTION_FAILED } from '../central/connect';
import { syncSwitchedOn } from '../settings';
import { LOCAL_FAILURE, pendingCount, readSyncState } from './change-log';

export const STATUS_POLL_MS = 10_000;

export const NOT_CONFIGURED: SyncStatus = {
  configured: false,
  pending: 0,
  lastPushAt: null,
  lastError: null,
};

export async function readSyncStatus(db: Kysely<Database>): Promise<SyncStatus> {
  const [configured, pending, state] = await Promise.all([
    syncSwitchedOn(db),
    pendingCount(db),
    readSyncState(db),
  ]);
  return { configured, pending, lastPushAt: state.last_push_at, lastError: state.last_error };
}

/**
 * The status as every screen may see it, signed in or not (the status strip under the sign-in screen, and any
 * device on the kiosk's network): the reason without where the central database is and as whom the kiosk
 * signs in, which only an admin needs (Settings → Central database, Test connection).
 */
export function statusForEveryone(status: SyncStatus): SyncStatus {
  if (!status.lastError) return status;
  return { ...status, lastError: reasonForEveryone(status.lastError) };
}

/** Explanations that end in another program's own words, which may name the server or a folder. */
const OTHERS_WORDS = [SECURE_CONNECTION_FAILED, CENTRAL_FAILED, LOCAL_FAILURE];

/** A failure's reason without where the central database is, as whom, or any other program's words. */
export function reasonForEveryone(reason: string): string {
  const opening = OTHERS_WORDS.find((start) => reason.startsWith(start));
  if (opening) return `${opening}. An admin sees why under Settings → Central database.`;
  return reason.replace(
    / \((?:database [^()]+ on [^()\s]+ as [^()]+|a (?:database )?URL that [^()]*)\)(?=[:.,;])/g,
    '',
  );
}

const same = (a: SyncStatus, b: SyncStatus) =>
  a.configured === b.configured &&
  a.pending === b.pending &&
  a.lastPushAt === b.lastPushAt &&
  a.lastError === b.lastError;

export interface SyncStatusWatch {
  /** The last status read (NOT_CONFIGURED before the first read). */
  current(): SyncStatus;
  /** Reads it now; the screens hear of it when it differs from the last. */
  refresh(): Promise<SyncStatus>;
  close(): void;
}

export function createSyncStatusWatch(options: {
  data: DataAccess;
  events: Pick<EventHub, 'emit'>;
  logger: Logger;
  pollMs?: number;
}): SyncStatusWatch {
  const { data, events, logger } = options;
  let current = NOT_CONFIGURED;
  let closed = false;
  let reading: Promise<SyncStatus> | null = null;

  async function read(): Promise<SyncStatus> {
    const next = await readSyncStatus(data.db());
    if (!same(next, current)) {
      current = next;
      if (!closed) events.emit('fleet.statusChanged', statusForEveryone(next));
    }
    return current;
  }

  // One read at a time: a poll and a screen's question at the same moment share it.
  const refresh = () => {
    reading ??= read().finally(() => {
      reading = null;
    });
    return reading;
  };

  const timer = setInterval(() => {
    if (!current.configured) return;
    refresh().catch((error: unknown) => logger.warn({ err: error }, 'could not read the sync status'));
  }, options.pollMs ?? STATUS_POLL_MS);
  timer.unref();
  refresh().catch((error: unknown) => logger.warn({ err: error }, 'could not read the sync status'));

  return {
    current: () => current,
    refresh,
    close() {
      closed = true;
      clearInterval(timer);
    },
  };
}
