// For migration tests: a kiosk database as it stood before the migration under test, to fill with the rows
// an older kiosk had and then migrate to the latest.
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator } from 'kysely';
import { join } from 'node:path';
import { MagnumSqliteDialect } from '../migrate';
import type { Database } from '../schema';
import { makeTempDir } from '../test-support';
import { migrations } from './index';

export interface MigratedDatabase {
  sqlite: Sqlite.Database;
  db: Kysely<Database>;
}

/** A new database in a temp folder with the migrations up to and including `last` applied. */
export async function openDatabaseMigratedTo(last: string): Promise<MigratedDatabase> {
  const sqlite = new Sqlite(join(makeTempDir('magnum-migration-'), 'magnum.db'));
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new MagnumSqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(
    last,
  );
  if (error) throw error;
  return { sqlite, db };
}
