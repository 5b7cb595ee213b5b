// The rules of flight_recordings, scene_recordings, scene_segments and video_slots, enforced by SQLite.
import { describe, expect, it } from 'vitest';
import { useFixtureDatabase } from './test-support';
import type { Fixtures, TempDatabase } from './test-support';

let t: TempDatabase;
let f: Fixtures;
useFixtureDatabase((database, rows) => {
  t = database;
  f = rows;
});

describe('flight_recordings', () => {
  it('accepts a check-in with defaults: not exported, unsold, no consent', () => {
    const { id } = f.recording();
    expect(
      t.sqlite
        .prepare('SELECT export_status, sold, contact_consent FROM flight_recordings WHERE id = ?')
        .get(id),
    ).toEqual({ export_status: 'not_exported', sold: 0, contact_consent: 0 });
  });

  it.each(['vacation', 'birthday', 'special_event', 'bucket_list', 'other'])(
    'accepts trip purpose %s',
    (p) => {
      expect(() => f.recording({ trip_purpose: p })).not.toThrow();
    },
  );

  it.each([
    ['a trip purpose outside the list', { trip_purpose: 'business' }, /chk_trip_purpose/],
    ['an unknown export status', { export_status: 'uploaded' }, /chk_export_status/],
    ['sold other than 0 or 1', { sold: 2 }, /chk_sold/],
    ['blank passenger names', { passenger_names: '   ' }, /CHECK constraint failed/],
    ['an email without @', { customer_email: 'anna.keller' }, /CHECK constraint failed/],
    ['a flight time that is not ISO-8601 UTC', { flight_at: '2025-06-01 09:30' }, /CHECK constraint failed/],
    ['a pilot who is not a user', { pilot_id: 'no-such-user' }, /FOREIGN KEY constraint failed/],
    ['text in the sold column', { sold: 'yes' }, /cannot store TEXT value in INTEGER column/],
  ])('refuses %s', (_case, override, error) => {
    expect(() => f.recording(override)).toThrow(error);
  });
});

describe('scene_recordings', () => {
  it('accepts cruising=1, chase=2, arrival=3 with cameras defaulting to front and rear', () => {
    const { id } = f.recording();
    f.scene(id, 'cruising');
    f.scene(id, 'chase');
    f.scene(id, 'arrival');
    const rows = t.sqlite
      .prepare('SELECT scene_type, scene_index, camera1_source, camera2_source, status FROM scene_recordings')
      .all();
    expect(rows).toHaveLength(3);
    expect(rows).toContainEqual({
      scene_type: 'chase',
      scene_index: 2,
      camera1_source: 'front',
      camera2_source: 'rear',
      status: 'pending',
    });
  });

  it.each([
    ['a scene type outside cruising, chase, arrival', { scene_type: 'landing' }, /chk_scene_type/],
    ['a scene index outside 1-3', { scene_index: 4 }, /chk_scene_index/],
    ['a cruising scene at index 2', { scene_index: 2 }, /chk_scene_type_index/],
    ['a zero camera 1 duration', { camera1_duration: 0 }, /chk_camera1_duration/],
    ['a negative camera 2 duration', { camera2_duration: -1 }, /chk_camera2_duration/],
    ['an unknown status', { status: 'uploading' }, /chk_scene_status/],
    [
      'a recording that does not exist',
      { recording_id: 'no-such-recording' },
      /FOREIGN KEY constraint failed/,
    ],
  ])('refuses %s', (_case, override, error) => {
    const { id } = f.recording();
    expect(() => f.scene(id, 'cruising', override)).toThrow(error);
  });

  it('refuses a second scene of the same type for a recording', () => {
    const { id } = f.recording();
    f.scene(id, 'chase');
    expect(() => f.scene(id, 'chase')).toThrow(/UNIQUE constraint failed/);
  });

  it('refuses a fourth scene for a recording', () => {
    const { id } = f.recording();
    for (const type of ['cruising', 'chase', 'arrival'] as const) f.scene(id, type);
    for (const type of ['cruising', 'chase', 'arrival'] as const) {
      expect(() => f.scene(id, type)).toThrow(/UNIQUE constraint failed/);
    }
    expect(t.sqlite.prepare('SELECT count(*) FROM scene_recordings').pluck().get()).toBe(3);
  });

  it('accepts a negative camera offset (camera 2 started first)', () => {
    const { id } = f.recording();
    expect(() => f.scene(id, 'cruising', { camera_offset_ms: -120 })).not.toThrow();
  });
});

