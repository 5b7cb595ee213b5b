// The central database's migration list, imported statically like the kiosk's (db/migrations/index.ts): a
// bundled app has no migrations folder to scan. Names sort in apply order; add a file and a line, never edit a
// landed migration. Its own bookkeeping tables (fleet_migration, fleet_migration_lock) keep it apart from
// anything else in the operator's database.
import type { Migration } from 'kysely';
import * as m0001 from './0001_mirror_tables';
import * as m0002 from './0002_row_security';

export const centralMigrations: Record<string, Migration> = {
  '0001_mirror_tables': m0001,
  '0002_row_security': m0002,
};

export const MIGRATION_TABLE = 'fleet_migration';
export const MIGRATION_LOCK_TABLE = 'fleet_migration_lock';

/** The newest migration: the schema version this kiosk expects the central database to have. */
export const LATEST_CENTRAL_MIGRATION = Object.keys(centralMigrations).sort().at(-1) as string;
