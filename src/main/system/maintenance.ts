// The daily housekeeping the data model asks for: expired sessions go, and audit entries past 90 days move to a
// compressed archive file under <dataDir>/archive/ (kept in backups) before they leave the table.
// Runs once at start (a kiosk switched off every night would otherwise never run it) and then every 24 h.
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ARCHIVE_FOLDER } from '../../../db/audit-archive';
import { cleanupExpiredSessions, cleanupOldAuditLogs } from '../../../db/maintenance';
import type { Database } from '../../../db/schema';

export const MAINTENANCE_INTERVAL_MS = 24 * 60 * 60_000;

export interface MaintenanceResult {
  expiredSessions: number;
  /** Audit entries moved to the archive (and out of the table). */
  oldAuditEntries: number;
  /** The archive files written, relative to the data folder. */
  auditArchives: string[];
}

export async function runDailyMaintenance(
  db: Kysely<Database>,
  now: Date,
  dataDir: string,
): Promise<MaintenanceResult> {
  const expiredSessions = await cleanupExpiredSessions(db, now);
  const archived = await cleanupOldAuditLogs(db, { now, archiveDir: path.join(dataDir, ARCHIVE_FOLDER) });
  return {
    expiredSessions,
    oldAuditEntries: archived.deleted,
    auditArchives: archived.files.map((file) => path.relative(dataDir, file).split(path.sep).join('/')),
  };
}

export interface DailyMaintenance {
  /** Resolves when the run in progress (if any) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function startDailyMaintenance({
  db,
  dataDir,
  logger,
  now = () => new Date(),
}: {
  db: Kysely<Database>;
  /** The data folder: old audit entries are archived under its archive/ folder. */
  dataDir: string;
  logger: Logger;
  now?: () => Date;
}): DailyMaintenance {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = runDailyMaintenance(db, now(), dataDir).then(
      (result) => logger.info(result, 'daily maintenance done'),
      // A failed cleanup costs disk space, not data: log it and try again tomorrow.
      (error: unknown) => logger.error({ err: error }, 'daily maintenance failed'),
    );
  };
  run();
  const timer = setInterval(run, MAINTENANCE_INTERVAL_MS);
  // The timer alone must not keep the process alive (tests, and a host that is shutting down).
  timer.unref();
  return {
    idle: () => running,
    async stop() {
      clearInterval(timer);
      // Closing the database under a running cleanup would fail it; let it finish first.
      await running;
    },
  };
}
