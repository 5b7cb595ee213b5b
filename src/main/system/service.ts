// What the kiosk home shows about this installation: version, database health, ffmpeg.
import type { Logger } from 'pino';
import type { DatabaseStatus, FfmpegStatus, StorageStatus, SystemInfo } from '../../shared/system';

export interface SystemServiceDeps {
  appName: string;
  version: string;
  host: SystemInfo['host'];
  startedAt: string;
  dataDir: string;
  readDatabaseStatus: () => DatabaseStatus | Promise<DatabaseStatus>;
  readFfmpegStatus: () => Promise<FfmpegStatus>;
  readStorageStatus: () => Promise<StorageStatus>;
  /** From backup.json (backups/service.ts lastVerifiedBackup); absent in tests of this service alone. */
  readBackupStatus?: () => Promise<SystemInfo['backup']>;
  logger: Logger;
}

export interface RendererErrorReport {
  screen: string;
  message: string;
  stack?: string | undefined;
}

export type SystemService = ReturnType<typeof createSystemService>;

export function createSystemService(deps: SystemServiceDeps) {
  return {
    async info(): Promise<SystemInfo> {
      const [database, ffmpeg, storage, backup] = await Promise.all([
        deps.readDatabaseStatus(),
        deps.readFfmpegStatus(),
        deps.readStorageStatus(),
        deps.readBackupStatus?.() ?? { lastVerifiedAt: null },
      ]);
      return {
        appName: deps.appName,
        version: deps.version,
        host: deps.host,
        startedAt: deps.startedAt,
        dataDir: deps.dataDir,
        database,
        ffmpeg,
        storage,
        backup,
      };
    },

    reportRendererError(report: RendererErrorReport): { logged: true } {
      deps.logger.error({ screen: report.screen, stack: report.stack }, `renderer: ${report.message}`);
      return { logged: true };
    },
  };
}
