// What the sync tests and bench:sync share: the fleet's central database (a private PostgreSQL server set up as
// an operator would, with npm run fleet:setup's schema and kiosks' role; a superuser's handle reads every
// station's rows back as stored), kiosks' data folders with their settings saved, both sides' rows compared
// table by table, and a TCP link to cut between them. No vitest here: bench/sync.ts uses it too.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { openDatabase } from '../../../../db/open';
import type { MagnumDatabase } from '../../../../db/open';
import { kioskIdOf } from '../../backups/engine/kiosk-id';
import { createDataAccess } from '../../data-access';
import type { DataAccess } from '../../data-access';
import { createLocalKeyBox } from '../../mail/secret-box';
import type { SecretBoxes } from '../../mail/settings';
import { openCentral } from '../central/connect';
import type { CentralDb } from '../central/connect';
import type { CentralTableName } from '../central/schema';
import { setUpCentral } from '../central/setup';
import { startTestPostgres } from '../test-support/postgres';
import type { TestPostgres } from '../test-support/postgres';
import { saveFleetSettings } from '../settings';
import { SYNCED_TABLES } from '../tables';
import type { SyncedTable } from '../tables';
import { createFleetSyncAgent } from './agent';
import type { FleetSyncAgent, SyncTiming } from './agent';
import { createSyncStatusWatch } from './status';
import type { SyncStatusWatch } from './status';

export const APP_ROLE = 'magnum_app';
export const APP_PASSWORD = 'kiosk-app-password-21';

export interface FleetDatabase {
  server: TestPostgres;
  /** The kiosks' role, as a kiosk's settings would hold it (with the password). */
  appUrl: string;
  /** The superuser, who reads past the row rules: what the tests compare with the kiosks. */
  owner: CentralDb;
  stop(): Promise<void>;
}

