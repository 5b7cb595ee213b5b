// Saving a scene's segments as a whole list, so undo and redo on the screen are just another save. Every value
// is clamped to the footage here, with the same arithmetic the screen uses (shared/edit-math.ts); the table
// constraints are only the last line.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import { normaliseSegments, type SegmentDraft } from '../../shared/edit-math';
import type { SegmentView } from '../../shared/segments';
import type { LocalDay, Viewer } from '../access/rules';
import { editableRecording, footageOf } from '../editor/editable';
import { sceneSegmentRows, segmentView, segmentsRevision } from '../editor/view';
import { AppFailure } from '../errors';

export const SEGMENTS_CONFLICT =
  'Someone changed this scene’s segments on another screen while you were editing. Their version is shown now; make your change again.';
export const NO_FOOTAGE = 'This scene has no footage yet. Film it before marking moments in it.';

export interface SaveSegmentsInput {
  sceneId: string;
  baseRevision: string;
  segments: readonly SegmentDraft[];
  confirmEdit: boolean;
}

/**
 * Replaces a scene's segments with `segments`: clamped to the footage, numbered 1..n by start time. Segments
 * that keep their id are updated in place, the rest inserted or deleted. Refused as a conflict when the scene's
 * segments are no longer the ones `baseRevision` names.
 */
export async function saveSceneSegments(
  db: Kysely<Database>,
  input: SaveSegmentsInput,
  viewer: Viewer,
  today: LocalDay,
): Promise<{ segments: SegmentView[]; segmentsRevision: string }> {
  return db.transaction().execute(async (trx) => {
    const scene = await trx
      .selectFrom('scene_recordings')
      .selectAll()
      .where('id', '=', input.sceneId)
      .executeTakeFirst();
    if (!scene) throw new AppFailure('NOT_FOUND', 'That scene no longer exists. Open the flight again.');
    await editableRecording(trx, scene.recording_id, viewer, today, input.confirmEdit);
    const footage = footageOf(scene);
    if (input.segments.length > 0 && footage.camera1Duration === null && footage.camera2Duration === null) {
      throw new AppFailure('VALIDATION', NO_FOOTAGE);
    }
    const before = await sceneSegmentRows(trx, scene.id);
    if (segmentsRevision(before) !== input.baseRevision) throw new AppFailure('CONFLICT', SEGMENTS_CONFLICT);

    const known = new Set(before.map((row) => row.id));
    const wanted = normaliseSegments(input.segments, footage);
    const ids = wanted.map((segment) => (segment.id && known.has(segment.id) ? segment.id : randomUUID()));
    if (new Set(ids).size !== ids.length) {
      throw new AppFailure('VALIDATION', 'The same segment appears twice. Reload the editor and try again.');
    }
    const now = new Date().toISOString();
    const keep = new Set(ids);
    const gone = before.filter((row) => !keep.has(row.id)).map((row) => row.id);
    if (gone.length > 0) await trx.deleteFrom('scene_segments').where('id', 'in', gone).execute();
    // Numbers are unique per scene: park the kept rows out of the way before handing out 1..n again.
    await trx
      .updateTable('scene_segments')
      .set((eb) => ({ segment_number: eb('segment_number', '+', 1_000_000) }))
      .where('scene_id', '=', scene.id)
      .execute();
    for (const [i, segment] of wanted.entries()) {
      const id = ids[i] ?? randomUUID();
      const values = {
        segment_number: i + 1,
        start_time: segment.startTime,
        duration: segment.duration,
        camera_angle: segment.cameraAngle,
      };
      if (known.has(id)) {
        await trx
          .updateTable('scene_segments')
          .set({ ...values, updated_at: now })
          .where('id', '=', id)
          .execute();
      } else {
        await trx
          .insertInto('scene_segments')
          .values({ id, scene_id: scene.id, ...values })
          .execute();
      }
    }
    const after = await sceneSegmentRows(trx, scene.id);
    await writeAuditLog(trx, {
      userId: viewer.id,
      action: 'update',
      entityType: 'scene_segments',
      entityId: scene.id,
      before: { count: before.length },
      after: {
        count: after.length,
        segments: after.map((row) => [row.segment_number, row.start_time, row.duration, row.camera_angle]),
      },
    });
    return { segments: after.map(segmentView), segmentsRevision: segmentsRevision(after) };
  });
}
