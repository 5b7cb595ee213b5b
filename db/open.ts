// Opens the kiosk's SQLite database with the pragmas it relies on and brings the schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { MagnumSqliteDialect, migrateToLatest } from './migrate';
import { sqliteNativeBinding } from './native-binding';
import type { Database } from './schema';
import { createSlowQueryRecorder } from './slow-queries';
import { registerUnicodeFunctions } from './unicode';

export interface MagnumDatabase {
  /** Typed queries: what services use. */
  db: Kysely<Database>;
  /** The raw handle, for pragmas, backups and bulk loads that kysely has no words for. */
  sqlite: Sqlite.Database;
  path: string;
  /** Migration names applied by this open, in order (empty when the file was already current). */
  appliedMigrations: string[];
  close(): Promise<void>;
}

/**
 * Short on purpose. better-sqlite3 is synchronous, so while SQLite waits for another connection's lock the whole
 * event loop waits with it: every screen, the media server and camera chunks freeze. 250 ms covers the kiosk's
 * own short write transactions (milliseconds each); a lock held longer (a backup tool, a second program) ends
 * the call with a quick SQLITE_BUSY, which the screen shows as "the database is busy, try again in a moment".
 */
export const BUSY_TIMEOUT_MS = 250;

export interface OpenDatabaseOptions {
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Statements slower than this go into slow_queries (default SLOW_QUERY_MS; tests set it low). */
  slowQueryMs?: number;
}

export async function openDatabase(path: string, options: OpenDatabaseOptions = {}): Promise<MagnumDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Sqlite(path, { nativeBinding: sqliteNativeBinding() });
  try {
    // WAL: readers (review screens, the media server) never block the writer (capture, sales).
    sqlite.pragma('journal_mode = WAL');
    // FULL, not NORMAL: airfields run on generators and power cuts are normal. In WAL mode NORMAL survives
    // an app crash but can lose the last committed transactions on power loss; FULL syncs the WAL on every
    // commit, so a sale the screen confirmed is on disk. The cost (one fsync per commit) is invisible at
    // kiosk write rates.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // Names and searches compare Unicode-aware (fold_case); SQLite's lower() folds A-Z only.
    registerUnicodeFunctions(sqlite);
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`);

    const slowQueries = createSlowQueryRecorder(sqlite, { thresholdMs: options.slowQueryMs });
    const db = new Kysely<Database>({
      dialect: new MagnumSqliteDialect({ database: sqlite }),
      log: slowQueries.log,
    });
    let appliedMigrations: string[];
    try {
      appliedMigrations = await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    // Migrations are not timed: a schema upgrade is slow by nature, and the table may not exist before it.
    slowQueries.start();
    return {
      db,
      sqlite,
      path,
      appliedMigrations,
      async close() {
        if (!sqlite.open) return;
        slowQueries.stop();
        // SQLite's advice for long-lived connections: refresh planner statistics where they went stale, so
        // range queries (reports by date) keep picking the right index as tables grow.
        try {
          sqlite.pragma('optimize');
        } finally {
          // Destroying the Kysely instance closes the better-sqlite3 handle, which checkpoints the WAL.
          await db.destroy();
        }
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}
