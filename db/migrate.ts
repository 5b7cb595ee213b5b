// Runs the static migration list with kysely's Migrator, one migration per transaction.
import { Migrator, SqliteAdapter, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, DialectAdapter, Driver, Kysely, SqliteDialectConfig } from 'kysely';
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

/**
 * SQLite rolls a transaction back by itself on SQLITE_FULL, IOERR, BUSY or NOMEM; kysely's ROLLBACK after that
 * fails with "no transaction is active", and that error would replace the one that matters (the disk is full).
 */
class SelfRollbackAwareSqliteDriver extends SqliteDriver {
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (error) {
      if (!/no transaction is active/.test((error as Error).message)) throw error;
    }
  }
}

export class MagnumSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  override createDriver(): Driver {
    return new SelfRollbackAwareSqliteDriver(this.#config);
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
