// The sync agent: pushes the change log to the fleet's central database in the background of the services
// process, without ever holding up the kiosk. Settings, the status strip and "Sync now" talk to it through
// FleetSyncAgent only.
//
// One loop, one batch at a time: read up to 500 entries (a short SQLite read), write them centrally in one
// transaction that also moves the station's cursor (central-writer.ts), then remove them from the log. A cut
// between the central commit and the removal only means those upserts are sent again, which changes nothing;
// on each (re)connect the central cursor says where to resume (resume.ts). No kiosk request waits for it: the
// agent notices new changes by looking at the log every half second, and nothing else awaits it.
//
// The central connection is opened when there is something to send, with the saved settings (the password is
// opened in memory only and never logged), its schema checked once per connection. When the server cannot be
// reached or refuses, the reason goes to the status strip in plain words and the agent tries again after 2 s,
// then 4, 8... up to 60 s (at once when the admin saves new settings or taps Sync now). Nothing is skipped: a
// batch the database refuses is retried as a whole, so a later change never lands before an earlier one.
import type { Logger } from 'pino';
import type { Kysely } from 'kysely';
import type { Database } from '../../../../db/schema';
import type { ConnectionTestResult, SyncStatus } from '../../../shared/fleet';
import type { DataAccess } from '../../data-access';
import { AppFailure } from '../../errors';
import type { SecretBoxes } from '../../mail/settings';
import {
  CentralDatabaseError,
  checkCentralSchema,
  describeUrl,
  explainCentralError,
  openCentral,
} from '../central/connect';
import type { CentralDb } from '../central/connect';
import { connectionStringOf, openFleetConnection } from '../settings';
import { readStationIdentity } from '../station';
import { LOCAL_FAILURE, markPushed, plainFailure, readBatch, recordFailure } from './change-log';
import { pushBatch, pushingStationOf, readCentralCursor } from './central-writer';
import { testCentralConnection } from './connection-test';
import { resumeFromCentralCursor } from './resume';
import type { SyncStatusWatch } from './status';

export interface FleetSyncAgent {
  /** How syncing stands now, without waiting (the last status read; see status.ts). */
  status(): SyncStatus;
  /** Connects with the saved settings and says in plain words whether this kiosk gets in. */
  testConnection(): Promise<ConnectionTestResult>;
  /** Pushes what waits now; rejects with a plain reason when it cannot. */
  syncNow(): Promise<void>;
  /** Stops: lets the batch in flight finish, then closes the central connection. */
  close(): Promise<void>;
}

export interface SyncTiming {
  /** How often the log and the settings are looked at while nothing is being sent (ms). */
  checkEveryMs: number;
  /** The wait after the first failure (ms); it doubles with each failure in a row... */
  firstRetryMs: number;
  /** ...up to this (ms). */
  lastRetryMs: number;
  /** Entries per batch: one SQLite read and one central transaction each. */
  batchSize: number;
  /** How long to wait for the central server to answer a connection (ms). */
  connectTimeoutMs: number;
  /** How long close() waits for the batch in flight before letting the kiosk stop anyway (ms). */
  closeWaitMs: number;
}

export const SYNC_TIMING: SyncTiming = {
  checkEveryMs: 500,
  firstRetryMs: 2_000,
  lastRetryMs: 60_000,
  batchSize: 500,
  connectTimeoutMs: 10_000,
  closeWaitMs: 5_000,
};

export interface SyncAgentOptions {
  data: DataAccess;
  dataDir: string;
  boxes: SecretBoxes;
  watch: SyncStatusWatch;
  logger: Logger;
  timing?: Partial<SyncTiming>;
}

export const SYNCING_OFF = 'Syncing is off. Save the central database with syncing on first.';
export const SHUTTING_DOWN = 'The kiosk is shutting down; its changes are sent when it runs again.';

/** How one try ended: nothing to do (syncing off), everything sent, or why not. */
type Outcome = { kind: 'off' } | { kind: 'synced' } | { kind: 'failed'; reason: string };

/** One connection to the central database, from the settings it was opened with until it fails or they change. */
interface Session {
  /** The settings row it was opened with (see settingsStamp). */
  stamp: string;
  /** With the password: for node-postgres and explainCentralError only. */
  url: string;
  /** What may be said and logged: no password. */
  where: string;
  secrets: string[];
  central: CentralDb;
  /** The schema was checked and the log agreed with the central cursor. */
  ready: boolean;
}

/**
 * The saved settings as they stand: `stamp` changes with any change (address, password, switch), which makes a
 * new session; whether syncing is on.
 */
