// The screen's view of a flight and its scenes: camelCase, names joined in, footage as media URLs.
import type { Kysely } from 'kysely';
import type { Database, SceneRecording } from '../../../db/schema';
import type { FootageRemoval, RecordingDetail } from '../../shared/recordings';
import type { SceneView } from '../../shared/capture';
import { canSeeRecording, type LocalDay, type Viewer } from '../access/rules';
import { AppFailure } from '../errors';
import { mediaUrl } from '../media/url';

export function sceneView(scene: SceneRecording): SceneView {
  const version = String(Date.parse(scene.updated_at));
  return {
    id: scene.id,
    recordingId: scene.recording_id,
    sceneType: scene.scene_type,
    sceneIndex: scene.scene_index,
    status: scene.status,
    camera1Source: scene.camera1_source,
    camera2Source: scene.camera2_source,
    camera1Url: scene.camera1_path ? mediaUrl(scene.camera1_path, version) : null,
    camera2Url: scene.camera2_path ? mediaUrl(scene.camera2_path, version) : null,
    camera1Duration: scene.camera1_duration,
    camera2Duration: scene.camera2_duration,
    offsetMs: scene.camera_offset_ms,
    codec: scene.codec,
    startedAt: scene.started_at,
    endedAt: scene.ended_at,
    updatedAt: scene.updated_at,
  };
}

export const FLIGHT_NOT_FOUND =
  'That flight does not exist or is not one of yours. Pick it again from the flights list.';

/** One flight as the viewer may see it; NOT_FOUND (not FORBIDDEN) for someone else's, so ids leak nothing. */
export async function readRecordingDetail(
  db: Kysely<Database>,
  recordingId: string,
  viewer: Viewer,
  today: LocalDay,
): Promise<RecordingDetail> {
  const row = await db
    .selectFrom('recording_summary as r')
    .leftJoin('users as pilot', 'pilot.id', 'r.pilot_id')
    .leftJoin('users as staff', 'staff.id', 'r.staff_member')
    .select([
      'r.id',
      'r.passenger_names',
      'r.flight_at',
      'r.customer_email',
      'r.customer_phone',
      'r.pilot_id',
      'pilot.name as pilot_name',
      'r.staff_member',
      'staff.name as staff_name',
      'r.created_by',
      'r.notes',
      'r.origin',
      'r.trip_purpose',
      'r.waiver_accepted_at',
      'r.sold',
      'r.export_status',
      'r.created_at',
    ])
    .where('r.id', '=', recordingId)
    .executeTakeFirst();
  if (!row || !canSeeRecording(viewer, row, today)) throw new AppFailure('NOT_FOUND', FLIGHT_NOT_FOUND);
  const [scenes, removals] = await Promise.all([
    db
      .selectFrom('scene_recordings')
      .selectAll()
      .where('recording_id', '=', recordingId)
      .orderBy('scene_index')
      .execute(),
    db
      .selectFrom('media_removals')
      .select(['removed_at', 'backup_generation'])
      .where('recording_id', '=', recordingId)
      .where('kind', '=', 'raw')
      .orderBy('removed_at', 'desc')
      .execute(),
  ]);
  return {
    id: row.id,
    passengerNames: row.passenger_names,
    flightAt: row.flight_at,
    customerEmail: row.customer_email,
    customerPhone: row.customer_phone,
    pilotId: row.pilot_id,
    pilotName: row.pilot_name,
    staffMemberId: row.staff_member,
    staffMemberName: row.staff_name,
    notes: row.notes,
    origin: row.origin,
    tripPurpose: row.trip_purpose,
    waiverAcceptedAt: row.waiver_accepted_at,
    sold: row.sold === 1,
    exportStatus: row.export_status,
    createdAt: row.created_at,
    scenes: scenes.map(sceneView),
    footageRemoved: footageRemovalOf(removals),
  };
}

/** The newest removal; "in the backup" only when every file it removed was (one removal may be two rows). */
function footageRemovalOf(
  removals: ReadonlyArray<{ removed_at: string; backup_generation: string | null }>,
): FootageRemoval | null {
  const newest = removals[0];
  if (!newest) return null;
  const sameRun = removals.filter((removal) => removal.removed_at === newest.removed_at);
  return {
    removedAt: newest.removed_at,
    backupGeneration: sameRun.every((removal) => removal.backup_generation !== null)
      ? newest.backup_generation
      : null,
  };
}
