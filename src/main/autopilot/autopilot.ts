// The autopilot: the video makes itself. It hears of every change that shapes a flight's video (a scene saved,
// filmed again or recovered; slot windows edited; a flight checked in) and, per flight, coalesces them:
//  - when the video can be made and should be (decide.ts: the setting is on, every slot has footage, no video
//    job is waiting or running, no video was made after the change), it queues the normal export_jobs row, so
//    status, sales and the exports screen all see it as if the crew had tapped Export;
//  - otherwise it has the flight's pieces rendered ahead (exports.prerender), one flight at a time and never
//    while capture's render hold is on, so the video is quick once the last scene is in.
// Edits wait EDIT_SETTLE_MS for the next edit, so a burst of drags makes one video. It logs why it did or
// did not make a video, every time.
//
// A video the autopilot queues is made on behalf of the person whose change called for it (who stopped the
// take, or saved the slots); a take main saved on its own counts as its filmer's, and a take recovered at start
// as the flight's staff member's (else its creator's). The export service checks that person may see the
// flight, exactly as for a tap.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../../db/schema';
import type { Viewer } from '../access/rules';
import type { SceneSaved } from '../capture/service';
import type { DataAccess } from '../data-access';
import { activeJobOf } from '../exports/jobs';
import type { ExportService } from '../exports/service';
import { ExportProblem, readExportSource } from '../exports/sources';
import type { RenderHold } from '../ffmpeg/run';
import type { EventHub } from '../ipc/events';
import { readKioskSettings } from '../settings/service';
import { decideVideo, type FlightChange } from './decide';

export const EDIT_SETTLE_MS = 1_000;

/** What the autopilot uses of the export service; `prerender` renders a flight's missing pieces. */
export type AutopilotExports = Pick<ExportService, 'queue'> & {
  prerender?(recordingId: string, options?: { signal?: AbortSignal }): Promise<unknown>;
};

export interface AutopilotOptions {
  dataDir: string;
  data: Pick<DataAccess, 'db' | 'utcOffsetMinutes'>;
  logger: Logger;
  events: Pick<EventHub, 'subscribe'>;
  exports: AutopilotExports;
  /** Capture's render hold: no prerender starts while it is held. */
  hold: RenderHold;
  /** How long an edit waits for the next one before the video is made again (tests shorten it). */
  editSettleMs?: number;
}

