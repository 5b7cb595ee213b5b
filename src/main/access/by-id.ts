// The access rules for callers that hold only an id (an event's payload, a file's URL): load the one row the
// rule judges, then ask rules.ts. A row that is not there is visible to nobody.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { canSeeRecording, type LocalDay, type RecordingOwnership, type Viewer } from './rules';

export function recordingOwnership(
  db: Kysely<Database>,
  recordingId: string,
): Promise<RecordingOwnership | undefined> {
  return db
    .selectFrom('flight_recordings')
    .select(['created_by', 'staff_member', 'pilot_id', 'flight_at'])
    .where('id', '=', recordingId)
    .executeTakeFirst();
}

export async function canSeeRecordingId(
  db: Kysely<Database>,
  viewer: Viewer,
  recordingId: string,
  today: LocalDay,
): Promise<boolean> {
  const recording = await recordingOwnership(db, recordingId);
  return !!recording && canSeeRecording(viewer, recording, today);
}

/** The flight a scene belongs to, or null for an unknown scene. */
export async function recordingOfScene(db: Kysely<Database>, sceneId: string): Promise<string | null> {
  const scene = await db
    .selectFrom('scene_recordings')
    .select('recording_id')
    .where('id', '=', sceneId)
    .executeTakeFirst();
  return scene?.recording_id ?? null;
}

export function saleOwnership(
  db: Kysely<Database>,
  saleId: string,
): Promise<{ staff_member: string | null } | undefined> {
  return db.selectFrom('sales').select('staff_member').where('id', '=', saleId).executeTakeFirst();
}
