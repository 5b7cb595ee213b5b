// The composition root both hosts share: data directory, log, database, services, handlers, dispatcher.
// Electron and the browser kiosk host differ only in how calls reach `dispatch` and events leave `events`.
// The services can be restarted in this same process (a restore switches the data folder under them): the
// MainApp the hosts hold stays the same object, its dispatch, events, audience, thumbnails and logger keep
// working across the restart, and calls made meanwhile wait for the new services.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import packageJson from '../../package.json' with { type: 'json' };
import type { SystemInfo } from '../shared/system';
import { finishInterruptedRestore, readVerifiedFiles } from './backups/engine';
import { createBackupService, lastVerifiedBackup, type BackupService } from './backups/service';
import { resolveFfmpeg } from './ffmpeg/resolve';
import { createAuthService } from './auth/service';
import { createAutopilot, type Autopilot } from './autopilot/autopilot';
import { withAutopilotHooks } from './autopilot/hooks';
import { createCaptureService } from './capture/service';
import { DATABASE_FILE, DOWNLOAD_DEFAULT_PORT } from './config';
import { createDataAccess, type DataAccess } from './data-access';
import { createDownloadServer, type DownloadServer } from './delivery/download-server';
import { createOutbox, type Outbox, type OutboxSender } from './delivery/outbox';
import type { SecretBox } from './mail/secret-box';
import type { MailService } from './mail/service';
import { wireMail } from './mail/wiring';
import { wireFleet, type FleetWiring } from './fleet/wiring';
import { createDeliveryService, type DeliveryService } from './delivery/service';
import { DELIVERIES_FOLDER } from './delivery/targets';
import { IMPORT_FOLDER, removableRoots } from './photos/photo-import';
import { createExportService } from './exports/service';
import type { CentralFor } from './fleet/report/service';
import { createHealthService, type HealthService } from './health/service';
import { createAudience, eventFeed, type Audience, type EventFeed } from './ipc/audience';
import { AppFailure } from './errors';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { createEventHub, type EventHub } from './ipc/events';
import { createHandlers } from './ipc/handlers';
import { createProblemsService, type ProblemsService } from './problems/service';
import { createCheckinService } from './checkin/service';
import { createAppLogger } from './logging';
import { openAppDatabase, type AppDatabase } from './system/database';
import { probeFfmpeg } from './system/ffmpeg-status';
import { startDailyMaintenance } from './system/maintenance';
import { createSystemService } from './system/service';
import { LOW_DISK_BYTES, readStorageStatus } from './system/storage-status';
import { createStorageService } from './storage/service';
import { readKioskSettings } from './settings/service';
import { createStartAtLoginSetting } from './settings/start-at-login';
import type { StartAtLogin } from './system/start-at-login';
import { findResourcesDir } from './templates/assets';
import { createThumbnailService, type ThumbnailService } from './thumbnails/service';
import { createMediaService, type MediaService } from './media/serve';

