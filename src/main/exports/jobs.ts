// export_jobs rows: how a job looks on screen, and the state changes the queue makes. A flight's export_status
// follows its video jobs: waiting or running while one is, completed once any video is made, failed when the
// latest one failed, not_exported otherwise.
import type { Kysely, Transaction } from 'kysely';
import type { Database, ExportJob, ExportStatus } from '../../../db/schema';
import type { ExportJobView, ExportKind } from '../../shared/exports';
import { mediaUrl } from '../media/url';

/** Where a finished video's poster frame lies, beside the video. */
export const posterPathOf = (videoPath: string): string => videoPath.replace(/\.mp4$/, '-poster.jpg');

export function jobView(
  row: ExportJob,
  photoPaths: readonly string[] = [],
  etaSeconds: number | null = null,
): ExportJobView {
  const completed = row.status === 'completed' && row.output_path !== null;
  const version = row.finished_at ? String(Date.parse(row.finished_at)) : undefined;
  return {
    id: row.id,
    recordingId: row.recording_id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    etaSeconds: row.status === 'processing' ? etaSeconds : null,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    videoUrl: completed && row.kind === 'video' ? mediaUrl(row.output_path!, version) : null,
    posterUrl: completed && row.kind === 'video' ? mediaUrl(posterPathOf(row.output_path!), version) : null,
    photoUrls: completed && row.kind === 'photos' ? photoPaths.map((p) => mediaUrl(p)) : [],
  };
}

/** The files a photos job made (their storage rows, in name order). */
export async function photoPathsOf(db: Kysely<Database>, row: ExportJob): Promise<string[]> {
  if (row.kind !== 'photos' || row.status !== 'completed' || !row.output_path) return [];
  const rows = await db
    .selectFrom('storage_usage')
    .select('path')
    .where('recording_id', '=', row.recording_id)
    .where('kind', '=', 'photo')
    .where('path', 'like', `${row.output_path}/%`)
    .orderBy('path')
    .execute();
  return rows.map((r) => r.path);
}

export async function readJob(db: Kysely<Database>, jobId: string): Promise<ExportJob | undefined> {
  return db.selectFrom('export_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}

/** The flight's export_status from its video jobs (see the module comment). */
export async function refreshExportStatus(db: Kysely<Database> | Transaction<Database>, recordingId: string) {
  const jobs = await db
    .selectFrom('export_jobs')
    .select(['status'])
    .where('recording_id', '=', recordingId)
    .where('kind', '=', 'video')
    .orderBy('created_at', 'desc')
    .execute();
  const statuses = jobs.map((job) => job.status);
  let status: ExportStatus = 'not_exported';
  if (statuses.includes('processing')) status = 'processing';
  else if (statuses.includes('pending')) status = 'pending';
  else if (statuses.includes('completed')) status = 'completed';
  else if (statuses[0] === 'failed') status = 'failed';
  await db
    .updateTable('flight_recordings')
    .set({ export_status: status, updated_at: new Date().toISOString() })
    .where('id', '=', recordingId)
    .where('export_status', '!=', status)
    .execute();
}

/** A job of this kind for the flight that is waiting or running, if any. */
export async function activeJobOf(db: Kysely<Database>, recordingId: string, kind: ExportKind) {
  return db
    .selectFrom('export_jobs')
    .selectAll()
    .where('recording_id', '=', recordingId)
    .where('kind', '=', kind)
    .where('status', 'in', ['pending', 'processing'])
    .orderBy('created_at')
    .executeTakeFirst();
}

/** Takes the oldest waiting job and marks it running (one transaction, so two workers never take the same). */
export async function claimNextJob(db: Kysely<Database>): Promise<ExportJob | undefined> {
  return db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom('export_jobs')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    if (!next) return undefined;
    const now = new Date().toISOString();
    const claimed = await trx
      .updateTable('export_jobs')
      .set({
        status: 'processing',
        progress: 0,
        error: null,
        attempts: next.attempts + 1,
        started_at: now,
        finished_at: null,
        updated_at: now,
      })
      .where('id', '=', next.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirstOrThrow();
    await refreshExportStatus(trx, claimed.recording_id);
    return claimed;
  });
}

/** Jobs a stopped kiosk left running go back to the queue; returns how many. */
export async function requeueInterruptedJobs(db: Kysely<Database>): Promise<ExportJob[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('export_jobs')
      .set({ status: 'pending', progress: 0, updated_at: new Date().toISOString() })
      .where('status', '=', 'processing')
      .returningAll()
      .execute();
    for (const recordingId of new Set(rows.map((row) => row.recording_id))) {
      await refreshExportStatus(trx, recordingId);
    }
    return rows;
  });
}

export async function finishJob(
  db: Kysely<Database>,
  jobId: string,
  change: { status: 'completed' | 'failed' | 'cancelled'; error?: string | null; outputPath?: string | null },
  files: Array<{ kind: 'export' | 'photo' | 'thumbnail'; path: string; bytes: number }> = [],
): Promise<ExportJob> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const row = await trx
      .updateTable('export_jobs')
      .set({
        status: change.status,
        error: change.error ?? null,
        ...(change.outputPath !== undefined ? { output_path: change.outputPath } : {}),
        ...(change.status === 'completed' ? { progress: 1 } : {}),
        finished_at: now,
        updated_at: now,
      })
      .where('id', '=', jobId)
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const file of files) {
      await trx
        .insertInto('storage_usage')
        .values({
          id: crypto.randomUUID(),
          recording_id: row.recording_id,
          scene_id: null,
          kind: file.kind,
          path: file.path,
          bytes: file.bytes,
        })
        .onConflict((oc) => oc.column('path').doUpdateSet({ bytes: file.bytes, recorded_at: now }))
        .execute();
    }
    await refreshExportStatus(trx, row.recording_id);
    return row;
  });
}
