// Runs the static migration list with kysely's Migrator, one migration per transaction.
import { Migrator, SqliteAdapter, SqliteDialect } from 'kysely';
import type { DialectAdapter, Kysely } from 'kysely';
import { migrations } from './migrations/index';

/**
 * kysely's SQLite adapter says SQLite has no transactional DDL, so the Migrator would run each migration
 * and its bookkeeping row outside any transaction, and a power cut midway would leave a half-built schema.
 * SQLite does roll back DDL; claiming it makes the Migrator wrap each step in a transaction.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class MagnumSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export class MigrationFailedError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`database migration ${migrationName ?? '(setup)'} failed: ${reason}`, { cause });
    this.name = 'MigrationFailedError';
  }
}

/**
 * Applies pending migrations one at a time (migrateUp per step, each its own transaction), so a failure
 * leaves the database at the last migration that completed. Returns the names applied, in order.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
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
