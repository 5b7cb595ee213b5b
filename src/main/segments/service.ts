// Saving edits: a scene's segments as a whole list (so undo and redo on the screen are just another save), and
// slot windows one slot at a time. Every value is clamped to the footage here, with the same arithmetic the
// screen uses (shared/edit-math.ts); the table constraints are only the last line.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database, SceneRecording } from '../../../db/schema';
import {
  applySlotEdits,
  normaliseSegments,
  type SceneFootage,
  type SegmentDraft,
  type SlotEdit,
  type SlotPlan,
} from '../../shared/edit-math';
import type { SegmentView } from '../../shared/segments';
import type { SlotView } from '../../shared/slots';
import { canSeeRecording, type LocalDay, type Viewer } from '../access/rules';
import { AppFailure } from '../errors';
import { FLIGHT_NOT_FOUND } from '../recordings/views';
import {
  editNeedsConfirmation,
  sceneSegmentRows,
  segmentView,
  segmentsRevision,
  slotView,
} from '../editor/view';

export const EDIT_NEEDS_CONFIRMATION =
  'This flight has already been sold or exported. Confirm on screen that you want to change it, then try again.';
export const SEGMENTS_CONFLICT =
  'Someone changed this scene’s segments on another screen while you were editing. Their version is shown now; make your change again.';
export const NO_FOOTAGE = 'This scene has no footage yet. Film it before marking moments in it.';

const footageOf = (scene: SceneRecording): SceneFootage => ({
  camera1Duration: scene.camera1_duration,
  camera2Duration: scene.camera2_duration,
  offsetMs: scene.camera_offset_ms,
});

/** The flight behind a change, if this person may see it, and whether a change must be confirmed first. */
async function editableRecording(
  trx: Transaction<Database>,
  recordingId: string,
  viewer: Viewer,
  today: LocalDay,
  confirmEdit: boolean,
): Promise<void> {
  const recording = await trx
    .selectFrom('flight_recordings')
    .select(['id', 'created_by', 'staff_member', 'pilot_id', 'flight_at', 'sold', 'export_status'])
    .where('id', '=', recordingId)
    .executeTakeFirst();
  if (!recording || !canSeeRecording(viewer, recording, today)) {
    throw new AppFailure('NOT_FOUND', FLIGHT_NOT_FOUND);
  }
  if (editNeedsConfirmation(recording.sold === 1, recording.export_status) && !confirmEdit)
    throw new AppFailure('CONFLICT', EDIT_NEEDS_CONFIRMATION);
}

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

export interface SaveSlotsInput {
  recordingId: string;
  slots: readonly SlotEdit[];
  confirmEdit: boolean;
}

/**
 * Sets slot windows. Only the slots named (and seamless slots that follow them) change, so two screens editing
 * different slots of one flight never undo each other; on the same slot, the last save wins.
 */
export async function saveSlotWindows(
  db: Kysely<Database>,
  input: SaveSlotsInput,
  viewer: Viewer,
  today: LocalDay,
): Promise<SlotView[]> {
  return db.transaction().execute(async (trx) => {
    await editableRecording(trx, input.recordingId, viewer, today, input.confirmEdit);
    const [rows, scenes] = await Promise.all([
      trx
        .selectFrom('video_slots')
        .selectAll()
        .where('recording_id', '=', input.recordingId)
        .orderBy('slot_number')
        .execute(),
      trx.selectFrom('scene_recordings').selectAll().where('recording_id', '=', input.recordingId).execute(),
    ]);
    const sceneById = new Map(scenes.map((scene) => [scene.id, scene]));
    const missing = input.slots.filter((edit) => !rows.some((row) => row.slot_number === edit.slotNumber));
    if (missing.length > 0) {
      throw new AppFailure(
        'NOT_FOUND',
        `This flight has no slot ${missing[0]?.slotNumber}. Open the flight again.`,
      );
    }
    const plans: SlotPlan[] = rows.map((row) => ({
      slotNumber: row.slot_number,
      sceneId: row.scene_id,
      cameraAngle: row.camera_angle === 2 ? 2 : 1,
      windowStart: row.window_start,
      slotDuration: row.slot_duration,
      seamlessWithPrevious: row.seamless_with_previous === 1,
    }));
    const planned = applySlotEdits(plans, input.slots, (sceneId) => {
      const scene = sceneById.get(sceneId);
      return scene ? footageOf(scene) : null;
    });
    const now = new Date().toISOString();
    const changed: { slot: number; window_start: number; slot_duration: number }[] = [];
    for (const [i, row] of rows.entries()) {
      const plan = planned[i];
      if (!plan || (plan.windowStart === row.window_start && plan.slotDuration === row.slot_duration))
        continue;
      await trx
        .updateTable('video_slots')
        .set({ window_start: plan.windowStart, slot_duration: plan.slotDuration, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      changed.push({
        slot: row.slot_number,
        window_start: plan.windowStart,
        slot_duration: plan.slotDuration,
      });
    }
    if (changed.length > 0) {
      await writeAuditLog(trx, {
        userId: viewer.id,
        action: 'update',
        entityType: 'video_slots',
        entityId: input.recordingId,
        after: { slots: changed },
      });
    }
    const saved = await trx
      .selectFrom('video_slots')
      .selectAll()
      .where('recording_id', '=', input.recordingId)
      .orderBy('slot_number')
      .execute();
    return saved.map((row) => slotView(row, sceneById.get(row.scene_id)?.scene_type ?? 'cruising'));
  });
}
