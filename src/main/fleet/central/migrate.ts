// Brings the central database's schema up to date, as its owner (npm run fleet:setup); kiosks never run this,
// their role may not change the schema. Each migration runs in its own transaction (PostgreSQL's DDL is
// transactional) under kysely's migration lock, so two setups at once run the list once.
import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import { MigrationFailedError } from '../../../../db/migrate';
import { centralMigrations, MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './migrations/index';

/** Applies pending central migrations one at a time; returns the names applied, in order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Migrator works on any schema
export async function migrateCentral(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => centralMigrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const applied: string[] = [];
  for (;;) {
    const { error, results = [] } = await migrator.migrateUp();
    if (error !== undefined) {
      const failed = results.find((r) => r.status === 'Error');
      throw new MigrationFailedError(failed?.migrationName, error);
    }
    const done = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (done.length === 0) return applied;
    applied.push(...done);
  }
}