describe('scene_segments', () => {
  it('accepts segments numbered per scene, the same numbers in another scene', () => {
    const { id } = f.recording();
    const cruising = f.scene(id, 'cruising');
    const chase = f.scene(id, 'chase');
    f.segment(cruising.id, 1);
    f.segment(cruising.id, 2, { start_time: 0, camera_angle: 2 });
    expect(() => f.segment(chase.id, 1)).not.toThrow();
  });

  it.each([
    ['segment number 0', { segment_number: 0 }, /chk_segment_number/],
    ['a negative start time', { start_time: -0.1 }, /chk_positive_start_time/],
    ['a zero duration', { duration: 0 }, /chk_positive_duration/],
    ['camera angle 3', { camera_angle: 3 }, /chk_camera_angle/],
    ['a scene that does not exist', { scene_id: 'no-such-scene' }, /FOREIGN KEY constraint failed/],
  ])('refuses %s', (_case, override, error) => {
    const scene = f.scene(f.recording().id);
    expect(() => f.segment(scene.id, 1, override)).toThrow(error);
  });

  it('refuses a duplicate segment number within a scene', () => {
    const scene = f.scene(f.recording().id);
    f.segment(scene.id, 1);
    expect(() => f.segment(scene.id, 1)).toThrow(/UNIQUE constraint failed: scene_segments.scene_id/);
  });
});

describe('video_slots', () => {
  it('accepts slots 1-8 with window 0 and duration 3.0 by default', () => {
    const { id } = f.recording();
    const scene = f.scene(id);
    for (let n = 1; n <= 8; n++) f.slot(id, scene.id, n);
    const rows = t.sqlite.prepare(
      'SELECT DISTINCT window_start, slot_duration, seamless_with_previous FROM video_slots',
    );
    expect(rows.all()).toEqual([{ window_start: 0, slot_duration: 3, seamless_with_previous: 0 }]);
  });

  it.each([
    ['slot number 0', { slot_number: 0 }, /chk_slot_number/],
    ['slot number 9', { slot_number: 9 }, /chk_slot_number/],
    ['camera angle 0', { camera_angle: 0 }, /chk_camera_angle/],
    ['a negative window start', { window_start: -1 }, /chk_window_start/],
    ['a zero slot duration', { slot_duration: 0 }, /chk_slot_duration/],
    ['slot 1 seamless with a previous slot', { slot_number: 1, seamless_with_previous: 1 }, /chk_first_slot/],
  ])('refuses %s', (_case, override, error) => {
    const { id } = f.recording();
    const scene = f.scene(id);
    expect(() => f.slot(id, scene.id, 2, override)).toThrow(error);
  });

  it('accepts a seamless slot after slot 1', () => {
    const { id } = f.recording();
    const scene = f.scene(id);
    expect(() => f.slot(id, scene.id, 2, { seamless_with_previous: 1 })).not.toThrow();
  });

  it('refuses a duplicate slot number within a recording', () => {
    const { id } = f.recording();
    const scene = f.scene(id);
    f.slot(id, scene.id, 4);
    expect(() => f.slot(id, scene.id, 4)).toThrow(/UNIQUE constraint failed: video_slots.recording_id/);
  });

  it("refuses a slot that points at another recording's scene", () => {
    const mine = f.recording();
    const theirs = f.recording({ passenger_names: 'Someone Else' });
    const theirScene = f.scene(theirs.id);
    expect(() => f.slot(mine.id, theirScene.id, 1)).toThrow(/FOREIGN KEY constraint failed/);
  });
});
