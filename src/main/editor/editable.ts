// What every edit of a flight checks first: that this person may see the flight, and that a sold or exported
// flight is changed only once they have confirmed it on screen. Shared by segment and slot saves.
import type { Transaction } from 'kysely';
import type { Database, SceneRecording } from '../../../db/schema';
import type { SceneFootage } from '../../shared/edit-math';
import { canSeeRecording, type LocalDay, type Viewer } from '../access/rules';
import { AppFailure } from '../errors';
import { FLIGHT_NOT_FOUND } from '../recordings/views';
import { editNeedsConfirmation } from './view';

export const EDIT_NEEDS_CONFIRMATION =
  'This flight has already been sold or exported. Confirm on screen that you want to change it, then try again.';

export const footageOf = (scene: SceneRecording): SceneFootage => ({
  camera1Duration: scene.camera1_duration,
  camera2Duration: scene.camera2_duration,
  offsetMs: scene.camera_offset_ms,
});

/** The flight behind a change, if this person may see it, and whether a change must be confirmed first. */
export async function editableRecording(
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
