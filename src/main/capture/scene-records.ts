// What capture reads and changes on a scene besides its footage: who may film it, its folder, and the
// `recording` status a take puts on it (and takes off again when it is thrown away).
import path from 'node:path';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database, SceneRecording, SceneStatus, SceneType } from '../../../db/schema';
import type { RecordingOwnership } from '../access/rules';
import type { TakeJournal } from './take-journal';

export interface CaptureScene {
  scene: SceneRecording;
  flight: RecordingOwnership & { passenger_names: string; waiver_accepted_at: string | null };
}

/** A scene's folder relative to the data directory, with `/` as in the paths the database keeps. */
export function sceneFolder(recordingId: string, sceneType: SceneType): string {
  return `media/${recordingId}/${sceneType}`;
}

export function absoluteMediaPath(dataDir: string, relative: string): string {
  return path.join(dataDir, ...relative.split('/'));
}

export async function loadCaptureScene(db: Kysely<Database>, sceneId: string): Promise<CaptureScene | null> {
  const scene = await db
    .selectFrom('scene_recordings')
    .selectAll()
    .where('id', '=', sceneId)
    .executeTakeFirst();
  if (!scene) return null;
  const flight = await db
    .selectFrom('flight_recordings')
    .select(['created_by', 'staff_member', 'pilot_id', 'flight_at', 'passenger_names', 'waiver_accepted_at'])
    .where('id', '=', scene.recording_id)
    .executeTakeFirst();
  return flight ? { scene, flight } : null;
}

/** Scenes left `recording` in the database: at start, takes the kiosk never got to finish. */
export async function listScenesLeftRecording(db: Kysely<Database>): Promise<CaptureScene[]> {
  const ids = await db
    .selectFrom('scene_recordings')
    .select('id')
    .where('status', '=', 'recording')
    .execute();
  const scenes: CaptureScene[] = [];
  for (const { id } of ids) {
    const loaded = await loadCaptureScene(db, id);
    if (loaded) scenes.push(loaded);
  }
  return scenes;
}

/**
 * Puts the scene in `recording`; its earlier footage stays until the new take is saved. `resumed`: a take main
 * had ended on its own is reopened (capture.resume).
 */
export async function markSceneRecording(
  db: Kysely<Database>,
  scene: SceneRecording,
  take: { takeId: string; startedAt: string },
  actingUserId: string | null,
  options: { resumed?: boolean } = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('scene_recordings')
      .set({ status: 'recording', started_at: take.startedAt, updated_at: new Date().toISOString() })
      .where('id', '=', scene.id)
      .execute();
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'update',
      entityType: 'scene',
      entityId: scene.id,
      before: { status: scene.status },
      after: {
        status: 'recording',
        take_id: take.takeId,
        ...(options.resumed ? { reason: 'take resumed after the screen lost the kiosk' } : {}),
      },
    });
  });
}

/** Takes a scene out of `recording` without new footage (a take thrown away, or nothing usable in it). */
/** Puts the scene back to what it was before the take the journal describes (discarded, or nothing usable). */
export function restoreSceneBeforeTake(
  db: Kysely<Database>,
  journal: Pick<TakeJournal, 'sceneId' | 'previousStatus' | 'previousStartedAt' | 'takeId'>,
  reason: string,
  audit: { action: string; actingUserId: string | null },
): Promise<SceneRecording | undefined> {
  const { sceneId, previousStatus, previousStartedAt, takeId } = journal;
  return restoreSceneStatus(
    db,
    sceneId,
    { status: previousStatus, startedAt: previousStartedAt, takeId, reason },
    audit,
  );
}

export async function restoreSceneStatus(
  db: Kysely<Database>,
  sceneId: string,
  restore: { status: SceneStatus; startedAt: string | null; takeId: string; reason: string },
  audit: { action: string; actingUserId: string | null },
): Promise<SceneRecording | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('scene_recordings')
      .select('status')
      .where('id', '=', sceneId)
      .executeTakeFirst();
    if (!before) return undefined;
    const scene = await trx
      .updateTable('scene_recordings')
      .set({ status: restore.status, started_at: restore.startedAt, updated_at: new Date().toISOString() })
      .where('id', '=', sceneId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAuditLog(trx, {
      userId: audit.actingUserId,
      action: audit.action,
      entityType: 'scene',
      entityId: sceneId,
      before: { status: before.status },
      after: { status: restore.status, take_id: restore.takeId, reason: restore.reason },
    });
    return scene;
  });
}