async function readSettingsStamp(db: Kysely<Database>): Promise<{ stamp: string; enabled: boolean }> {
  const row = await db
    .selectFrom('fleet_settings')
    .select(['enabled', 'url', 'password_encrypted', 'password_box', 'updated_at'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) return { stamp: 'none', enabled: false };
  const stamp = JSON.stringify([
    row.enabled,
    row.url,
    row.password_encrypted ? Buffer.from(row.password_encrypted).toString('base64') : null,
    row.password_box,
    row.updated_at,
  ]);
  return { stamp, enabled: row.enabled === 1 };
}

async function hasPending(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('sync_changes').select('seq').limit(1).executeTakeFirst()) !== undefined;
}

/** A failure on the kiosk's side (its database, its keychain) in plain words. */
function localReason(error: unknown): string {
  if (error instanceof AppFailure) return error.message;
  return `${LOCAL_FAILURE}: ${(error as Error).message}`;
}

/** Sleeps that end early when woken (a change to send, Sync now, close). */
function createAlarm() {
  let ring: (() => void) | null = null;
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        // The agent never keeps a process alive by itself.
        timer.unref();
        function done() {
          clearTimeout(timer);
          ring = null;
          resolve();
        }
        ring = done;
      }),
    wake: () => ring?.(),
  };
}

interface Request {
  resolve(outcome: Outcome): void;
}

