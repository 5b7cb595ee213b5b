import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, openTempDatabase } from '../../../db/test-support';
import type { TempDatabase } from '../../../db/test-support';
import { addSceneSegment, listSceneSegments, recordSceneMedia } from './scenes';
import { createFlightRecording } from './service';
import type { FlightRecordingDetail } from './service';

let t: TempDatabase;
let flight: FlightRecordingDetail;
let cruisingId: string;
beforeEach(async () => {
  t = await openTempDatabase();
  flight = await createFlightRecording(
    t.db,
    { passenger_names: 'Anna', flight_at: '2025-06-01T09:30:00.000Z' },
    null,
  );
  cruisingId = flight.scenes[0]?.id ?? '';
});
afterEach(() => t.dispose());

const media = (recordingId: string) => ({
  camera1: { path: `media/${recordingId}/cruising/camera1.mp4`, duration: 20.2, bytes: 4_000_000 },
  camera2: { path: `media/${recordingId}/cruising/camera2.mp4`, duration: 19.5, bytes: 3_000_000 },
  camera_offset_ms: 240,
  mime_type: 'video/mp4',
  codec: 'h264',
  status: 'recorded' as const,
});

describe('recordSceneMedia', () => {
  it('stores paths, durations, offset and codec on the scene and counts the files', async () => {
    const { scene } = await recordSceneMedia(t.db, cruisingId, media(flight.recording.id), null);
    expect(scene).toMatchObject({
      camera1_duration: 20.2,
      camera2_duration: 19.5,
      camera_offset_ms: 240,
      codec: 'h264',
      status: 'recorded',
    });
    const summary = await t.db
      .selectFrom('recording_summary')
      .selectAll()
      .where('id', '=', flight.recording.id)
      .executeTakeFirstOrThrow();
    expect(summary).toMatchObject({ storage_bytes: 7_000_000, recorded_scene_count: 1 });
  });

  it("spreads the scene's slot windows over the shorter camera", async () => {
    const { slots } = await recordSceneMedia(t.db, cruisingId, media(flight.recording.id), null);
    // Slots 1-3 over 19.5 s: three parts of 6.5 s, each 3 s window centred.
    expect(slots.map((s) => [s.slot_number, s.window_start])).toEqual([
      [1, 1.75],
      [2, 8.25],
      [3, 14.75],
    ]);
    const chaseSlots = await t.db
      .selectFrom('video_slots')
      .select('window_start')
      .where('slot_number', '>', 3)
      .execute();
    expect(chaseSlots.every((s) => s.window_start === 0)).toBe(true);
  });

  it('updates the byte count when a file is recorded again, without a second row', async () => {
    await recordSceneMedia(t.db, cruisingId, media(flight.recording.id), null);
    const again = media(flight.recording.id);
    again.camera1.bytes = 5_000_000;
    await recordSceneMedia(t.db, cruisingId, again, null);
    expect(countRows(t.sqlite, 'storage_usage')).toBe(2);
    expect(t.sqlite.prepare('SELECT sum(bytes) FROM storage_usage').pluck().get()).toBe(8_000_000);
  });

  it('says NOT_FOUND for a scene that does not exist and records nothing', async () => {
    await expect(
      recordSceneMedia(t.db, randomUUID(), media(flight.recording.id), null),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(countRows(t.sqlite, 'storage_usage')).toBe(0);
  });
});

describe('addSceneSegment', () => {
  it('numbers segments 1, 2, 3 within each scene', async () => {
    const chaseId = flight.scenes[1]?.id ?? '';
    const a = await addSceneSegment(t.db, cruisingId, { start_time: 12, duration: 3, camera_angle: 1 }, null);
    const b = await addSceneSegment(t.db, cruisingId, { start_time: 2, duration: 4, camera_angle: 2 }, null);
    const c = await addSceneSegment(t.db, chaseId, { start_time: 5, duration: 2, camera_angle: 1 }, null);
    expect([a.segment_number, b.segment_number, c.segment_number]).toEqual([1, 2, 1]);
  });

  it('lists a scene segments in timeline order', async () => {
    await addSceneSegment(t.db, cruisingId, { start_time: 12, duration: 3, camera_angle: 1 }, null);
    await addSceneSegment(t.db, cruisingId, { start_time: 2, duration: 4, camera_angle: 2 }, null);
    expect((await listSceneSegments(t.db, cruisingId)).map((s) => s.start_time)).toEqual([2, 12]);
  });

  it('says NOT_FOUND for a scene that does not exist', async () => {
    await expect(
      addSceneSegment(t.db, randomUUID(), { start_time: 0, duration: 1, camera_angle: 1 }, null),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