export interface MainApp {
  dataDir: string;
  dispatch: Dispatch;
  events: EventHub;
  /** Who may receive each event and whose a session is: both hosts send events and files through it. */
  audience: Audience;
  /** The events, each with who may receive it, in the order emitted: what a host delivers (ipc/audience.ts). */
  feed: EventFeed;
  logger: Logger;
  database: AppDatabase;
  /** Recorded footage and photos at /media/ (media/serve.ts), answered from this process's database. */
  media: MediaService;
  /** Scene posters and timeline strips at /thumbs/, for both hosts to serve beside /media/. */
  thumbnails: ThumbnailService;
  /**
   * Stops the main services, runs `between` (a restore switches the data folder there) and starts them again,
   * in this process; the hosts keep serving, and calls made meanwhile wait. Rejects with `between`'s error
   * after starting again on the data folder as it then is.
   */
  restart(between?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** One start of the main services: what a restart replaces. */
interface MainServices {
  dispatch: Dispatch;
  audience: Audience;
  database: AppDatabase;
  thumbnails: ThumbnailService;
  close(): Promise<void>;
}

/** What outlives a restart, handed to each start of the services. */
interface Lasting {
  logger: Logger;
  events: EventHub;
  restart: MainApp['restart'];
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
  /** How the e-mail outbox sends; by default the SMTP account an admin set up (none: e-mails wait). */
  outboxSender?: OutboxSender;
  /** The OS keychain the SMTP password is sealed with (Electron's safeStorage); absent: the local key file. */
  keychain?: SecretBox | null;
  /** How the computer starts the kiosk at login (the desktop app's); absent: the setting is only stored. */
  startAtLogin?: StartAtLogin;
  /** The fleet's central database for the fleet report (tests); absent: the address saved in Settings. */
  centralFor?: CentralFor;
}

export async function startMainApp(options: MainAppOptions): Promise<MainApp> {
  const { dataDir } = options;
  // First, before anything creates or opens the data folder: a restore that a kill -9 or a power cut stopped
  // while it switched folders is completed or rolled back (backups/engine/switch.ts).
  const interrupted = await finishInterruptedRestore(dataDir).catch((error: unknown) => error as Error);
  mkdirSync(dataDir, { recursive: true });
  const appLogger = createAppLogger(dataDir);
  const { logger } = appLogger;
  if (interrupted instanceof Error)
    logger.error({ err: interrupted }, 'an interrupted restore could not be finished');
  else if (interrupted !== 'none')
    logger.warn({ outcome: interrupted }, 'a restore interrupted while switching folders was finished');
  const events = createEventHub();
  let restarting: Promise<void> | null = null;
  let closed = false;

  async function restart(between: () => Promise<void> = async () => undefined): Promise<void> {
    if (restarting || closed) {
      throw new AppFailure('CONFLICT', 'The kiosk is already restarting or stopping. Wait a moment.');
    }
    let finished: () => void = () => undefined;
    restarting = new Promise<void>((resolve) => (finished = resolve));
    let failure: unknown = null;
    try {
      logger.info('main services restarting');
      await services.close();
      await appLogger.pause();
      try {
        await between();
      } catch (error) {
        failure = error;
      }
      appLogger.resume();
      if (failure) logger.error({ err: failure }, 'restart: starting again on the data folder as it is');
      services = await startMainServices(options, lasting);
      logger.info('main services restarted');
    } finally {
      restarting = null;
      finished();
    }
    if (failure) throw failure;
  }

  const lasting: Lasting = { logger, events, restart };
  let services = await startMainServices(options, lasting);
  /** While the services restart there is no database to offer: media and thumbnails answer 503 meanwhile. */
  const restartingDatabase: AppDatabase = {
    path: path.join(dataDir, DATABASE_FILE),
    handle: null,
    damaged: false,
    status: async () => ({
      state: 'error',
      path: path.join(dataDir, DATABASE_FILE),
      message: 'The kiosk is restarting. Wait a moment.',
    }),
    close: async () => undefined,
  };
  const current = async (): Promise<MainServices> => {
    while (restarting) await restarting;
    return services;
  };

  const audience: Audience = {
    userOf: async (session) => (restarting ? null : services.audience.userOf(session)),
    receiversOf: (event, payload) => services.audience.receiversOf(event, payload),
    mayReceive: (user, event, payload) => services.audience.mayReceive(user, event, payload),
  };
  const feed = eventFeed(events, audience, logger);
  const restartingDatabaseOrNot = () => (restarting ? restartingDatabase : services.database);
  // Read per request: a kiosk whose database did not open (or is restarting) still serves, and media says 503.
  const media = createMediaService({
    dataDir,
    db: () => restartingDatabaseOrNot().handle?.db ?? null,
    logger,
  });

  return {
    dataDir,
    dispatch: async (request) => (await current()).dispatch(request),
    events,
    audience,
    feed,
    logger,
    get database() {
      return restartingDatabaseOrNot();
    },
    media,
    thumbnails: {
      answer: async (request) => (await current()).thumbnails.answer(request),
      respond: async (request) => (await current()).thumbnails.respond(request),
      waiting: () => services.thumbnails.waiting(),
      close: async () => (await current()).thumbnails.close(),
    },
    restart,
    async close() {
      if (closed) return;
      closed = true;
      while (restarting) await restarting;
      await services.close();
      feed.close();
      await appLogger.close();
    },
  };
}

async function startMainServices(options: MainAppOptions, lasting: Lasting): Promise<MainServices> {
  const { dataDir, host, data: dataOverrides } = options;
  const { logger, events } = lasting;
  mkdirSync(dataDir, { recursive: true });
  const database = await openAppDatabase(path.join(dataDir, DATABASE_FILE), logger);

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
    readBackupStatus: async () => ({ lastVerifiedAt: (await lastVerifiedBackup(dataDir))?.at ?? null }),
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
  const startAtLogin = createStartAtLoginSetting({ startAtLogin: options.startAtLogin, logger });
  // Not awaited: a refusal is logged and shown in Settings; the kiosk starts either way.
  if (handle)
    startAtLogin.applyStored(handle.db).catch((error: unknown) => {
      logger.error({ err: error }, 'applying start at login failed');
    });
  const auth = handle ? createAuthService(handle.db, { now: data.now, pinParams: data.pinParams }) : null;
  const maintenance = handle
    ? startDailyMaintenance({ db: handle.db, dataDir, logger, now: data.now })
    : null;
  // Capture comes first (the export service renders under its hold); its saved scenes reach the autopilot,
  // made with the export service below, from then on.
  const sceneSavedTo: { autopilot?: Autopilot } = {};
  const capture = createCaptureService({
    dataDir,
    data,
    logger,
    events,
    onSceneSaved: (saved) => sceneSavedTo.autopilot?.sceneSaved(saved),
  });
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
        // Piece renders stop while a recorder falls behind (capture/recorder-pace.ts).
        hold: capture.renderHold,
        filming: () => capture.filming(),
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
  // The video makes itself: pieces rendered while the next scene is filmed, the video queued when the last is in.
  const autopilot = exports
    ? createAutopilot({ dataDir, data, logger, events, exports, hold: capture.renderHold })
    : undefined;
  sceneSavedTo.autopilot = autopilot;
  // Not awaited either: jobs a stopped kiosk left running are queued again in the background (and a close
  // right after start waits for it, so the database is not closed under it).
  const exportsStarted = exports?.start().catch((error: unknown) => {
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
  let mail: MailService | undefined;
  let fleet: FleetWiring | undefined;
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
    const mailParts = wireMail({ data, dataDir, logger, keychain: options.keychain ?? null });
    mail = mailParts.service(() => void outbox?.kick());
    // The fleet's central database: its password is sealed by the same boxes as the mail password.
    fleet = wireFleet({ data, dataDir, logger, events, boxes: mailParts.boxes });
    outbox = createOutbox({
      data,
      dataDir,
      logger,
      events,
      sender: options.outboxSender ?? mailParts.sender,
      downloadLink: async (saleId) => (delivery ? delivery.emailLink(saleId) : null),
    });
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
      // The newest verified backup in backup.json (backups/service.ts).
      lastBackup: () => lastVerifiedBackup(dataDir),
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

  // Passenger self check-in on locked screens, and the crew's waiting list (signatures under <data>/waivers/).
  const checkin = handle ? createCheckinService({ data, dataDir, logger }) : undefined;

  // The Storage screen. Retention removes without typed names only what the newest verified backup holds: the
  // files of the newest generation where backup.json says the last verified backup went (null, and so nothing
  // counts as backed up, while that drive is not plugged in).
  const storage = handle
    ? createStorageService({
        dataDir,
        data,
        logger,
        events,
        verifiedFiles: async () => {
          const last = await lastVerifiedBackup(dataDir);
          return last ? readVerifiedFiles(last.root).catch(() => null) : null;
        },
      })
    : undefined;

  const thumbnails = createThumbnailService({
    dataDir,
    // Read per request: thumbnails answer 503 while the database is not open.
    db: () => database.handle?.db ?? null,
    logger,
  });

  // Backups read and write backup.json, not the database, so the recovery screen can restore when it is damaged.
  const backups: BackupService = createBackupService({
    dataDir,
    database,
    events,
    logger,
    now: data.now,
    utcOffsetMinutes: data.utcOffsetMinutes,
    drives: () => removableRoots(),
    restart: lasting.restart,
  });
  if (handle) backups.start();

  const handlers = createHandlers({
    system,
    data,
    capture,
    checkin,
    exports,
    delivery,
    health,
    problems,
    storage,
    backups,
    mail,
    fleet: fleet?.service,
    startAtLogin,
    centralFor: options.centralFor ?? fleet?.centralFor,
  });
  const dispatch = createDispatcher({
    // Slot edits and check-ins reach the autopilot once they succeed.
    handlers: autopilot ? withAutopilotHooks(handlers, autopilot) : handlers,
    logger,
    dataDir,
    // Without a database nobody can be signed in; public channels still answer (the home says why).
    resolveUser: (token) => auth?.resolveUser(token) ?? null,
  });
  logger.info({ dataDir, host, version: packageJson.version }, 'main services started');

  let closed = false;
  return {
    dispatch,
    audience: createAudience(data, logger, { backupRunWatchers: backups.watchersOf }),
    database,
    thumbnails,
    async close() {
      if (closed) return;
      closed = true;
      logger.info('main services stopping');
      // First: a backup running now is stopped before the database it copies closes.
      await backups.close();
      await maintenance?.stop();
      // Before capture and exports: no prerender or video is started by the autopilot from here on.
      await autopilot?.close();
      await exportsStarted;
      await capture.close();
      await exports?.close();
      await delivery?.close();
      await problems?.close();
      await health?.close();
      await outbox?.close();
      await fleet?.close();
      await downloads?.close();
      await thumbnails.close();
      await database.close();
    },
  };
}
