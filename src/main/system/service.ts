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
      const [database, ffmpeg, storage] = await Promise.all([
        deps.readDatabaseStatus(),
        deps.readFfmpegStatus(),
        deps.readStorageStatus(),
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
      };
    },

    reportRendererError(report: RendererErrorReport): { logged: true } {
      deps.logger.error({ screen: report.screen, stack: report.stack }, `renderer: ${report.message}`);
      return { logged: true };
    },
  };
}
