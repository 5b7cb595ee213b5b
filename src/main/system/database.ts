// The kiosk's database as the app sees it: opened at start, and when it cannot be opened the app still runs
// and the home screen says why, instead of the kiosk failing to start at 7 am with nobody able to read a log.
// Every start first runs `PRAGMA quick_check` on the file, before migrations write to it: a damaged file is not
// opened at all (nothing is written to it), and the screens offer to restore the last backup instead.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Logger } from 'pino';
import { databaseSize } from '../../../db/maintenance';
import { sqliteNativeBinding } from '../../../db/native-binding';
import { openDatabase, type MagnumDatabase } from '../../../db/open';
import type { DatabaseStatus } from '../../shared/system';
import { storageProblem, storageProblemMessage } from '../errors';

export interface AppDatabase {
  path: string;
  /** Null when the database could not be opened; `status()` says why. */
  handle: MagnumDatabase | null;
  /** True when the file failed its integrity check (or is not a database): the recovery screen's case. */
  damaged: boolean;
  status(): Promise<DatabaseStatus>;
  close(): Promise<void>;
}

/** The first lines of quick_check's findings: enough to tell support what is wrong, short enough to show. */
const MAX_PROBLEMS = 5;

export const DAMAGED_MESSAGE =
  "The kiosk's database is damaged, so the kiosk cannot use it. Restore the last backup: the damaged data is kept beside the data folder, nothing is deleted.";

/**
 * What `PRAGMA quick_check` finds wrong with the database file: [] when it is sound or not there yet (a first
 * start), the problems when it is damaged or not a database at all. Other failures (a locked file, no permission)
 * are left for the real open to report.
 */
export function quickCheck(path: string): string[] {
  if (path === ':memory:' || !existsSync(path)) return [];
  let sqlite: Sqlite.Database | undefined;
  try {
    sqlite = new Sqlite(path, { fileMustExist: true, nativeBinding: sqliteNativeBinding() });
    const rows = sqlite.pragma(`quick_check(${MAX_PROBLEMS})`) as Array<Record<string, unknown>>;
    const findings = rows.map((row) => String(Object.values(row)[0]));
    return findings.length === 1 && findings[0] === 'ok' ? [] : findings;
  } catch (error) {
    if (storageProblem(error)?.problem === 'damaged') return [(error as Error).message];
    return [];
  } finally {
    sqlite?.close();
  }
}

export async function openAppDatabase(path: string, logger: Logger): Promise<AppDatabase> {
  let handle: MagnumDatabase | null = null;
  let openError = '';
  let problems = quickCheck(path);
  if (problems.length > 0) {
    logger.error({ path, problems }, 'database failed its integrity check at start; not opened');
  } else {
    try {
      handle = await openDatabase(path);
      if (handle.appliedMigrations.length > 0)
        logger.info({ applied: handle.appliedMigrations }, 'database migrated');
    } catch (error) {
      openError = (error as Error).message;
      // quick_check does not read every page: a migration can still meet a damaged one.
      if (storageProblem(error)?.problem === 'damaged') problems = [openError];
      logger.error({ err: error, path }, 'database could not be opened');
    }
  }

  return {
    path,
    handle,
    damaged: problems.length > 0,
    async status() {
      if (problems.length > 0) return { state: 'damaged', path, message: DAMAGED_MESSAGE, problems };
      if (!handle) {
        return {
          state: 'error',
          path,
          message: `The database could not be opened (${openError}). Check that the disk is not full and the data folder is writable, then restart the kiosk.`,
        };
      }
      try {
        return await readStatus(handle);
      } catch (error) {
        // The home screen must still say something useful when the disk or database fails under it.
        logger.warn({ err: error, path }, 'database status could not be read');
        const storage = storageProblem(error);
        return {
          state: 'error',
          path,
          message: storage
            ? storageProblemMessage(storage.problem, storage.path ?? dirname(path))
            : `The database could not be read (${(error as Error).message}). Restart the kiosk; if this comes back, report a problem.`,
        };
      }
    },
    async close() {
      await handle?.close();
    },
  };
}

async function readStatus({ db, sqlite, path }: MagnumDatabase): Promise<DatabaseStatus> {
  const [version, recordings, size] = await Promise.all([
    db
      .selectFrom('schema_version')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst(),
    db
      .selectFrom('flight_recordings')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirst(),
    databaseSize(db),
  ]);
  return {
    state: 'ok',
    path,
    schemaVersion: Number(version?.version ?? 0),
    journalMode: String(sqlite.pragma('journal_mode', { simple: true })),
    sizeBytes: size.bytes,
    recordings: Number(recordings?.count ?? 0),
  };
}
