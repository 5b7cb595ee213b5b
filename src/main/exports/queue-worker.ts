// The export worker: export_jobs rows are the queue (they survive a restart), and this loop takes the oldest
// waiting job while fewer than the concurrency setting are running. Every change of a running job reaches the
// screens as an `exports.progress` event. Cancel aborts ffmpeg and the job's partial files go.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ExportJob } from '../../../db/schema';
import type { ExportJobView } from '../../shared/exports';
import type { EventHub } from '../ipc/events';
import { photoFolderOf } from '../photos/photos';
import { readKioskSettings } from '../settings/service';
import { claimNextJob, finishJob, jobView, photoPathsOf, requeueInterruptedJobs } from './jobs';
import { createPieceEngine, type PieceEngine } from './pieces/engine';
import { secondsLeftAtPace, videoSecondsLeft, type FramePace, type Pace, type VideoWork } from './progress';
import { failureMessage, runExportJob, type ExportMakerOptions } from './run-job';
import { removePartialExports } from './video';

export interface ExportWorkerOptions extends ExportMakerOptions {
  logger: Logger;
  events: EventHub;
  /** The service's pieces engine, shared with its prerender; one of its own otherwise. */
  pieces?: PieceEngine;
}

export interface ExportWorker {
  /** A job's view, with the live progress and time left of a job running now. */
  viewOf(row: ExportJob): Promise<ExportJobView>;
  /** Sends a job's view to the screens as `exports.progress`, and returns it. */
  emit(row: ExportJob): Promise<ExportJobView>;
  /** Something was queued: take waiting jobs while there is room (nothing before start or after close). */
  kick(): void;
  /**
   * Stops a job running here and waits until it is marked cancelled. False when it is not running here.
   */
  cancelRunning(jobId: string): Promise<boolean>;
  /** Requeues jobs a stopped kiosk left running, removes their partial files, and starts taking jobs. */
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
  /** The first progress report: the time left is estimated from the pace since then. */
  pace: Pace | null;
  /** A video's last report of its frames, and its first with frames rendered (progress.ts). */
  work: VideoWork | null;
  framePace: FramePace | null;
  lastEmitMs: number;
  lastSaveMs: number;
  done: Promise<void>;
}

const EMIT_EVERY_MS = 250;
const SAVE_EVERY_MS = 1_000;

export function createExportWorker(options: ExportWorkerOptions): ExportWorker {
  const { dataDir, data, logger, events } = options;
  const pieces = options.pieces ?? createPieceEngine(options);
  const running = new Map<string, Running>();
  let started = false;
  let closing = false;
  let pump: Promise<void> = Promise.resolve();
  const idleWaiters = new Set<() => void>();

  async function viewOf(row: ExportJob): Promise<ExportJobView> {
    const active = running.get(row.id);
    let left: number | null = null;
    if (active && row.status === 'processing') {
      if (active.work) left = videoSecondsLeft(active.framePace, active.work, Date.now());
      else if (active.pace) left = secondsLeftAtPace(active.pace, active.progress, Date.now());
    }
    // Tenths: the screens round it their own way ("About 4 s left"), and the benchmark reads it as it is.
    const eta = left === null ? null : Math.round(left * 10) / 10;
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
      pace: null,
      work: null,
      framePace: null,
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

  function onProgress(entry: Running, share: number, work?: VideoWork): void {
    entry.progress = share;
    const now = Date.now();
    if (!entry.pace && share > 0) entry.pace = { atMs: now, share };
    if (work) {
      entry.work = work;
      if (!entry.framePace && work.framesDone > 0)
        entry.framePace = { atMs: now, framesDone: work.framesDone };
    }
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
        pieces,
        signal: controller.signal,
        onProgress: (share, work) => onProgress(entry, share, work),
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
    viewOf,
    emit,
    kick,

    async cancelRunning(jobId) {
      const active = running.get(jobId);
      if (!active) return false;
      active.cancelled = true;
      active.controller.abort();
      await active.done;
      return true;
    },

    async start() {
      const tidied = await pieces.tidy().catch((error: unknown) => {
        logger.warn({ err: error }, 'the piece cache could not be tidied');
        return 0;
      });
      if (tidied > 0) logger.info({ files: tidied }, 'half-written and unused video pieces removed');
      const interrupted = await requeueInterruptedJobs(data.db());
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
