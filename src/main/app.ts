// The composition root both hosts share: data directory, log, database, services, handlers, dispatcher.
// Electron and the browser kiosk host differ only in how calls reach `dispatch` and events leave `events`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import packageJson from '../../package.json' with { type: 'json' };
import type { SystemInfo } from '../shared/system';
import { resolveFfmpeg } from './ffmpeg/resolve';
import { createAuthService } from './auth/service';
import { createCaptureService } from './capture/service';
import { DATABASE_FILE } from './config';
import { createDataAccess, type DataAccess } from './data-access';
import { IMPORT_FOLDER, removableRoots } from './export/photo-import';
import { createExportService } from './export/service';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { createEventHub, type EventHub } from './ipc/events';
import { createHandlers } from './ipc/handlers';
import { createAppLogger } from './logging';
import { openAppDatabase, type AppDatabase } from './system/database';
import { probeFfmpeg } from './system/ffmpeg-status';
import { startDailyMaintenance } from './system/maintenance';
import { createSystemService } from './system/service';
import { LOW_DISK_BYTES, readStorageStatus } from './system/storage-status';
import { readKioskSettings } from './settings/service';
import { findResourcesDir } from './templates/assets';
import { createThumbnailService, type ThumbnailService } from './thumbnails/service';

export interface MainApp {
  dataDir: string;
  dispatch: Dispatch;
  events: EventHub;
  logger: Logger;
  database: AppDatabase;
  /** Scene posters and timeline strips at /thumbs/, for both hosts to serve beside /media/. */
  thumbnails: ThumbnailService;
  close(): Promise<void>;
}

export interface MainAppOptions {
  dataDir: string;
  host: SystemInfo['host'];
  /** Clock, time zone or PIN hashing cost for tests; the real ones otherwise. */
  data?: Partial<Omit<DataAccess, 'db'>>;
}

export async function startMainApp({ dataDir, host, data: dataOverrides }: MainAppOptions): Promise<MainApp> {
  mkdirSync(dataDir, { recursive: true });
  const appLogger = createAppLogger(dataDir);
  const { logger } = appLogger;
  const database = await openAppDatabase(path.join(dataDir, DATABASE_FILE), logger);
  const events = createEventHub();

  const ffmpegStatus = probeFfmpeg(resolveFfmpeg);
  const system = createSystemService({
    appName: packageJson.productName,
    version: packageJson.version,
    host,
    startedAt: new Date().toISOString(),
    dataDir,
    readDatabaseStatus: () => database.status(),
    readFfmpegStatus: () => ffmpegStatus,
    // The home's storage card warns at the same floor capture refuses below (a setting).
    readStorageStatus: async () =>
      readStorageStatus(
        dataDir,
        database.handle
          ? (await readKioskSettings(database.handle.db)).minFreeDiskGb * 1024 ** 3
          : LOW_DISK_BYTES,
      ),
    logger,
  });

  const data = createDataAccess(database, dataOverrides);
  const handle = database.handle;
  const auth = handle ? createAuthService(handle.db, { now: data.now, pinParams: data.pinParams }) : null;
  const maintenance = handle ? startDailyMaintenance({ db: handle.db, logger, now: data.now }) : null;
  const capture = createCaptureService({ dataDir, data, logger, events });
  if (handle) {
    // Not awaited: the screens come up at once, and capture calls wait until interrupted takes are saved.
    capture.recoverInterruptedScenes().catch((error: unknown) => {
      logger.error({ err: error }, 'recovering interrupted takes failed');
    });
  }

  const importDir = path.join(dataDir, IMPORT_FOLDER);
  mkdirSync(importDir, { recursive: true });
  const exports = handle
    ? createExportService({
        dataDir,
        data,
        logger,
        events,
        resourcesDir: findResourcesDir(),
        ffmpegPath: () => resolveFfmpeg().path,
        features: async () => {
          const status = await ffmpegStatus;
          return status.available ? status.features : null;
        },
        freeBytes: async (dir) => (await readStorageStatus(dir)).freeBytes,
        photoRoots: async () => [
          { dir: importDir, label: `The kiosk's import folder (${importDir})` },
          ...(await removableRoots()),
        ],
      })
    : undefined;
  // Not awaited either: jobs a stopped kiosk left running are queued again in the background.
  exports?.start().catch((error: unknown) => {
    logger.error({ err: error }, 'starting the export queue failed');
  });

  const thumbnails = createThumbnailService({
    dataDir,
    // Read per request: thumbnails answer 503 while the database is not open.
    db: () => database.handle?.db ?? null,
    logger,
  });

  const dispatch = createDispatcher({
    handlers: createHandlers({ system, data, capture, exports }),
    logger,
    // Without a database nobody can be signed in; public channels still answer (the home says why).
    resolveUser: (token) => auth?.resolveUser(token) ?? null,
  });
  logger.info({ dataDir, host, version: packageJson.version }, 'main services started');

  let closed = false;
  return {
    dataDir,
    dispatch,
    events,
    logger,
    database,
    thumbnails,
    async close() {
      if (closed) return;
      closed = true;
      logger.info('main services stopping');
      await maintenance?.stop();
      await capture.close();
      await exports?.close();
      await thumbnails.close();
      await database.close();
      await appLogger.close();
    },
  };
}
