// The export requests as the handlers make them: queue, list, cancel and retry a flight's video or photos,
// and import photos from a drive; and `prerender`, which renders a flight's video pieces ahead while it is
// filmed (the autopilot calls it). Who may see which flight is checked here; taking waiting jobs, running them
// and stopping them is the worker's job (queue-worker.ts).
import type { ExportJob } from '../../../db/schema';
import type { ExportJobView, ExportKind } from '../../shared/exports';
import type { PhotoImportResult, PhotoPreview, PhotoSource } from '../../shared/photos';
import { canSeeRecordingId } from '../access/by-id';
import { canSeeRecording, type Viewer } from '../access/rules';
import { kioskToday } from '../data-access';
import { AppFailure } from '../errors';
import { listPhotoSources, type PhotoRoot } from '../photos/photo-card';
import { importPhotos, previewPhotos } from '../photos/photo-import';
import { readKioskSettings } from '../settings/service';
import { activeJobOf, finishJob, readJob, refreshExportStatus } from './jobs';
import { createPieceEngine } from './pieces/engine';
import { prerenderFlight, type PrerenderResult } from './pieces/prerender';
import { createExportWorker, type ExportWorker, type ExportWorkerOptions } from './queue-worker';
import { ExportProblem, readExportSource } from './sources';

export interface ExportServiceOptions extends ExportWorkerOptions {
  /** Folders photos may be imported from (removable drives and the import folder). */
  photoRoots(): Promise<PhotoRoot[]>;
}

/** The requests, plus the worker's start, whenIdle and close for the app and tests. */
export interface ExportService extends Pick<ExportWorker, 'start' | 'whenIdle' | 'close'> {
  queue(input: { recordingId: string; kind: ExportKind }, viewer: Viewer): Promise<ExportJobView>;
  list(input: { recordingId?: string }, viewer: Viewer): Promise<ExportJobView[]>;
  cancel(jobId: string, viewer: Viewer): Promise<ExportJobView>;
  retry(jobId: string, viewer: Viewer): Promise<ExportJobView>;
  photoSources(): Promise<PhotoSource[]>;
  previewPhotos(input: { recordingId: string; sourceId: string }, viewer: Viewer): Promise<PhotoPreview>;
  importPhotos(input: PhotoImportInput, viewer: Viewer): Promise<PhotoImportResult>;
  /**
   * Renders, one at a time, at low priority and under the hold, every missing piece of the flight's current
   * slots whose footage exists (intro and outro included), then its sound. `waiting`: slots without footage
   * yet. Never throws: a flight that is gone gives zeros, an ffmpeg failure is logged and ends the run.
   * Calls run one after another, never side by side.
   */
  prerender(recordingId: string, options?: { signal?: AbortSignal }): Promise<PrerenderResult>;
}

/** The crew's confirmed photos of a preview (`photos.import`). */
export interface PhotoImportInput {
  recordingId: string;
  sourceId: string;
  photoIds: string[];
  allowDuplicates: string[];
}

const RECENT_JOBS = 20;

export function createExportService(options: ExportServiceOptions): ExportService {
  const { dataDir, data, logger, events } = options;
  const pieces = options.pieces ?? createPieceEngine(options);
  const worker = createExportWorker({ ...options, pieces });
  const { viewOf, emit, kick } = worker;
  /** The prerender runs waiting for the one before them. */
  let prerenders: Promise<unknown> = Promise.resolve();
  /** Stops prerenders when the service closes. */
  const closing = new AbortController();

  const today = () => kioskToday(data);

  /** The flight, if this person may see it; NOT_FOUND otherwise (as for every other flight channel). */
  async function visibleRecording(recordingId: string, viewer: Viewer): Promise<void> {
    if (!(await canSeeRecordingId(data.db(), viewer, recordingId, today()))) {
      throw new AppFailure('NOT_FOUND', 'That flight was not found. Go back to Flights and open it again.');
    }
  }

  /** What a photo preview and import read: the flight, the card, the kiosk's clock and their progress events. */
  async function photoCard(recordingId: string, sourceId: string) {
    return {
      db: data.db(),
      recordingId,
      sourceId,
      roots: await options.photoRoots(),
      utcOffsetMinutes: data.utcOffsetMinutes,
      onProgress: (stage: 'reading' | 'copying', done: number, total: number) =>
        events.emit('photos.importProgress', { recordingId, stage, done, total }),
    };
  }

  async function visibleJob(jobId: string, viewer: Viewer): Promise<ExportJob> {
    const job = await readJob(data.db(), jobId);
    if (!job) throw new AppFailure('NOT_FOUND', 'That export was not found. It may have been removed.');
    await visibleRecording(job.recording_id, viewer);
    return job;
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
      if (job.status === 'processing' && (await worker.cancelRunning(jobId))) {
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

    async previewPhotos({ recordingId, sourceId }, viewer) {
      await visibleRecording(recordingId, viewer);
      return previewPhotos({
        ...(await photoCard(recordingId, sourceId)),
        maySee: (recording) => canSeeRecording(viewer, recording, today()),
      });
    },

    async importPhotos({ recordingId, sourceId, photoIds, allowDuplicates }, viewer) {
      await visibleRecording(recordingId, viewer);
      const result = await importPhotos({
        ...(await photoCard(recordingId, sourceId)),
        dataDir,
        photoIds,
        allowDuplicates,
        importedBy: viewer.id,
      });
      logger.info(
        { recordingId, ...result, photoUrls: undefined, duplicates: allowDuplicates.length, by: viewer.id },
        'photos imported',
      );
      return result;
    },

    prerender(recordingId, request = {}) {
      const signal = request.signal ? AbortSignal.any([request.signal, closing.signal]) : closing.signal;
      const run = prerenders.then(async () => {
        if (signal.aborted) return { rendered: 0, cached: 0, waiting: 0 };
        const settings = await readKioskSettings(data.db());
        return prerenderFlight(
          {
            db: data.db(),
            dataDir,
            utcOffsetMinutes: data.utcOffsetMinutes,
            pieces,
            logger,
            operatorName: options.operatorName ? await options.operatorName() : settings.operatorName,
            drawTitle: (await options.features?.())?.drawtext ?? true,
            signal,
          },
          recordingId,
        );
      });
      const zeros: PrerenderResult = { rendered: 0, cached: 0, waiting: 0 };
      const safe = run.catch((error: unknown) => {
        logger.warn({ err: error, recordingId }, 'video pieces could not be rendered ahead');
        return zeros;
      });
      prerenders = safe;
      return safe;
    },

    start: worker.start,
    whenIdle: worker.whenIdle,
    async close() {
      closing.abort();
      await prerenders;
      await worker.close();
    },
  };
}
