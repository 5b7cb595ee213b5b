// The database's part of a backup: SQLite's online backup (the kiosk keeps selling and recording while it
// runs), turned into a self-contained file (rollback journal, no -wal beside it), checked page by page with
// integrity_check, and the figures a generations list shows (schema version, flights, sales).
import { existsSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { sqliteNativeBinding } from '../../../../db/native-binding';
import { BackupError } from './types';

export interface DatabaseFacts {
  schemaVersion: number;
  flights: number;
  sales: number;
  /** Newest flight first: the order raw footage is copied in. */
  flightIdsNewestFirst: string[];
}

/** Pages copied per step of the online backup: ~16 MB at 4 KB pages, a few ms each, so the kiosk stays lively. */
const PAGES_PER_STEP = 4096;

export async function onlineBackup(
  source: { sqlite?: Sqlite.Database; file: string },
  target: string,
  onBytes?: (done: number, total: number) => void,
): Promise<void> {
  let connection = source.sqlite;
  let opened: Sqlite.Database | undefined;
  if (!connection) {
    if (!existsSync(source.file)) {
      throw new BackupError(
        `There is no kiosk database at ${source.file}. Check the data folder and try again.`,
        [`no database at ${source.file}`],
      );
    }
    try {
      opened = new Sqlite(source.file, {
        fileMustExist: true,
        readonly: true,
        nativeBinding: sqliteNativeBinding(),
      });
    } catch (error) {
      throw new BackupError(
        `The kiosk database at ${source.file} cannot be opened (${(error as Error).message}). Nothing was backed up.`,
        [`database cannot be opened: ${(error as Error).message}`],
      );
    }
    connection = opened;
  }
  try {
    const pageSize = Number(connection.pragma('page_size', { simple: true })) || 4096;
    await connection.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        onBytes?.((totalPages - remainingPages) * pageSize, totalPages * pageSize);
        return PAGES_PER_STEP;
      },
    });
  } catch (error) {
    throw new BackupError(
      `SQLite could not copy the database (${(error as Error).message}). Nothing was backed up; try again.`,
      [`online backup failed: ${(error as Error).message}`],
    );
  } finally {
    opened?.close();
  }
}

/** "ok", or what SQLite found wrong (up to a few lines), or why the file could not be read as a database. */
export function checkDatabase(file: string): string[] {
  let db: Sqlite.Database | undefined;
  try {
    db = new Sqlite(file, { fileMustExist: true, readonly: true, nativeBinding: sqliteNativeBinding() });
    const rows = db.prepare('PRAGMA integrity_check(20)').pluck().all() as string[];
    return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
  } catch (error) {
    return [(error as Error).message];
  } finally {
    db?.close();
  }
}

/**
 * Makes the fresh copy stand alone (a WAL database would need its -wal and -shm beside it) and reads its figures.
 * Runs on the copy only, never the live database.
 */
export function settleCopy(file: string): DatabaseFacts {
  const db = new Sqlite(file, { fileMustExist: true, nativeBinding: sqliteNativeBinding() });
  try {
    db.pragma('journal_mode = DELETE');
    const count = (sql: string) => {
      try {
        return Number(db.prepare(sql).pluck().get() ?? 0);
      } catch {
        return 0; // a database from before that table existed
      }
    };
    let flightIdsNewestFirst: string[] = [];
    try {
      flightIdsNewestFirst = db
        .prepare('SELECT id FROM flight_recordings ORDER BY flight_at DESC, created_at DESC')
        .pluck()
        .all() as string[];
    } catch {
      flightIdsNewestFirst = [];
    }
    return {
      schemaVersion: count('SELECT max(version) FROM schema_version'),
      flights: count('SELECT count(*) FROM flight_recordings'),
      sales: count('SELECT count(*) FROM sales'),
      flightIdsNewestFirst,
    };
  } finally {
    db.close();
  }
}