export async function startFleetDatabase(): Promise<FleetDatabase> {
  const server = await startTestPostgres();
  try {
    const ownerUrl = await server.createDatabase('fleet');
    await setUpCentral({ ownerUrl, appRole: APP_ROLE, appPassword: APP_PASSWORD });
    const url = new URL(ownerUrl);
    url.username = APP_ROLE;
    url.password = encodeURIComponent(APP_PASSWORD);
    const owner = openCentral(ownerUrl, { maxConnections: 2 });
    return {
      server,
      appUrl: url.toString(),
      owner,
      async stop() {
        await owner.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export type CentralRows = Array<Record<string, unknown>>;

/** Every row of a table for one station (all stations when none is named), by key, as stored. */
export async function centralRows(
  owner: CentralDb,
  table: CentralTableName,
  stationId?: string,
): Promise<CentralRows> {
  const key = SYNCED_TABLES.find((entry) => entry.table === table)?.key ?? 'id';
  const where = stationId === undefined ? sql`true` : sql`station_id = ${stationId}`;
  const result = await sql<Record<string, unknown>>`
    SELECT * FROM ${sql.table(table)} WHERE ${where} ORDER BY station_id, ${sql.ref(key)}`.execute(owner);
  return result.rows;
}

/** The station's cursor as stored (undefined before its first push). */
export async function centralCursor(owner: CentralDb, stationId: string): Promise<number | undefined> {
  const row = await owner
    .selectFrom('fleet_sync_cursors')
    .select('last_seq')
    .where('station_id', '=', stationId)
    .executeTakeFirst();
  return row?.last_seq;
}

/** The contract's columns of every row of a kiosk table, sorted by key: what the central copy must equal. */
export function kioskTable(sqlite: Sqlite.Database, table: SyncedTable): CentralRows {
  const rows = sqlite.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.table}`).all() as Array<
    Record<string, unknown>
  >;
  return byKey(rows, table.key);
}

const byKey = (rows: CentralRows, key: string) =>
  [...rows].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0));

/** Every synced table of a kiosk, by name. */
export function kioskMirror(sqlite: Sqlite.Database): Record<string, CentralRows> {
  return Object.fromEntries(SYNCED_TABLES.map((table) => [table.table, kioskTable(sqlite, table)]));
}

/** Every synced table of one station as the central database holds it, without the station column. */
export async function centralMirror(
  owner: CentralDb,
  stationId: string,
): Promise<Record<string, CentralRows>> {
  const mirror: Record<string, CentralRows> = {};
  for (const table of SYNCED_TABLES) {
    const rows = await centralRows(owner, table.table, stationId);
    mirror[table.table] = byKey(
      rows.map(({ station_id: _station, ...row }) => row),
      table.key,
    );
  }
  return mirror;
}

/** Row counts per table, for messages that would be unreadable with every row in them. */
export const counts = (mirror: Record<string, CentralRows>) =>
  Object.fromEntries(Object.entries(mirror).map(([table, rows]) => [table, rows.length]));

/** Polls `check` until it returns something truthy (the writer is another connection or process). */
export async function until<T>(
  what: string,
  check: () => Promise<T> | T,
  ms = 60_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A kiosk's data folder for the sync tests and the bench: the real database (every kiosk migration, so the
 * change log's triggers), the real secret box, and its fleet settings saved as an admin would save them.
 */
export interface TestKiosk {
  dir: string;
  database: MagnumDatabase;
  data: DataAccess;
  boxes: SecretBoxes;
  /** Everything the kiosk's logger wrote, one JSON line each. */
  logs: string[];
  logger: Logger;
  stationId(): Promise<string>;
  /** Saves the central database's URL (a password in it is sealed, as the Settings screen does). */
  saveCentral(url: string, options?: { enabled?: boolean; airfieldName?: string }): Promise<void>;
  /** Starts a sync agent (stopped by close()), with its status watch. */
  startAgent(timing?: Partial<SyncTiming>): { agent: FleetSyncAgent; watch: SyncStatusWatch };
  /** Stops the agents, closes the database; `keep` leaves the folder in place. */
  close(options?: { keep?: boolean }): Promise<void>;
}

export async function openTestKiosk(dir = mkdtempSync(join(tmpdir(), 'magnum-kiosk-'))): Promise<TestKiosk> {
  const database = await openDatabase(join(dir, 'magnum.db'));
  const data = createDataAccess({ handle: database });
  const box = createLocalKeyBox(dir);
  const boxes: SecretBoxes = { preferred: box, all: [box] };
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(line) });
  const running: Array<{ agent: FleetSyncAgent; watch: SyncStatusWatch }> = [];
  return {
    dir,
    database,
    data,
    boxes,
    logs,
    logger,
    stationId: () => kioskIdOf(dir),
    async saveCentral(url, options = {}) {
      await saveFleetSettings(
        database.db,
        boxes,
        { url, airfieldName: options.airfieldName ?? 'Alpine Field', enabled: options.enabled ?? true },
        null,
        new Date(),
      );
    },
    startAgent(timing) {
      const watch = createSyncStatusWatch({ data, events: { emit() {} }, logger });
      const agent = createFleetSyncAgent({ data, dataDir: dir, boxes, watch, logger, timing });
      running.push({ agent, watch });
      return { agent, watch };
    },
    async close(options = {}) {
      for (const { agent, watch } of running.splice(0)) {
        await agent.close();
        watch.close();
      }
      await database.close();
      if (!options.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP link on 127.0.0.1 in front of the test server, which a test cuts and mends like a network: `refuse`
 * stops listening (nothing answers at that port), `drop` accepts and hangs up at once (counted in
 * `attempts`), `hang` accepts and never answers; each cut also breaks the connections that were open.
 */
export interface NetworkLink {
  port: number;
  /** `url` with its host and port replaced by the link's. */
  through(url: string): string;
  cut(how: 'refuse' | 'drop' | 'hang'): Promise<void>;
  mend(): Promise<void>;
  /** Connections taken while cut with `drop`. */
  attempts: number;
  close(): Promise<void>;
}

export async function openNetworkLink(targetPort: number): Promise<NetworkLink> {
  let mode: 'open' | 'refuse' | 'drop' | 'hang' = 'open';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const server = createServer((client) => {
    track(client);
    if (mode === 'drop') {
      link.attempts += 1;
      client.destroy();
      return;
    }
    if (mode === 'hang') return;
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const breakAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  const port = await listen(0);
  const link: NetworkLink = {
    port,
    through(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    async cut(how) {
      breakAll();
      if (how === 'refuse') {
        if (mode !== 'refuse') await stopListening();
      } else if (mode === 'refuse') {
        await listen(port);
      }
      mode = how;
    },
    async mend() {
      if (mode === 'refuse') await listen(port);
      mode = 'open';
    },
    attempts: 0,
    async close() {
      breakAll();
      if (mode !== 'refuse') await stopListening();
      mode = 'refuse';
    },
  };
  return link;
}
