// The kiosk's database as the app sees it: opened at start, and when it cannot be opened the app still runs
// and the home screen says why, instead of the kiosk failing to start at 7 am with nobody able to read a log.
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { databaseSize } from '../../../db/maintenance';
import { openDatabase, type MagnumDatabase } from '../../../db/open';
import type { DatabaseStatus } from '../../shared/system';
import { storageProblem, storageProblemMessage } from '../errors';

export interface AppDatabase {
  path: string;
  /** Null when the database could not be opened; `status()` says why. */
  handle: MagnumDatabase | null;
  status(): Promise<DatabaseStatus>;
  close(): Promise<void>;
}

export async function openAppDatabase(path: string, logger: Logger): Promise<AppDatabase> {
  let handle: MagnumDatabase | null = null;
  let openError = '';
  try {
    handle = await openDatabase(path);
    if (handle.appliedMigrations.length > 0)
      logger.info({ applied: handle.appliedMigrations }, 'database migrated');
  } catch (error) {
    openError = (error as Error).message;
    logger.error({ err: error, path }, 'database could not be opened');
  }

  return {
    path,
    handle,
    async status() {
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
