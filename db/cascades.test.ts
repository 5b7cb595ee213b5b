// What deleting a row takes with it, and what it must leave alone.
import { describe, expect, it } from 'vitest';
import { countRows, useFixtureDatabase } from './test-support';
import type { Fixtures, TempDatabase } from './test-support';

let t: TempDatabase;
let f: Fixtures;
useFixtureDatabase((database, rows) => {
  t = database;
  f = rows;
});

/** A recording with a scene, a segment, a slot, a sale, an export job and a storage row. */
function fullRecording(passengerNames: string) {
  const recording = f.recording({ passenger_names: passengerNames });
  const scene = f.scene(recording.id, 'chase');
  f.segment(scene.id, 1);
  f.slot(recording.id, scene.id, 4);
  f.sale(recording.id);
  f.exportJob(recording.id);
  f.storage(recording.id, { scene_id: scene.id });
  return { recording, scene };
}

const CHILD_TABLES = [
  'scene_recordings',
  'scene_segments',
  'video_slots',
  'sales',
  'export_jobs',
  'storage_usage',
];

describe('deleting a recording', () => {
  it('removes its scenes, segments, slots, sales, export jobs and storage rows, and only its own', () => {
    const doomed = fullRecording('Doomed');
    fullRecording('Kept');
    t.sqlite.prepare('DELETE FROM flight_recordings WHERE id = ?').run(doomed.recording.id);
    for (const table of CHILD_TABLES) expect(countRows(t.sqlite, table), table).toBe(1);
    expect(countRows(t.sqlite, 'scene_recordings', 'recording_id = ?', doomed.recording.id)).toBe(0);
  });
});

describe('deleting a scene', () => {
  it('removes its segments, its slots and its files, and keeps the recording and its other rows', () => {
    const { recording, scene } = fullRecording('Anna');
    const other = f.scene(recording.id, 'arrival');
    f.slot(recording.id, other.id, 7);
    t.sqlite.prepare('DELETE FROM scene_recordings WHERE id = ?').run(scene.id);
    expect(countRows(t.sqlite, 'scene_segments')).toBe(0);
    expect(countRows(t.sqlite, 'video_slots')).toBe(1);
    expect(countRows(t.sqlite, 'storage_usage')).toBe(0);
    expect(countRows(t.sqlite, 'flight_recordings')).toBe(1);
    expect(countRows(t.sqlite, 'sales')).toBe(1);
  });
});

describe('deleting a user', () => {
  it('removes their sessions', () => {
    const user = f.user();
    const other = f.user({ name: 'Other' });
    f.session(user.id);
    f.session(user.id);
    f.session(other.id);
    t.sqlite.prepare('DELETE FROM users WHERE id = ?').run(user.id);
    expect(countRows(t.sqlite, 'user_sessions')).toBe(1);
  });

  it('keeps the recordings, sales, templates and audit entries they made, with the reference cleared', () => {
    const user = f.user({ role: 'pilot' });
    const recording = f.recording({ pilot_id: user.id, staff_member: user.id, created_by: user.id });
    f.sale(recording.id, { staff_member: user.id });
    f.auditLog({ user_id: user.id });
    t.sqlite.prepare('UPDATE project_templates SET created_by = ?').run(user.id);

    t.sqlite.prepare('DELETE FROM users WHERE id = ?').run(user.id);

    expect(
      t.sqlite.prepare('SELECT pilot_id, staff_member, created_by FROM flight_recordings').get(),
    ).toEqual({
      pilot_id: null,
      staff_member: null,
      created_by: null,
    });
    expect(t.sqlite.prepare('SELECT staff_member FROM sales').pluck().get()).toBeNull();
    expect(t.sqlite.prepare('SELECT user_id FROM audit_logs').pluck().get()).toBeNull();
    expect(t.sqlite.prepare('SELECT created_by FROM project_templates').pluck().get()).toBeNull();
  });
});

describe('deleting configuration', () => {
  it('keeps scenes when their camera setup is deleted', () => {
    const deviceId = t.sqlite.prepare('SELECT id FROM device_configurations').pluck().get() as string;
    const scene = f.scene(f.recording().id, 'cruising', { device_configuration_id: deviceId });
    t.sqlite.prepare('DELETE FROM device_configurations').run();
    expect(
      t.sqlite
        .prepare('SELECT device_configuration_id FROM scene_recordings WHERE id = ?')
        .pluck()
        .get(scene.id),
    ).toBeNull();
  });

  it('keeps recordings when their template is deleted', () => {
    const templateId = t.sqlite.prepare('SELECT id FROM project_templates').pluck().get() as string;
    const recording = f.recording({ template_id: templateId });
    t.sqlite.prepare('DELETE FROM project_templates').run();
    expect(
      t.sqlite.prepare('SELECT template_id FROM flight_recordings WHERE id = ?').pluck().get(recording.id),
    ).toBeNull();
  });
});
