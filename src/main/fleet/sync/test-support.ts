// The fleet's central database for the sync tests: a private PostgreSQL server (test-support/postgres.ts) set
// up as an operator would (npm run fleet:setup: the schema and the kiosks' role), the kiosks' URL, and a
// superuser's handle to read every station's rows back as they are stored.
import { sql } from 'kysely';
import { openCentral } from '../central/connect';
import type { CentralDb } from '../central/connect';
import type { CentralTableName } from '../central/schema';
import { setUpCentral } from '../central/setup';
import { startTestPostgres } from '../test-support/postgres';
import type { TestPostgres } from '../test-support/postgres';
import { SYNCED_TABLES } from '../tables';

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