export function createFleetSyncAgent(options: SyncAgentOptions): FleetSyncAgent {
  const { data, dataDir, boxes, watch, logger } = options;
  const timing = { ...SYNC_TIMING, ...options.timing };
  const alarm = createAlarm();
  let closed = false;
  let session: Session | null = null;
  let failuresInARow = 0;
  let lastReason: string | null = null;
  let requests: Request[] = [];
  /** The settings the last try saw: a different stamp ends a wait at once. */
  let seenStamp: string | null = null;

  const refreshStatus = () =>
    watch.refresh().catch((error: unknown) => {
      logger.warn({ err: error }, 'could not read the sync status');
    });

  async function endSession(): Promise<void> {
    const ending = session;
    session = null;
    await ending?.central.destroy().catch(() => {});
  }

  /** Runs central work, turning whatever it throws into plain words (CentralDatabaseError). */
  async function centrally<T>(open: Session, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw explainCentralError(error, open.url);
    }
  }

  async function connect(db: Kysely<Database>, stamp: string): Promise<Session | null> {
    const connection = await openFleetConnection(db, boxes);
    if (!connection?.enabled) return null;
    const url = connectionStringOf(connection);
    return {
      stamp,
      url,
      where: describeUrl(url),
      secrets: connection.password ? [connection.password, encodeURIComponent(connection.password)] : [],
      central: openCentral(url, { maxConnections: 2, connectTimeoutMs: timing.connectTimeoutMs }),
      ready: false,
    };
  }

  /** Sends everything that waits, a batch at a time, until the log is empty or the agent closes. */
  async function pushAll(db: Kysely<Database>, open: Session): Promise<void> {
    const station = pushingStationOf(await readStationIdentity(db, dataDir));
    if (!open.ready) {
      await checkCentralSchema(open.central, open.url);
      const cursor = await centrally(open, () => readCentralCursor(open.central, station.id));
      const resumed = await resumeFromCentralCursor(db, cursor, data.now());
      open.ready = true;
      logger.info({ central: open.where, station: station.id, cursor, resumed }, 'fleet sync connected');
      if (resumed.kind === 'moved') {
        logger.warn(
          { cursor, logWasAt: resumed.from, entries: resumed.entries },
          'the central database holds more of this station than its change log ever had (restored from a backup?): waiting changes now follow its cursor',
        );
      }
    }
    let statusReadAt = 0;
    while (!closed) {
      const entries = await readBatch(db, { limit: timing.batchSize });
      const last = entries.at(-1);
      if (!last) break;
      const started = performance.now();
      const result = await centrally(open, () => pushBatch(open.central, station, entries, last.seq));
      await markPushed(db, last.seq, data.now());
      logger.debug(
        {
          entries: entries.length,
          rows: result.rows,
          cursor: result.cursor,
          ms: performance.now() - started,
        },
        'fleet sync pushed a batch',
      );
      // The status strip hears of a long first push about once a second, not once a batch.
      if (Date.now() - statusReadAt > 1_000) {
        statusReadAt = Date.now();
        await refreshStatus();
      }
    }
  }

  async function failed(db: Kysely<Database>, reason: string, secrets: string[]): Promise<Outcome> {
    failuresInARow += 1;
    const plain = plainFailure(reason, secrets);
    await recordFailure(db, plain, { now: data.now(), secrets }).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not record why the fleet sync failed');
    });
    await refreshStatus();
    // Once per reason, not once per retry: a kiosk offline for a day would fill its log otherwise.
    if (plain !== lastReason) logger.warn({ reason: plain }, 'fleet sync failed; it tries again');
    else logger.debug({ reason: plain, failuresInARow }, 'fleet sync failed again');
    lastReason = plain;
    return { kind: 'failed', reason: plain };
  }

  /** One try: (re)connect when needed, then send all that waits. Never throws. */
  async function attempt(asked: boolean): Promise<Outcome> {
    let db: Kysely<Database>;
    try {
      db = data.db();
    } catch {
      return { kind: 'off' }; // the kiosk's database is not open: nothing to send from
    }
    try {
      const { stamp, enabled } = await readSettingsStamp(db);
      seenStamp = stamp;
      if (session?.stamp !== stamp) await endSession();
      if (!enabled) return { kind: 'off' };
      if (!session) {
        // Lazily: a kiosk with nothing to send does not connect until it has (or is asked).
        if (!asked && !(await hasPending(db))) return { kind: 'synced' };
        session = await connect(db, stamp);
        if (!session) return { kind: 'off' };
      }
    } catch (error) {
      return await failed(db, localReason(error), []);
    }

    const open = session;
    try {
      await pushAll(db, open);
      if (failuresInARow > 0) logger.info({ central: open.where }, 'fleet sync works again');
      failuresInARow = 0;
      lastReason = null;
      await refreshStatus();
      return { kind: 'synced' };
    } catch (error) {
      // A new connection next time: its schema checked again and its cursor read again.
      await endSession();
      const reason = error instanceof CentralDatabaseError ? error.message : localReason(error);
      return await failed(db, reason, open.secrets);
    }
  }

  /** Waits until there is a reason to try again; see the header for which. */
  async function pause(outcome: Outcome): Promise<void> {
    const retryAt =
      outcome.kind === 'failed'
        ? Date.now() +
          Math.min(timing.lastRetryMs, timing.firstRetryMs * 2 ** Math.min(30, failuresInARow - 1))
        : Infinity;
    for (;;) {
      if (closed || requests.length > 0) return;
      await alarm.sleep(Math.max(0, Math.min(timing.checkEveryMs, retryAt - Date.now())));
      if (closed || requests.length > 0) return;
      try {
        const db = data.db();
        if ((await readSettingsStamp(db)).stamp !== seenStamp) return;
        if (outcome.kind === 'failed') {
          if (Date.now() >= retryAt) return;
        } else if (outcome.kind === 'synced' && (await hasPending(db))) {
          return;
        }
      } catch {
        // The kiosk's database is closed or busy this moment: look again at the next tick.
      }
    }
  }

  async function run(): Promise<void> {
    while (!closed) {
      const asked = requests;
      requests = [];
      const outcome = await attempt(asked.length > 0);
      for (const request of asked) request.resolve(outcome);
      if (closed) break;
      await pause(outcome);
    }
    await endSession();
    for (const request of requests) request.resolve({ kind: 'failed', reason: SHUTTING_DOWN });
    requests = [];
  }

  const running = run().catch((error: unknown) => {
    logger.error({ err: error }, 'the fleet sync agent stopped');
  });

  return {
    status: () => watch.current(),

    testConnection: () =>
      testCentralConnection({ data, dataDir, boxes, connectTimeoutMs: timing.connectTimeoutMs }),

    async syncNow() {
      if (closed) throw new AppFailure('UNAVAILABLE', SHUTTING_DOWN);
      const outcome = await new Promise<Outcome>((resolve) => {
        requests.push({ resolve });
        alarm.wake();
      });
      if (outcome.kind === 'off') throw new AppFailure('CONFLICT', SYNCING_OFF);
      if (outcome.kind === 'failed') throw new AppFailure('UNAVAILABLE', outcome.reason);
    },

    async close() {
      closed = true;
      alarm.wake();
      // A server that stopped answering mid-batch (a cut without a reset) must not hold up the kiosk's shutdown:
      // what it had not committed is sent again next time.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), timing.closeWaitMs);
      });
      const ended = await Promise.race([running.then(() => 'done' as const), late]);
      clearTimeout(timer);
      if (ended === 'late') {
        logger.warn(
          { waitedMs: timing.closeWaitMs },
          'the central database did not answer in time; the kiosk stops without waiting for the batch in flight',
        );
        void endSession();
      }
    },
  };
}
