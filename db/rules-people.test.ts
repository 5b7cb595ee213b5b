// The rules of users, sessions, audit logs, templates, camera setups and settings, enforced by SQLite.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertRow, useFixtureDatabase } from './test-support';
import type { Fixtures, TempDatabase } from './test-support';

let t: TempDatabase;
let f: Fixtures;
useFixtureDatabase((database, rows) => {
  t = database;
  f = rows;
});

describe('users', () => {
  it('accepts a pilot with no PIN yet, active, with no failed attempts', () => {
    const { id } = f.user({ role: 'pilot' });
    expect(
      t.sqlite.prepare('SELECT pin_hash, active, failed_pin_attempts FROM users WHERE id = ?').get(id),
    ).toEqual({
      pin_hash: null,
      active: 1,
      failed_pin_attempts: 0,
    });
  });

  it.each([
    ['a role outside admin, crew, pilot', { role: 'manager' }, /chk_user_role/],
    ['an empty name', { name: '' }, /CHECK constraint failed/],
    ['negative failed PIN attempts', { failed_pin_attempts: -1 }, /CHECK constraint failed/],
    ['active other than 0 or 1', { active: 3 }, /CHECK constraint failed/],
    ['a lock time that is not ISO-8601 UTC', { locked_until: 'tomorrow' }, /CHECK constraint failed/],
  ])('refuses %s', (_case, override, error) => {
    expect(() => f.user(override)).toThrow(error);
  });

  it('accepts two staff members with the same name (names are not unique; ids are)', () => {
    f.user({ name: 'Sam' });
    expect(() => f.user({ name: 'Sam' })).not.toThrow();
  });
});

describe('user_sessions', () => {
  it('accepts a session for a user', () => {
    expect(() => f.session(f.user().id)).not.toThrow();
  });

  it('refuses a token hash used by another session', () => {
    const user = f.user();
    f.session(user.id, { token_hash: 'abc' });
    expect(() => f.session(user.id, { token_hash: 'abc' })).toThrow(
      /UNIQUE constraint failed: user_sessions.token_hash/,
    );
  });

  it('refuses a session for a user who does not exist', () => {
    expect(() => f.session('no-such-user')).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('refuses a session without an expiry', () => {
    expect(() => f.session(f.user().id, { expires_at: null })).toThrow(/NOT NULL constraint failed/);
  });
});

describe('audit_logs', () => {
  it('accepts an entry with JSON summaries', () => {
    expect(() =>
      f.auditLog({ before_summary: '{"price_cents":2500}', after_summary: '{"price_cents":2700}' }),
    ).not.toThrow();
  });

  it('refuses a summary that is not JSON', () => {
    expect(() => f.auditLog({ after_summary: 'price went up' })).toThrow(/CHECK constraint failed/);
  });
});

describe('project_templates', () => {
  const layout = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ slot_number: i + 1 })));
  const template = (o: Record<string, string | number | null> = {}) =>
    insertRow(t.sqlite, 'project_templates', {
      id: randomUUID(),
      name: 'Sunset',
      slot_layout: layout(8),
      ...o,
    });

  it('is seeded with one active default template rendering 1920x1080 at 30 fps', () => {
    const rows = t.sqlite
      .prepare(
        'SELECT name, is_active, output_width, output_height, frame_rate, music_asset FROM project_templates',
      )
      .all();
    expect(rows).toEqual([
      {
        name: 'Default 8-slot',
        is_active: 1,
        output_width: 1920,
        output_height: 1080,
        frame_rate: 30,
        music_asset: 'calm-chord-bed.m4a',
      },
    ]);
  });

  it('accepts an inactive template with eight slots', () => {
    expect(() => template()).not.toThrow();
  });

  it.each([
    ['a layout of seven slots', { slot_layout: layout(7) }, /chk_slot_layout_eight_slots/],
    ['a layout that is not JSON', { slot_layout: 'eight slots' }, /chk_slot_layout_eight_slots/],
    ['a layout that is an object, not a list', { slot_layout: '{"a":1}' }, /chk_slot_layout_eight_slots/],
    ['an odd output width', { output_width: 1921 }, /CHECK constraint failed/],
    ['a second active template', { is_active: 1 }, /UNIQUE constraint failed: project_templates.is_active/],
  ])('refuses %s', (_case, override, error) => {
    expect(() => template(override)).toThrow(error);
  });
});

describe('device_configurations', () => {
  it('is seeded with one active front/rear setup capturing 1280x720 at 30 fps and 4 Mbps', () => {
    const rows = t.sqlite
      .prepare(
        'SELECT is_active, camera1_source, camera2_source, width, height, frame_rate, bitrate FROM device_configurations',
      )
      .all();
    expect(rows).toEqual([
      {
        is_active: 1,
        camera1_source: 'front',
        camera2_source: 'rear',
        width: 1280,
        height: 720,
        frame_rate: 30,
        bitrate: 4_000_000,
      },
    ]);
  });

  it('refuses a second active camera setup', () => {
    expect(() =>
      insertRow(t.sqlite, 'device_configurations', { id: randomUUID(), name: 'Spare', is_active: 1 }),
    ).toThrow(/UNIQUE constraint failed: device_configurations.is_active/);
  });

  it('refuses a frame rate of 0', () => {
    expect(() =>
      insertRow(t.sqlite, 'device_configurations', { id: randomUUID(), name: 'Bad', frame_rate: 0 }),
    ).toThrow(/CHECK constraint failed/);
  });
});

describe('settings', () => {
  it('is seeded with a 30 s minimum scene duration', () => {
    expect(
      t.sqlite.prepare(`SELECT value FROM settings WHERE key = 'min_scene_duration_seconds'`).pluck().get(),
    ).toBe('30');
  });

  it('refuses a value that is not JSON', () => {
    expect(() =>
      insertRow(t.sqlite, 'settings', { key: 'idle_lock_seconds', value: 'five minutes' }),
    ).toThrow(/CHECK constraint failed/);
  });
});
