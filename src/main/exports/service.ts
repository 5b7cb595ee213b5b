// The export queue in main: export_jobs rows are the queue (they survive a restart), one worker loop takes
// the oldest waiting job while fewer than the concurrency setting are running, and every change of a job
// reaches the screens as an `exports.progress` event. Cancel aborts ffmpeg and the job's partial files go.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ExportJob } from '../../../db/schema';
import type { ExportJobView, ExportKind, PhotoImportResult, PhotoSource } from '../../shared/exports';
import { canSeeRecording, localDay, type Viewer } from '../access/rules';
import type { DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import type { EventHub } from '../ipc/events';
import { readKioskSettings } from '../settings/service';
import {
  activeJobOf,
  claimNextJob,
  finishJob,
  jobView,
  photoPathsOf,
  readJob,
  refreshExportStatus,
  requeueInterruptedJobs,
} from './jobs';
import { importPhotos, listPhotoSources, type PhotoRoot } from '../photos/photo-import';
import { photoFolderOf } from '../photos/photos';
import { estimateSecondsLeft } from './progress';
import { failureMessage, runExportJob } from './run-job';
import { ExportProblem, readExportSource } from './sources';
import { removePartialExports } from './video';
import type { FfmpegFeatures } from '../../shared/system';
import type { EncoderSettings } from './plan';

export interface ExportServiceOptions {
  dataDir: string;
  data: DataAccess;
  logger: Logger;
  events: EventHub;
  resourcesDir: string;
  ffmpegPath: () => string;
  freeBytes(dir: string): Promise<number | null>;
  /** The operator's name for the title card; by default the setting. */
  operatorName?: () => Promise<string>;
  encoder?: EncoderSettings;
  /** What the ffmpeg build can do (null when unknown): without drawtext, videos are made without a title. */
  features?: () => Promise<FfmpegFeatures | null>;
  /** Folders photos may be imported from (removable drives and the import folder). */
  photoRoots(): Promise<PhotoRoot[]>;
}

export interface ExportService {
  queue(input: { recordingId: string; kind: ExportKind }, viewer: Viewer): Promise<ExportJobView>;
  list(input: { recordingId?: string }, viewer: Viewer): Promise<ExportJobView[]>;
  cancel(jobId: string, viewer: Viewer): Promise<ExportJobView>;
  retry(jobId: string, viewer: Viewer): Promise<ExportJobView>;
  photoSources(): Promise<PhotoSource[]>;
  importPhotos(input: { recordingId: string; sourceId: string }, viewer: Viewer): Promise<PhotoImportResult>;
  /** Requeues jobs a stopped kiosk left running, removes their partial files, and starts the worker. */
  start(): Promise<void>;
  /** Resolves when nothing is waiting or running (tests, benchmarks). */
  whenIdle(): Promise<void>;
  /** Stops running jobs without failing them: they run again at the next start. */
  close(): Promise<void>;
}

interface Running {
  job: ExportJob;
  controller: AbortController;
  cancelled: boolean;
  /** ffmpeg has finished, one way or another: progress reports still on their way are dropped. */
  ended: boolean;
  startedAtMs: number;
  progress: number;
  lastEmitMs: number;
  lastSaveMs: number;
  done: Promise<void>;
}

const EMIT_EVERY_MS = 250;
const SAVE_EVERY_MS = 1_000;
const RECENT_JOBS = 20;

export function createExportService(options: ExportServiceOptions): ExportService {
  const { dataDir, data, logger, events } = options;
  const running = new Map<string, Running>();
  let started = false;
  let closing = false;
  let pump: Promise<void> = Promise.resolve();
  const idleWaiters = new Set<() => void>();

  const today = () => {
    const now = data.now();
    return localDay(now, data.utcOffsetMinutes(now));
  };

  async function viewOf(row: ExportJob): Promise<ExportJobView> {
    const active = running.get(row.id);
    const eta =
      active && row.status === 'processing'
        ? estimateSecondsLeft(active.progress, (Date.now() - active.startedAtMs) / 1000)
        : null;
    return jobView(
      active && row.status === 'processing' ? { ...row, progress: active.progress } : row,
      await photoPathsOf(data.db(), row),
      eta,
    );
  }

  async function emit(row: ExportJob): Promise<ExportJobView> {
    const view = await viewOf(row);
    events.emit('exports.progress', view);
    return view;
  }

  /** The flight, if this person may see it; NOT_FOUND otherwise (as for every other flight channel). */
  async function visibleRecording(recordingId: string, viewer: Viewer) {
    const recording = await data
      .db()
      .selectFrom('flight_recordings')
      .select(['id', 'created_by', 'staff_member', 'pilot_id', 'flight_at'])
      .where('id', '=', recordingId)
      .executeTakeFirst();
    if (!recording || !canSeeRecording(viewer, recording, today())) {
      throw new AppFailure('NOT_FOUND', 'That flight was not found. Go back to Flights and open it again.');
    }
    return recording;
  }

  async function visibleJob(jobId: string, viewer: Viewer): Promise<ExportJob> {
    const job = await readJob(data.db(), jobId);
    if (!job) throw new AppFailure('NOT_FOUND', 'That export was not found. It may have been removed.');
    await visibleRecording(job.recording_id, viewer);
    return job;
  }

  function settleIdle() {
    if (running.size > 0) return;
    void data
      .db()
      .selectFrom('export_jobs')
      .select('id')
      .where('status', '=', 'pending')
      .executeTakeFirst()
      .then((pending) => {
        if (pending && !closing) return;
        for (const resolve of idleWaiters) resolve();
        idleWaiters.clear();
      })
      .catch(() => undefined);
  }

  function kick(): void {
    if (!started || closing) return;
    pump = pump.then(fillSlots).catch((error: unknown) => {
      logger.error({ err: error }, 'export queue could not take the next job');
    });
  }

  async function fillSlots(): Promise<void> {
    const db = data.db();
    const { exportConcurrency } = await readKioskSettings(db);
    while (!closing && running.size < exportConcurrency) {
      const job = await claimNextJob(db);
      if (!job) break;
      run(job);
    }
    settleIdle();
  }

  function run(job: ExportJob): void {
    const entry: Running = {
      job,
      controller: new AbortController(),
      cancelled: false,
      ended: false,
      startedAtMs: Date.now(),
      progress: 0,
      lastEmitMs: 0,
      lastSaveMs: Date.now(),
      done: Promise.resolve(),
    };
    running.set(job.id, entry);
    entry.done = execute(entry)
      .catch((error: unknown) => {
        // Only the bookkeeping can land here (the database went away mid-job): the row stays `processing`
        // and the job runs again at the next start.
        logger.error({ err: error, jobId: job.id }, 'export job could not be recorded');
      })
      .finally(() => {
        running.delete(job.id);
        kick();
        settleIdle();
      });
  }

  function onProgress(entry: Running, share: number): void {
    entry.progress = share;
    const now = Date.now();
    if (now - entry.lastSaveMs >= SAVE_EVERY_MS) {
      entry.lastSaveMs = now;
      void data
        .db()
        .updateTable('export_jobs')
        .set({ progress: Math.min(1, share), updated_at: new Date().toISOString() })
        .where('id', '=', entry.job.id)
        .where('status', '=', 'processing')
        .execute()
        .catch(() => undefined);
    }
    if (now - entry.lastEmitMs >= EMIT_EVERY_MS || share >= 1) {
      entry.lastEmitMs = now;
      // The view is read asynchronously, so it may be ready only after the job ended: sent then, a stale
      // "processing" would land on the screens after "cancelled" or "completed" and stick there.
      void viewOf({ ...entry.job, status: 'processing' })
        .then((view) => {
          if (!entry.ended) events.emit('exports.progress', view);
        })
        .catch(() => undefined);
    }
  }

  async function execute(entry: Running): Promise<void> {
    const { job, controller } = entry;
    const db = data.db();
    await emit(job).catch(() => undefined);
    try {
      const finished = await runExportJob(job, {
        ...options,
        signal: controller.signal,
        onProgress: (share) => onProgress(entry, share),
      }).finally(() => {
        entry.ended = true;
      });
      logger.info({ jobId: job.id, kind: job.kind, recordingId: job.recording_id }, 'export finished');
      await emit(finished);
    } catch (error) {
      if (closing && !entry.cancelled) {
        // The kiosk is stopping: the job stays `processing` and is queued again at the next start.
        logger.info({ jobId: job.id }, 'export interrupted by shutdown; it runs again at the next start');
        return;
      }
      if (entry.cancelled) {
        const row = await finishJob(db, job.id, { status: 'cancelled' });
        logger.info({ jobId: job.id }, 'export cancelled');
        await emit(row);
        return;
      }
      const message = failureMessage(job.kind, error);
      logger.warn({ err: error, jobId: job.id, kind: job.kind }, 'export failed');
      const row = await finishJob(db, job.id, { status: 'failed', error: message });
      await emit(row);
    }
  }

  return {
    async queue({ recordingId, kind }, viewer) {
      await visibleRecording(recordingId, viewer);
      const db = data.db();
      const existing = await activeJobOf(db, recordingId, kind);
      if (existing) return viewOf(existing);
      if (kind === 'video') {
        // Refuse at once what would only fail later: a slot without footage, a missing file.
        try {
          await readExportSource(db, dataDir, recordingId, data.utcOffsetMinutes);
        } catch (error) {
          if (error instanceof ExportProblem) throw new AppFailure('CONFLICT', error.message);
          throw error;
        }
      }
      const now = new Date().toISOString();
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('export_jobs')
          .values({
            id: crypto.randomUUID(),
            recording_id: recordingId,
            kind,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await refreshExportStatus(trx, recordingId);
        return inserted;
      });
      logger.info({ jobId: row.id, kind, recordingId, by: viewer.id }, 'export queued');
      const view = await emit(row);
      kick();
      return view;
    },

    async list({ recordingId }, viewer) {
      const db = data.db();
      if (recordingId) {
        await visibleRecording(recordingId, viewer);
        const rows = await db
          .selectFrom('export_jobs')
          .selectAll()
          .where('recording_id', '=', recordingId)
          .orderBy('created_at', 'desc')
          .limit(RECENT_JOBS)
          .execute();
        return Promise.all(rows.map(viewOf));
      }
      const [active, recent] = await Promise.all([
        db
          .selectFrom('export_jobs')
          .selectAll()
          .where('status', 'in', ['pending', 'processing'])
          .orderBy('created_at', 'desc')
          .execute(),
        db
          .selectFrom('export_jobs')
          .selectAll()
          .where('status', 'not in', ['pending', 'processing'])
          .orderBy('updated_at', 'desc')
          .limit(RECENT_JOBS)
          .execute(),
      ]);
      const recordingIds = [...new Set([...active, ...recent].map((row) => row.recording_id))];
      if (recordingIds.length === 0) return [];
      const recordings = await db
        .selectFrom('flight_recordings')
        .select(['id', 'created_by', 'staff_member', 'pilot_id', 'flight_at'])
        .where('id', 'in', recordingIds)
        .execute();
      const visible = new Set(recordings.filter((r) => canSeeRecording(viewer, r, today())).map((r) => r.id));
      return Promise.all([...active, ...recent].filter((row) => visible.has(row.recording_id)).map(viewOf));
    },

    async cancel(jobId, viewer) {
      const job = await visibleJob(jobId, viewer);
      if (job.status === 'pending') {
        const row = await finishJob(data.db(), jobId, { status: 'cancelled' });
        return emit(row);
      }
      const active = running.get(jobId);
      if (job.status === 'processing' && active) {
        active.cancelled = true;
        active.controller.abort();
        await active.done;
        return viewOf((await readJob(data.db(), jobId))!);
      }
      throw new AppFailure('CONFLICT', 'This export has already ended, so there is nothing to cancel.');
    },

    async retry(jobId, viewer) {
      const job = await visibleJob(jobId, viewer);
      if (job.status !== 'failed' && job.status !== 'cancelled') {
        throw new AppFailure('CONFLICT', 'Only a failed or cancelled export can be tried again.');
      }
      const db = data.db();
      const existing = await activeJobOf(db, job.recording_id, job.kind);
      if (existing) return viewOf(existing);
      const row = await db
        .updateTable('export_jobs')
        .set({
          status: 'pending',
          progress: 0,
          error: null,
          finished_at: null,
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await refreshExportStatus(db, row.recording_id);
      const view = await emit(row);
      kick();
      return view;
    },

    async photoSources() {
      return listPhotoSources(await options.photoRoots());
    },

    async importPhotos({ recordingId, sourceId }, viewer) {
      await visibleRecording(recordingId, viewer);
      const result = await importPhotos({
        db: data.db(),
        dataDir,
        recordingId,
        roots: await options.photoRoots(),
        sourceId,
        onProgress: (done, total) => events.emit('photos.importProgress', { recordingId, done, total }),
      });
      logger.info({ recordingId, ...result, photoUrls: undefined, by: viewer.id }, 'photos imported');
      return result;
    },

    async start() {
      const db = data.db();
      const interrupted = await requeueInterruptedJobs(db);
      for (const job of interrupted) {
        await removePartialExports(dataDir, job.recording_id);
        await rm(path.join(dataDir, photoFolderOf(job.recording_id), `${job.id}.partial`), {
          recursive: true,
          force: true,
        });
        logger.info({ jobId: job.id }, 'export left running by a stopped kiosk is queued again');
      }
      started = true;
      kick();
    },

    whenIdle() {
      return new Promise((resolve) => {
        idleWaiters.add(resolve);
        settleIdle();
      });
    },

    async close() {
      closing = true;
      for (const entry of running.values()) entry.controller.abort();
      await Promise.all([...running.values()].map((entry) => entry.done));
      await pump;
      for (const resolve of idleWaiters) resolve();
      idleWaiters.clear();
    },
  };
}
