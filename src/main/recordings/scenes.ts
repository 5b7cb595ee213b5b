// A scene's footage and marks: what capture records about the files, and the segments the editor marks.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type {
  CameraAngle,
  Database,
  SceneRecording,
  SceneSegment,
  SceneStatus,
  VideoSlot,
} from '../../../db/schema';
import { spreadWindowStarts, usableSceneDuration } from '../../shared/slot-layout';
import { AppFailure } from '../errors';

export interface CameraFile {
  /** Relative to the data directory, e.g. media/<recording-id>/cruising/camera1.mp4. */
  path: string;
  /** Seconds. */
  duration: number;
  bytes: number;
}

export interface SceneMediaInput {
  camera1: CameraFile | null;
  camera2: CameraFile | null;
  /** Camera 2's first frame minus camera 1's, in ms on one clock. */
  camera_offset_ms: number | null;
  mime_type?: string | null;
  codec?: string | null;
  status: SceneStatus;
  started_at?: string | null;
  ended_at?: string | null;
  /** The audit action for this change: `update` (a take saved) unless said otherwise (`recover`). */
  audit_action?: string;
}

/**
 * Records a scene's files: paths, durations, offset, codec and status on the scene, a storage_usage row per
 * file (rows of the scene's earlier files that these replace are dropped), and the scene's slot windows spread
 * over the new footage. One transaction, so the dashboard never shows a scene as recorded without its files
 * counted, nor counts a file that is gone.
 */
export async function recordSceneMedia(
  db: Kysely<Database>,
  sceneId: string,
  media: SceneMediaInput,
  actingUserId: string | null,
): Promise<{ scene: SceneRecording; slots: VideoSlot[] }> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const before = await trx
      .selectFrom('scene_recordings')
      .select('status')
      .where('id', '=', sceneId)
      .executeTakeFirst();
    const scene = await trx
      .updateTable('scene_recordings')
      .set({
        camera1_path: media.camera1?.path ?? null,
        camera2_path: media.camera2?.path ?? null,
        camera1_duration: media.camera1?.duration ?? null,
        camera2_duration: media.camera2?.duration ?? null,
        camera_offset_ms: media.camera_offset_ms,
        mime_type: media.mime_type ?? null,
        codec: media.codec ?? null,
        status: media.status,
        started_at: media.started_at ?? null,
        ended_at: media.ended_at ?? null,
        updated_at: now,
      })
      .where('id', '=', sceneId)
      .returningAll()
      .executeTakeFirst();
    if (!scene) throw new AppFailure('NOT_FOUND', 'That scene no longer exists.');

    // A re-record can change a file's name (camera1.webm after camera1.mp4) or drop a camera: the old rows go.
    const paths = [media.camera1?.path, media.camera2?.path].filter((p): p is string => Boolean(p));
    let replaced = trx.deleteFrom('storage_usage').where('scene_id', '=', sceneId).where('kind', '=', 'raw');
    if (paths.length > 0) replaced = replaced.where('path', 'not in', paths);
    await replaced.execute();

    for (const file of [media.camera1, media.camera2]) {
      if (!file) continue;
      await trx
        .insertInto('storage_usage')
        .values({
          id: randomUUID(),
          recording_id: scene.recording_id,
          scene_id: scene.id,
          kind: 'raw',
          path: file.path,
          bytes: file.bytes,
        })
        .onConflict((oc) => oc.column('path').doUpdateSet({ bytes: file.bytes, recorded_at: now }))
        .execute();
    }

    const slots = await respreadSceneSlots(trx, scene);
    // The slot windows moved because the footage changed, so they are part of this entry, not their own.
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: media.audit_action ?? 'update',
      entityType: 'scene',
      entityId: scene.id,
      before: { status: before?.status ?? null },
      after: {
        status: scene.status,
        camera1_duration: scene.camera1_duration,
        camera2_duration: scene.camera2_duration,
        camera_offset_ms: scene.camera_offset_ms,
        slot_windows_respread: slots.length,
      },
    });
    return { scene, slots };
  });
}

/** Puts a scene's slot windows back to the even spread over its footage (new footage, or "reset"). */
export async function respreadSceneSlots(db: Kysely<Database>, scene: SceneRecording): Promise<VideoSlot[]> {
  const slots = await db
    .selectFrom('video_slots')
    .selectAll()
    .where('scene_id', '=', scene.id)
    .orderBy('slot_number')
    .execute();
  const starts = spreadWindowStarts(
    usableSceneDuration({ camera1Duration: scene.camera1_duration, camera2Duration: scene.camera2_duration }),
    slots.map((slot) => ({
      duration: slot.slot_duration,
      seamlessWithPrevious: slot.seamless_with_previous === 1,
    })),
  );
  const now = new Date().toISOString();
  const updated: VideoSlot[] = [];
  for (const [i, slot] of slots.entries()) {
    const window_start = starts[i] ?? 0;
    updated.push(
      await db
        .updateTable('video_slots')
        .set({ window_start, updated_at: now })
        .where('id', '=', slot.id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  return updated;
}

export interface SegmentInput {
  start_time: number;
  duration: number;
  camera_angle: CameraAngle;
}

/** Marks a moment in a scene; segments are numbered 1, 2, 3... in the order they are marked. */
export async function addSceneSegment(
  db: Kysely<Database>,
  sceneId: string,
  segment: SegmentInput,
  actingUserId: string | null,
): Promise<SceneSegment> {
  return db.transaction().execute(async (trx) => {
    const scene = await trx
      .selectFrom('scene_recordings')
      .select('id')
      .where('id', '=', sceneId)
      .executeTakeFirst();
    if (!scene) throw new AppFailure('NOT_FOUND', 'That scene no longer exists.');
    const { last } = await trx
      .selectFrom('scene_segments')
      .select((eb) => eb.fn.max<number | null>('segment_number').as('last'))
      .where('scene_id', '=', sceneId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('scene_segments')
      .values({ id: randomUUID(), scene_id: sceneId, segment_number: (last ?? 0) + 1, ...segment })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'create',
      entityType: 'segment',
      entityId: row.id,
      after: {
        scene_id: sceneId,
        segment_number: row.segment_number,
        start_time: row.start_time,
        duration: row.duration,
        camera_angle: row.camera_angle,
      },
    });
    return row;
  });
}

export async function listSceneSegments(db: Kysely<Database>, sceneId: string): Promise<SceneSegment[]> {
  return db
    .selectFrom('scene_segments')
    .selectAll()
    .where('scene_id', '=', sceneId)
    .orderBy('start_time')
    .orderBy('segment_number')
    .execute();
}