export interface Autopilot {
  sceneSaved(saved: SceneSaved): void;
  slotsChanged(change: { recordingId: string; userId: string }): void;
  checkedIn(change: { recordingId: string; userId: string }): void;
  /** Resolves once nothing is waiting, being decided or being prerendered (tests, benchmarks). */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

interface PendingChange extends FlightChange {
  /** Whose change it is (see the module comment); null: the flight's staff member. */
  by: string | null;
  timer: NodeJS.Timeout | null;
}

export function createAutopilot(options: AutopilotOptions): Autopilot {
  const { data, logger, exports, hold } = options;
  const settleMs = options.editSettleMs ?? EDIT_SETTLE_MS;
  const pending = new Map<string, PendingChange>();
  /** Flights whose video was being made from before a change: decided again once that job completes. */
  const afterJob = new Map<string, PendingChange>();
  /** Flights whose pieces are wanted, in order; rendered one at a time. */
  const prerenderWanted = new Set<string>();
  const abort = new AbortController();
  let decisions: Promise<void> = Promise.resolve();
  let deciding = 0;
  let rendering: Promise<void> | null = null;
  let closed = false;
  const idleWaiters = new Set<() => void>();
  /** Waits for the hold to lift, ended at close. */
  const closeWaiters = new Set<() => void>();

  const unsubscribe = options.events.subscribe((event, payload) => {
    if (event !== 'exports.progress') return;
    const job = payload as { id: string; kind: string; status: string };
    const waiting = job.kind === 'video' ? afterJob.get(job.id) : undefined;
    if (!waiting || (job.status !== 'completed' && job.status !== 'failed' && job.status !== 'cancelled'))
      return;
    afterJob.delete(job.id);
    const recordingId = (payload as { recordingId: string }).recordingId;
    if (job.status !== 'completed') {
      logger.info(
        { recordingId, jobId: job.id, status: job.status },
        'autopilot: the video made before the change ended without a video; not made again by itself',
      );
      return;
    }
    note(recordingId, waiting, 0);
  });

  function note(recordingId: string, change: Omit<PendingChange, 'timer'>, delayMs: number): void {
    if (closed) return;
    const earlier = pending.get(recordingId);
    if (earlier?.timer) clearTimeout(earlier.timer);
    const merged: PendingChange = {
      sceneSaved: change.sceneSaved || (earlier?.sceneSaved ?? false),
      edited: change.edited || (earlier?.edited ?? false),
      changedAt: earlier && earlier.changedAt > change.changedAt ? earlier.changedAt : change.changedAt,
      by: change.by ?? earlier?.by ?? null,
      timer: null,
    };
    merged.timer = setTimeout(() => {
      merged.timer = null;
      pending.delete(recordingId);
      deciding += 1;
      decisions = decisions
        .then(() => decide(recordingId, merged))
        .catch((error: unknown) => logger.error({ err: error, recordingId }, 'autopilot: deciding failed'))
        .finally(() => {
          deciding -= 1;
          settleIdle();
        });
    }, delayMs);
    pending.set(recordingId, merged);
  }

  async function decide(recordingId: string, change: PendingChange): Promise<void> {
    if (closed) return;
    const db = data.db();
    const facts = {
      autoMakeVideo: (await readKioskSettings(db)).autoMakeVideo,
      active: await activeVideoJob(db, recordingId),
      lastVideoStartedAt: await lastVideoStartedAt(db, recordingId),
      footageProblem: await footageProblem(recordingId),
    };
    const decision = decideVideo(change, facts);
    const log = {
      recordingId,
      reason: decision.reason,
      sceneSaved: change.sceneSaved,
      edited: change.edited,
    };
    if (decision.action === 'after-running') {
      const jobId = (await activeJobOf(db, recordingId, 'video'))?.id;
      if (jobId) afterJob.set(jobId, { ...change, timer: null });
      logger.info({ ...log, jobId }, 'autopilot: the video is made again once the running one is done');
      return;
    }
    if (decision.action === 'queue') {
      const viewer = await attributedTo(db, recordingId, change.by);
      if (viewer) {
        try {
          const job = await exports.queue({ recordingId, kind: 'video' }, viewer);
          prerenderWanted.delete(recordingId); // the job renders what is missing itself
          logger.info({ ...log, jobId: job.id, by: viewer.id }, 'autopilot: video queued by itself');
          return;
        } catch (error) {
          logger.warn({ ...log, err: error, by: viewer.id }, 'autopilot: the video could not be queued');
        }
      } else {
        logger.warn(log, 'autopilot: nobody active to make the video for; the crew can tap Export');
      }
    } else {
      logger.info(log, 'autopilot: video not made by itself');
    }
    // Whatever else happens, the pieces that can be rendered now are, so a later video is quick.
    if (!facts.active) wantPieces(recordingId);
  }

  async function footageProblem(recordingId: string): Promise<string | null> {
    try {
      await readExportSource(data.db(), options.dataDir, recordingId, data.utcOffsetMinutes);
      return null;
    } catch (error) {
      if (error instanceof ExportProblem) return error.message;
      throw error;
    }
  }

  function wantPieces(recordingId: string): void {
    if (!exports.prerender || closed) return;
    prerenderWanted.add(recordingId);
    rendering ??= renderPieces().finally(() => {
      rendering = null;
      settleIdle();
    });
  }

  /** One flight at a time, each only once the hold is off. */
  async function renderPieces(): Promise<void> {
    for (;;) {
      await holdReleased();
      const next = prerenderWanted.values().next();
      if (next.done || closed) return;
      const recordingId = next.value;
      prerenderWanted.delete(recordingId);
      try {
        const result = await exports.prerender?.(recordingId, { signal: abort.signal });
        logger.info({ recordingId, result }, 'autopilot: pieces rendered ahead');
      } catch (error) {
        if (!closed) logger.warn({ err: error, recordingId }, 'autopilot: rendering pieces ahead failed');
      }
    }
  }

  function holdReleased(): Promise<void> {
    if (!hold.held() || closed) return Promise.resolve();
    logger.info('autopilot: a recorder is behind; pieces wait');
    return new Promise((resolve) => {
      const done = () => {
        stop();
        closeWaiters.delete(done);
        resolve();
      };
      const stop = hold.subscribe((held) => {
        if (!held) done();
      });
      closeWaiters.add(done);
    });
  }

  function isIdle(): boolean {
    return pending.size === 0 && deciding === 0 && rendering === null;
  }

  function settleIdle(): void {
    if (!isIdle()) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters.clear();
  }

  const now = () => new Date().toISOString();

  return {
    sceneSaved(saved) {
      const change = { sceneSaved: true, edited: false, changedAt: now(), by: saved.userId };
      logger.info(
        { recordingId: saved.recordingId, sceneId: saved.sceneId, how: saved.how },
        'autopilot: scene saved',
      );
      note(saved.recordingId, change, 0);
    },
    slotsChanged({ recordingId, userId }) {
      note(recordingId, { sceneSaved: false, edited: true, changedAt: now(), by: userId }, settleMs);
    },
    checkedIn({ recordingId, userId }) {
      // Nothing to make a video of yet, but the intro and outro can be rendered at once.
      note(recordingId, { sceneSaved: false, edited: false, changedAt: now(), by: userId }, 0);
    },
    whenIdle() {
      return new Promise((resolve) => {
        idleWaiters.add(resolve);
        settleIdle();
      });
    },
    async close() {
      closed = true;
      unsubscribe();
      for (const change of pending.values()) if (change.timer) clearTimeout(change.timer);
      pending.clear();
      abort.abort();
      for (const done of [...closeWaiters]) done();
      await decisions;
      await rendering;
      for (const resolve of idleWaiters) resolve();
      idleWaiters.clear();
    },
  };
}

async function activeVideoJob(db: Kysely<Database>, recordingId: string) {
  const job = await activeJobOf(db, recordingId, 'video');
  if (!job || (job.status !== 'pending' && job.status !== 'processing')) return null;
  return { status: job.status, startedAt: job.started_at };
}

async function lastVideoStartedAt(db: Kysely<Database>, recordingId: string): Promise<string | null> {
  const row = await db
    .selectFrom('export_jobs')
    .select('started_at')
    .where('recording_id', '=', recordingId)
    .where('kind', '=', 'video')
    .where('status', '=', 'completed')
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
  return row?.started_at ?? null;
}

/** The person the video is made for (module comment), if they are still active. */
async function attributedTo(
  db: Kysely<Database>,
  recordingId: string,
  userId: string | null,
): Promise<Viewer | null> {
  let id = userId;
  if (id === null) {
    const flight = await db
      .selectFrom('flight_recordings')
      .select(['staff_member', 'created_by'])
      .where('id', '=', recordingId)
      .executeTakeFirst();
    id = flight?.staff_member ?? flight?.created_by ?? null;
  }
  if (id === null) return null;
  const user = await db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  return user ?? null;
}
