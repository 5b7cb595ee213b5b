// The daily housekeeping the data model asks for: expired sessions and audit entries past 90 days go.
// Runs once at start (a kiosk switched off every night would otherwise never run it) and then every 24 h.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { cleanupExpiredSessions, cleanupOldAuditLogs } from '../../../db/maintenance';
import type { Database } from '../../../db/schema';

export const MAINTENANCE_INTERVAL_MS = 24 * 60 * 60_000;

export interface MaintenanceResult {
  expiredSessions: number;
  oldAuditEntries: number;
}

export async function runDailyMaintenance(db: Kysely<Database>, now: Date): Promise<MaintenanceResult> {
  const expiredSessions = await cleanupExpiredSessions(db, now);
  const oldAuditEntries = await cleanupOldAuditLogs(db, { now });
  return { expiredSessions, oldAuditEntries };
}

export interface DailyMaintenance {
  /** Resolves when the run in progress (if any) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function startDailyMaintenance({
  db,
  logger,
  now = () => new Date(),
}: {
  db: Kysely<Database>;
  logger: Logger;
  now?: () => Date;
}): DailyMaintenance {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = runDailyMaintenance(db, now()).then(
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
