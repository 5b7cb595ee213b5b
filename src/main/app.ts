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
import { DATABASE_FILE, DOWNLOAD_DEFAULT_PORT } from './config';
import { createDataAccess, type DataAccess } from './data-access';
import { createDownloadServer, type DownloadServer } from './delivery/download-server';
import { createOutbox, type Outbox, type OutboxSender } from './delivery/outbox';
import { createDeliveryService, type DeliveryService } from './delivery/service';
import { DELIVERIES_FOLDER } from './delivery/targets';
import { IMPORT_FOLDER, removableRoots } from './photos/photo-import';
import { createExportService } from './exports/service';
import { createHealthService, type HealthService } from './health/service';
import { createAudience, type Audience } from './ipc/audience';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { createEventHub, type EventHub } from './ipc/events';
import { createHandlers } from './ipc/handlers';
import { createProblemsService, type ProblemsService } from './problems/service';
import { createAppLogger } from './logging';
import { openAppDatabase, type AppDatabase } from './system/database';
import { probeFfmpeg } from './system/ffmpeg-status';
import { startDailyMaintenance } from './system/maintenance';
import { createSystemService } from './system/service';
import { LOW_DISK_BYTES, readStorageStatus } from './system/storage-status';
import { createStorageService } from './storage/service';
import { readKioskSettings } from './settings/service';
import { findResourcesDir } from './templates/assets';
import { createThumbnailService, type ThumbnailService } from './thumbnails/service';

export interface MainApp {
  dataDir: string;
  dispatch: Dispatch;
  events: EventHub;
  /** Who may receive each event and whose a session is: both hosts send events and files through it. */
  audience: Audience;
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
  /** The port customers' phones download from (default 8787; 0 picks a free one). */
  downloadPort?: number;
  /** The address download links name instead of the kiosk's LAN address (tests). */
  advertisedHost?: string;
  /** How the e-mail outbox sends; by default nothing is configured and e-mails wait. */
  outboxSender?: OutboxSender;
}

export async function startMainApp(options: MainAppOptions): Promise<MainApp> {
  const { dataDir, host, data: dataOverrides } = options;
  mkdirSync(dataDir, { recursive: true });
  const appLogger = createAppLogger(dataDir);
  const { logger } = appLogger;
  const database = await openAppDatabase(path.join(dataDir, DATABASE_FILE), logger);
  const events = createEventHub();

  const data = createDataAccess(database, dataOverrides);
  const ffmpegStatus = probeFfmpeg(resolveFfmpeg);
  const system = createSystemService({
    appName: packageJson.productName,
    version: packageJson.version,
    host,
    startedAt: new Date().toISOString(),
    dataDir,
    readDatabaseStatus: () => database.status(),
    readFfmpegStatus: () => ffmpegStatus,
    // The home's storage card warns at the same floor capture refuses below (a setting), and ahead of it by
    // the days left at the rate the flights' files grow.
    readStorageStatus: async () => {
      const db = database.handle?.db ?? null;
      const now = data.now();
      return readStorageStatus(
        dataDir,
        db ? (await readKioskSettings(db)).minFreeDiskGb * 1024 ** 3 : LOW_DISK_BYTES,
        { db, now, utcOffsetMinutes: data.utcOffsetMinutes(now) },
      );
    },
    logger,
  });

  const handle = database.handle;
  const auth = handle ? createAuthService(handle.db, { now: data.now, pinParams: data.pinParams }) : null;
  const maintenance = handle
    ? startDailyMaintenance({ db: handle.db, dataDir, logger, now: data.now })
    : null;
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

  // Delivery: the download service for phones and the e-mail outbox start with the app, on both hosts.
  const deliveriesDir = path.join(dataDir, DELIVERIES_FOLDER);
  mkdirSync(deliveriesDir, { recursive: true });
  // Where a sale's files and the diagnostics may be written: the deliveries folder and every removable drive.
  const targetRoots = async () => [
    {
      dir: deliveriesDir,
      label: `The kiosk's deliveries folder (${deliveriesDir})`,
      kind: 'folder' as const,
    },
    ...(await removableRoots()).map((root) => ({ ...root, kind: 'drive' as const })),
  ];
  let downloads: DownloadServer | undefined;
  let delivery: DeliveryService | undefined;
  let outbox: Outbox | undefined;
  if (handle) {
    downloads = createDownloadServer({
      data,
      dataDir,
      logger,
      port: options.downloadPort ?? DOWNLOAD_DEFAULT_PORT,
      advertisedHost: options.advertisedHost,
    });
    // Awaited: a link made in the first second must not be refused. A port that cannot be had only logs.
    await downloads.start();
    outbox = createOutbox({ data, dataDir, logger, events, sender: options.outboxSender });
    outbox.start().catch((error: unknown) => {
      logger.error({ err: error }, 'starting the e-mail outbox failed');
    });
    delivery = createDeliveryService({
      dataDir,
      data,
      logger,
      events,
      downloads,
      outbox,
      targetRoots,
    });
  }

  // Kiosk health (its weekly integrity check starts here) and problem reports with "Save diagnostics".
  let health: HealthService | undefined;
  let problems: ProblemsService | undefined;
  if (handle) {
    const healthService = createHealthService({
      data,
      databasePath: handle.path,
      logger,
      // The backups area's newest verified backup: lastVerifiedBackup(dataDir) from src/main/backups/service.ts.
      lastBackup: async () => null,
      freeBytes: async () => (await readStorageStatus(dataDir)).freeBytes,
    });
    health = healthService;
    problems = createProblemsService({
      data,
      dataDir,
      logger,
      targetRoots,
      systemInfo: () => system.info(),
      health: () => healthService.overview(),
    });
  }

  // The Storage screen. Until the backup engine is merged there is no verified backup to check files against,
  // so the retention rules remove footage only where the admin types the passenger names.
  const storage = handle
    ? createStorageService({ dataDir, data, logger, events, verifiedFiles: async () => null })
    : undefined;

  const thumbnails = createThumbnailService({
    dataDir,
    // Read per request: thumbnails answer 503 while the database is not open.
    db: () => database.handle?.db ?? null,
    logger,
  });

  const dispatch = createDispatcher({
    handlers: createHandlers({ system, data, capture, exports, delivery, health, problems, storage }),
    logger,
    dataDir,
    // Without a database nobody can be signed in; public channels still answer (the home says why).
    resolveUser: (token) => auth?.resolveUser(token) ?? null,
  });
  logger.info({ dataDir, host, version: packageJson.version }, 'main services started');

  let closed = false;
  return {
    dataDir,
    dispatch,
    events,
    audience: createAudience(data, logger),
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
      await delivery?.close();
      await problems?.close();
      await health?.close();
      await outbox?.close();
      await downloads?.close();
      await thumbnails.close();
      await database.close();
      await appLogger.close();
    },
  };
}
