// Kiosk health for the admin's screen: the figures of the data model's "Performance Monitoring" (slow queries,
// export completion, storage growth) with the age of the last backup and the integrity check, read fresh on
// every call. The weekly integrity check runs on a timer of its own from here.
import type { Logger } from 'pino';
import { SLOW_QUERY_MS } from '../../../db/slow-queries';
import type { HealthOverview, IntegrityStatus, SlowQueryFigures } from '../../shared/health';
import type { DataAccess } from '../data-access';
import { readKioskSettings } from '../settings/service';
import { readGrowthInput, storageGrowth } from '../storage/growth';
import { backupAge, daysBefore, exportRate } from './figures';
import {
  createIntegrityChecker,
  startWeeklyIntegrityCheck,
  type IntegrityChecker,
  type IntegrityCheckerOptions,
} from './integrity';

const RECENT_SLOW_QUERIES = 10;

export interface HealthServiceOptions {
  data: DataAccess;
  /** The database file, for the integrity check's own connection. */
  databasePath: string;
  logger: Logger;
  /** The newest verified backup (from the backups area), or null when there is none. */
  lastBackup(): Promise<{ at: string } | null>;
  /** Free bytes for the data folder, or null where the platform cannot tell. */
  freeBytes(): Promise<number | null>;
  /** The threshold the database was opened with (db/open.ts), to say what "slow" means. */
  slowQueryMs?: number;
  /** The weekly check's timer: false in tests that drive it by hand. */
  weeklyCheck?: boolean | { pollMs?: number; firstPollMs?: number };
  /** Tests: check another file, or fail on purpose. */
  check?: IntegrityCheckerOptions['check'];
}

export interface HealthService {
  overview(): Promise<HealthOverview>;
  checkIntegrity(): Promise<IntegrityStatus>;
  integrity: IntegrityChecker;
  /** Stops the weekly timer and waits for a check in progress. */
  close(): Promise<void>;
}

export function createHealthService(options: HealthServiceOptions): HealthService {
  const { data, logger } = options;
  const integrity = createIntegrityChecker({
    db: () => data.db(),
    databasePath: options.databasePath,
    now: () => data.now(),
    check: options.check,
    onChecked: (view) => {
      if (view.outcome === 'ok') logger.info({ durationMs: view.durationMs }, 'database integrity check: ok');
      else logger.error({ check: view }, `database integrity check: ${view.outcome}`);
    },
  });
  const weekly =
    options.weeklyCheck === false
      ? null
      : startWeeklyIntegrityCheck({
          checker: integrity,
          now: () => data.now(),
          onError: (error) => logger.error({ err: error }, 'the weekly integrity check could not run'),
          ...(typeof options.weeklyCheck === 'object' ? options.weeklyCheck : {}),
        });

  async function slowQueries(now: Date): Promise<SlowQueryFigures> {
    const db = data.db();
    const [recent, week] = await Promise.all([
      db
        .selectFrom('slow_queries')
        .select(['statement', 'duration_ms', 'recorded_at'])
        .orderBy('id', 'desc')
        .limit(RECENT_SLOW_QUERIES)
        .execute(),
      db
        .selectFrom('slow_queries')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('recorded_at', '>=', daysBefore(now, 7))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      thresholdMs: options.slowQueryMs ?? SLOW_QUERY_MS,
      last7Days: Number(week.count),
      recent: recent.map((row) => ({
        statement: row.statement,
        durationMs: row.duration_ms,
        recordedAt: row.recorded_at,
      })),
    };
  }

  async function exports(now: Date) {
    const db = data.db();
    const ended = await db
      .selectFrom('export_jobs')
      .select(['status', 'finished_at'])
      .where('status', 'in', ['completed', 'failed', 'cancelled'])
      .where('finished_at', '>=', daysBefore(now, 30))
      .execute();
    const weekStart = daysBefore(now, 7);
    const inProgress = await db
      .selectFrom('export_jobs')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', 'in', ['pending', 'processing'])
      .executeTakeFirstOrThrow();
    return {
      last7Days: exportRate(ended.filter((job) => (job.finished_at ?? '') >= weekStart)),
      last30Days: exportRate(ended),
      inProgress: Number(inProgress.count),
    };
  }

  // The same figures as the Storage screen and Home: days left count down to the floor recording needs.
  async function storage(now: Date) {
    const db = data.db();
    const utcOffsetMinutes = data.utcOffsetMinutes(now);
    const [recorded, freeBytes, settings] = await Promise.all([
      readGrowthInput(db, now, utcOffsetMinutes),
      options.freeBytes().catch(() => null),
      readKioskSettings(db),
    ]);
    const lowBytes = settings.minFreeDiskGb * 1024 ** 3;
    return { ...storageGrowth({ ...recorded, now, utcOffsetMinutes, freeBytes, lowBytes }), freeBytes };
  }

  async function backup(now: Date) {
    try {
      return backupAge(await options.lastBackup(), now);
    } catch (error) {
      logger.warn({ err: error }, 'the last backup could not be read for the health screen');
      return {
        state: 'unknown' as const,
        message: 'The backup records could not be read. Open Settings → Backups to see what is wrong.',
      };
    }
  }

  return {
    integrity,
    async overview() {
      const now = data.now();
      const db = data.db();
      const [slow, exportFigures, storageFigures, backupFigures, integrityStatus, open] = await Promise.all([
        slowQueries(now),
        exports(now),
        storage(now),
        backup(now),
        integrity.status(),
        db
          .selectFrom('problem_reports')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('status', '=', 'open')
          .executeTakeFirstOrThrow(),
      ]);
      return {
        generatedAt: now.toISOString(),
        slowQueries: slow,
        exports: exportFigures,
        storage: storageFigures,
        backup: backupFigures,
        integrity: integrityStatus,
        openProblems: Number(open.count),
      };
    },
    checkIntegrity: () => integrity.run('admin'),
    async close() {
      if (weekly) await weekly.stop();
      else await integrity.idle();
    },
  };
}
