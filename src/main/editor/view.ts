// The editor's view of a flight: the review detail (access-checked) plus segments, slots and thumbnail strips.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, SceneSegment, VideoSlot } from '../../../db/schema';
import type { EditorScene, EditorView } from '../../shared/editor';
import type { SegmentView } from '../../shared/segments';
import type { SlotView } from '../../shared/slots';
import type { SceneType } from '../../shared/capture';
import type { LocalDay, Viewer } from '../access/rules';
import { thumbUrl } from '../media/thumb-url';
import { readRecordingDetail } from '../recordings/views';
import { readKioskSettings } from '../settings/service';

/**
 * A change to a flight's segments or slots asks first once the flight is sold or its video is made or being
 * made: what the passenger bought, or is about to get, would no longer match. A failed export made no video,
 * so it does not count.
 */
export function editNeedsConfirmation(sold: boolean, exportStatus: string): boolean {
  return sold || (exportStatus !== 'not_exported' && exportStatus !== 'failed');
}

export function segmentView(row: SceneSegment): SegmentView {
  return {
    id: row.id,
    sceneId: row.scene_id,
    segmentNumber: row.segment_number,
    startTime: row.start_time,
    duration: row.duration,
    cameraAngle: row.camera_angle === 2 ? 2 : 1,
  };
}

export function slotView(row: VideoSlot, sceneType: SceneType): SlotView {
  return {
    id: row.id,
    slotNumber: row.slot_number,
    sceneId: row.scene_id,
    sceneType,
    cameraAngle: row.camera_angle === 2 ? 2 : 1,
    windowStart: row.window_start,
    slotDuration: row.slot_duration,
    seamlessWithPrevious: row.seamless_with_previous === 1,
    updatedAt: row.updated_at,
  };
}

/**
 * A fingerprint of a scene's segments as saved. A save names the one it started from; if the scene's
 * segments are no longer that, someone else saved in between. Content, not a timestamp: two saves of the same
 * segments are not a conflict.
 */
export function segmentsRevision(rows: readonly SceneSegment[]): string {
  if (rows.length === 0) return 'empty';
  const content = [...rows]
    .sort((a, b) => a.segment_number - b.segment_number)
    .map((row) => [row.id, row.segment_number, row.start_time, row.duration, row.camera_angle]);
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 20);
}

export async function sceneSegmentRows(db: Kysely<Database>, sceneId: string): Promise<SceneSegment[]> {
  return db
    .selectFrom('scene_segments')
    .selectAll()
    .where('scene_id', '=', sceneId)
    .orderBy('segment_number')
    .execute();
}

export async function readEditorView(
  db: Kysely<Database>,
  recordingId: string,
  viewer: Viewer,
  today: LocalDay,
): Promise<EditorView> {
  const { scenes, ...recording } = await readRecordingDetail(db, recordingId, viewer, today);
  const [segmentRows, slotRows, template, settings] = await Promise.all([
    db
      .selectFrom('scene_segments')
      .innerJoin('scene_recordings', 'scene_recordings.id', 'scene_segments.scene_id')
      .selectAll('scene_segments')
      .where('scene_recordings.recording_id', '=', recordingId)
      .orderBy('scene_segments.segment_number')
      .execute(),
    db
      .selectFrom('video_slots')
      .selectAll()
      .where('recording_id', '=', recordingId)
      .orderBy('slot_number')
      .execute(),
    db
      .selectFrom('flight_recordings as r')
      .innerJoin('project_templates as t', (join) =>
        join.on((eb) =>
          eb.or([
            eb('t.id', '=', eb.ref('r.template_id')),
            eb.and([eb('r.template_id', 'is', null), eb('t.is_active', '=', 1)]),
          ]),
        ),
      )
      .select(['t.id', 't.name', 't.frame_rate'])
      .where('r.id', '=', recordingId)
      .executeTakeFirst(),
    readKioskSettings(db),
  ]);
  const editorScenes: EditorScene[] = scenes.map((scene) => {
    const rows = segmentRows.filter((row) => row.scene_id === scene.id);
    const version = String(Date.parse(scene.updatedAt));
    return {
      ...scene,
      segments: rows.map(segmentView),
      segmentsRevision: segmentsRevision(rows),
      camera1StripUrl: scene.camera1Url ? thumbUrl(scene.id, 1, 'strip', version) : null,
      camera2StripUrl: scene.camera2Url ? thumbUrl(scene.id, 2, 'strip', version) : null,
    };
  });
  const sceneTypeOf = new Map(scenes.map((scene) => [scene.id, scene.sceneType]));
  return {
    recording,
    scenes: editorScenes,
    slots: slotRows.map((row) => slotView(row, sceneTypeOf.get(row.scene_id) ?? 'cruising')),
    template: template ? { id: template.id, name: template.name, frameRate: template.frame_rate } : null,
    editNeedsConfirmation: editNeedsConfirmation(recording.sold, recording.exportStatus),
    photoCount: settings.photoCount,
  };
}
