// One airfield's rows of the central database under the kiosk's own table names, so the kiosk's report code
// (reports/service.ts readPeriod, unchanged) reads the central copy exactly as it reads the kiosk's SQLite.
//
// Inside the report's transaction, TEMP views named like the kiosk's tables (users, sales, flight_recordings…)
// show the contract's columns of one station's rows; PostgreSQL searches the session's temporary schema first,
// so the kiosk's queries find them. The station they show is a setting of the transaction, switched per
// airfield. The views read the real tables as the app role, so the row policies still decide what the acting
// user sees; the policies themselves name their tables by OID, so a view cannot stand in for a table there.
// The views are dropped before the transaction ends, and a failed transaction takes them away with it: a
// pooled connection never keeps them for its next user.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../../db/schema';
import type { CentralTransaction } from '../central/connect';
import { syncedTable } from '../tables';

/** The kiosk tables readPeriod reads (and getCurrency's `settings`, which the stations row stands in for). */
const MIRRORED_FOR_REPORT = [
  'users',
  'bundles',
  'flight_recordings',
  'sales',
  'export_jobs',
  'storage_usage',
];

/** Not one of the app.* settings the policies read: this one only narrows what the views show. */
const STATION_SETTING = 'magnum_report.station';

/** The schema holding the central tables: fleet:setup creates them in its owner's current schema. */
async function centralSchema(trx: CentralTransaction): Promise<string> {
  const found = await sql<{ schema: string | null }>`
    SELECT n.nspname AS schema FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid = pg_catalog.to_regclass('stations')`.execute(trx);
  const schema = found.rows[0]?.schema;
  if (!schema) throw Object.assign(new Error('relation "stations" does not exist'), { code: '42P01' });
  return schema;
}

const stationFilter = sql`pg_catalog.current_setting(${sql.lit(STATION_SETTING)}, true)`;

/**
 * Creates the views in the transaction and returns the kiosk-shaped database they make, with `show` to pick the
 * airfield it shows and `drop` to remove them before the transaction commits.
 */
export async function createKioskViews(trx: CentralTransaction): Promise<{
  db: Kysely<Database>;
  show(stationId: string): Promise<void>;
  drop(): Promise<void>;
}> {
  const schema = await centralSchema(trx);
  for (const table of MIRRORED_FOR_REPORT) {
    const columns = syncedTable(table)?.columns ?? [];
    await sql`CREATE TEMP VIEW ${sql.id(table)} AS
      SELECT ${sql.join(columns.map((column) => sql.id(column)))} FROM ${sql.id(schema, table)}
      WHERE station_id = ${stationFilter}`.execute(trx);
  }
  // getCurrency reads settings.currency as JSON text; the kiosk's stations row carries its currency.
  await sql`CREATE TEMP VIEW settings AS
    SELECT 'currency'::text AS key, pg_catalog.to_json(currency)::text AS value FROM ${sql.id(schema, 'stations')}
    WHERE id = ${stationFilter}`.execute(trx);
  return {
    // The views have the kiosk's table names and columns, and values in the kiosk's storage types.
    db: trx as unknown as Kysely<Database>,
    async show(stationId) {
      await sql`SELECT pg_catalog.set_config(${STATION_SETTING}, ${stationId}, true)`.execute(trx);
    },
    async drop() {
      const views = [...MIRRORED_FOR_REPORT, 'settings'].map((view) => sql.id('pg_temp', view));
      await sql`DROP VIEW ${sql.join(views)}`.execute(trx);
    },
  };
}
