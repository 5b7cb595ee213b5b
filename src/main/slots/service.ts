// Saving slot windows one slot at a time: only the slots named (and seamless slots that follow them) change.
// Every window is clamped to the footage with the same arithmetic the screen uses (shared/edit-math.ts).
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import { applySlotEdits, type SlotEdit, type SlotPlan } from '../../shared/edit-math';
import type { SlotView } from '../../shared/slots';
import type { LocalDay, Viewer } from '../access/rules';
import { editableRecording, footageOf } from '../editor/editable';
import { slotView } from '../editor/view';
import { AppFailure } from '../errors';

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
