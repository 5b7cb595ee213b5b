// Migration 13 on a kiosk that already has flights: every row the fleet receives gets one entry, in the
// contract's order; from then on the triggers keep one entry per changed row, moved to the end when it changes
// again, including rows that foreign keys delete or clear; and the central database's password cannot be
// stored in its address.
import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../migrate';
import type { Database } from '../schema';
import { fixtures, type Fixtures } from '../test-support';
import { openDatabaseMigratedTo } from './test-support';

let sqlite: Sqlite.Database;
let db: Kysely<Database>;
let f: Fixtures;

interface Entry {
  seq: number;
  table_name: string;
  row_key: string;
  op: string;
}

const log = () =>
  sqlite.prepare('SELECT seq, table_name, row_key, op FROM sync_changes ORDER BY seq').all() as Entry[];
const entriesOf = (table: string) => log().filter((entry) => entry.table_name === table);
/** The fleet's tables in src/main/fleet/tables.ts's order (src/main/fleet/sync checks the triggers against it). */
const ORDER = [
  'users',
  'bundles',
  'flight_recordings',
  'scene_recordings',
  'scene_segments',
  'video_slots',
  'sales',
  'export_jobs',
  'storage_usage',
  'audit_logs',
];
const clearLog = () => sqlite.prepare('DELETE FROM sync_changes').run();

/** A flight with one of each child row the fleet receives. */
function fullFlight(passengerNames = 'Anna Keller') {
  const recording = f.recording({ passenger_names: passengerNames });
  const scene = f.scene(recording.id, 'chase');
  const segment = f.segment(scene.id, 1);
  const slot = f.slot(recording.id, scene.id, 4);
  const sale = f.sale(recording.id);
  const job = f.exportJob(recording.id);
  const storage = f.storage(recording.id, { scene_id: scene.id });
  return { recording, scene, segment, slot, sale, job, storage };
}

afterEach(async () => {
  await db.destroy();
});

describe('migration 0013_sync_log on a kiosk with data', () => {
  beforeEach(async () => {
    ({ sqlite, db } = await openDatabaseMigratedTo('0012_mail'));
    f = fixtures(sqlite);
  });

  it('logs one upsert per existing row, in the contract’s table order, and nothing else', async () => {
    const crew = f.user({ name: 'Tom Reed' });
    const flight = fullFlight();
    f.session(crew.id);
    f.auditLog({ user_id: crew.id });
    expect(await migrateToLatest(db)).toEqual(['0013_sync_log']);

    const entries = log();
    expect(entries.every((entry) => entry.op === 'upsert')).toBe(true);
    const tablesInLog = entries.map((entry) => ORDER.indexOf(entry.table_name));
    expect(tablesInLog).toEqual([...tablesInLog].sort((a, b) => a - b));
    for (const table of ORDER) {
      const key = table === 'bundles' ? 'code' : 'id';
      const keys = sqlite.prepare(`SELECT ${key} FROM ${table} ORDER BY rowid`).pluck().all();
      expect(
        entriesOf(table).map((entry) => entry.row_key),
        table,
      ).toEqual(keys);
    }
    // The seeded bundles are there as well as the flight's rows; sessions are not sent at all.
    expect(entriesOf('bundles')).toHaveLength(4);
    expect(entriesOf('sales').map((entry) => entry.row_key)).toEqual([flight.sale.id]);
    expect(entries.some((entry) => entry.row_key === crew.id && entry.table_name !== 'users')).toBe(false);
    expect(sqlite.prepare('SELECT * FROM sync_state').all()).toEqual([
      { id: 1, last_pushed_seq: 0, last_push_at: null, last_error: null, last_error_at: null },
    ]);
  });
});

describe('the change log after migration 0013', () => {
  beforeEach(async () => {
    ({ sqlite, db } = await openDatabaseMigratedTo('0013_sync_log'));
    f = fixtures(sqlite);
    clearLog();
  });

  it('keeps one entry per row and moves it to the end when the row changes again', () => {
    const first = f.recording({ passenger_names: 'First' });
    const second = f.recording({ passenger_names: 'Second' });
    const [a, b] = log();
    expect([a?.row_key, b?.row_key]).toEqual([first.id, second.id]);
    sqlite.prepare(`UPDATE flight_recordings SET notes = 'window seat' WHERE id = ?`).run(first.id);
    const after = log();
    expect(after.map((entry) => entry.row_key)).toEqual([second.id, first.id]);
    expect(after[1]!.seq).toBeGreaterThan(b!.seq);
    expect(after[1]!.op).toBe('upsert');
  });

  it('never hands out a seq twice, even after the log was emptied', () => {
    f.recording();
    const [before] = log();
    clearLog();
    f.recording();
    expect(log()[0]!.seq).toBeGreaterThan(before!.seq);
  });

  it('does not log updates that change no synced column: PIN counters, sign-in locks, export progress', () => {
    const user = f.user({ pin_hash: 'hash' });
    const job = f.exportJob(f.recording().id, { status: 'processing' });
    clearLog();
    sqlite
      .prepare(
        `UPDATE users SET failed_pin_attempts = 3, locked_until = '2030-01-01T00:00:00.000Z',
           network_failed_pin_attempts = 2 WHERE id = ?`,
      )
      .run(user.id);
    sqlite.prepare(`UPDATE users SET pin_hash = 'other' WHERE id = ?`).run(user.id);
    sqlite
      .prepare(`UPDATE export_jobs SET progress = 0.4, updated_at = '2026-01-01T10:00:00.000Z' WHERE id = ?`)
      .run(job.id);
    expect(log()).toEqual([]);

    sqlite.prepare(`UPDATE export_jobs SET status = 'completed', progress = 1 WHERE id = ?`).run(job.id);
    sqlite.prepare(`UPDATE users SET name = 'Maya L.' WHERE id = ?`).run(user.id);
    expect(log().map((entry) => [entry.table_name, entry.op])).toEqual([
      ['export_jobs', 'upsert'],
      ['users', 'upsert'],
    ]);
  });

  it('logs a flight’s scenes, segments, slots, sales, jobs and files as deleted when the flight is', () => {
    const doomed = fullFlight('Doomed');
    fullFlight('Kept');
    clearLog();
    sqlite.prepare('DELETE FROM flight_recordings WHERE id = ?').run(doomed.recording.id);
    const deleted = log().map((entry) => [entry.table_name, entry.row_key, entry.op]);
    expect(deleted).toEqual(
      expect.arrayContaining([
        ['flight_recordings', doomed.recording.id, 'delete'],
        ['scene_recordings', doomed.scene.id, 'delete'],
        ['scene_segments', doomed.segment.id, 'delete'],
        ['video_slots', doomed.slot.id, 'delete'],
        ['sales', doomed.sale.id, 'delete'],
        ['export_jobs', doomed.job.id, 'delete'],
        ['storage_usage', doomed.storage.id, 'delete'],
      ]),
    );
    expect(deleted).toHaveLength(7);
  });

  it('logs the rows a deleted person is cleared from as changed', () => {
    const pilot = f.user({ name: 'Capt. Jo', role: 'pilot' });
    const flown = f.recording({ pilot_id: pilot.id });
    f.recording();
    const entry = f.auditLog({ user_id: pilot.id });
    clearLog();
    sqlite.prepare('DELETE FROM users WHERE id = ?').run(pilot.id);
    expect(log().map((e) => [e.table_name, e.row_key, e.op])).toEqual([
      ['flight_recordings', flown.id, 'upsert'],
      ['audit_logs', entry.id, 'upsert'],
      ['users', pilot.id, 'delete'],
    ]);
  });

  it('records the latest state whatever conflict policy the kiosk’s statement used', () => {
    const bundle = {
      code: 'sunset',
      label: 'Sunset',
      price_cents: 3000,
      includes_video: 1,
    };
    const insert = (policy: string) =>
      sqlite
        .prepare(
          `INSERT OR ${policy} INTO bundles (code, label, price_cents, includes_video)
           VALUES (@code, @label, @price_cents, @includes_video)`,
        )
        .run(bundle);
    insert('IGNORE');
    sqlite.prepare(`DELETE FROM bundles WHERE code = 'sunset'`).run();
    expect(entriesOf('bundles').at(-1)).toMatchObject({ row_key: 'sunset', op: 'delete' });
    // The outer IGNORE must not keep the stale 'delete', and ABORT must not make the kiosk's write fail.
    insert('IGNORE');
    expect(entriesOf('bundles').at(-1)).toMatchObject({ row_key: 'sunset', op: 'upsert' });
    sqlite.prepare(`DELETE FROM bundles WHERE code = 'sunset'`).run();
    insert('ABORT');
    expect(entriesOf('bundles').filter((entry) => entry.row_key === 'sunset')).toEqual([
      expect.objectContaining({ op: 'upsert' }),
    ]);
    expect(() => insert('ROLLBACK')).toThrow(/UNIQUE constraint failed: bundles.code/);
  });

  it('logs a changed key as the old row deleted and the new one upserted', () => {
    sqlite
      .prepare(
        `INSERT INTO bundles (code, label, price_cents, includes_video) VALUES ('sunset', 'Sunset', 3000, 1)`,
      )
      .run();
    clearLog();
    sqlite.prepare(`UPDATE bundles SET code = 'dusk' WHERE code = 'sunset'`).run();
    expect(log().map((e) => [e.row_key, e.op])).toEqual([
      ['sunset', 'delete'],
      ['dusk', 'upsert'],
    ]);
  });

  it('keeps audit entries the kiosk archives away in the fleet’s copy: their deletion is not logged', () => {
    const entry = f.auditLog();
    sqlite.prepare(`UPDATE audit_logs SET after_summary = '{"tries":2}' WHERE id = ?`).run(entry.id);
    expect(entriesOf('audit_logs').map((e) => e.op)).toEqual(['upsert']);
    clearLog();
    sqlite.prepare('DELETE FROM audit_logs WHERE id = ?').run(entry.id);
    expect(log()).toEqual([]);
  });

  it('does not log the tables the fleet never receives', () => {
    const user = f.user();
    const recording = f.recording();
    clearLog();
    f.session(user.id);
    sqlite.prepare(`UPDATE settings SET value = '"EUR"' WHERE key = 'currency'`).run();
    sqlite
      .prepare(
        `INSERT INTO photo_imports (id, recording_id, sha256, path, original_name, taken_at, bytes)
         VALUES ('p1', ?, ?, 'media/x/photos/a.jpg', 'a.jpg', '2026-01-01T10:00:00.000Z', 10)`,
      )
      .run(recording.id, 'a'.repeat(64));
    expect(log()).toEqual([]);
  });
});

describe('fleet_settings', () => {
  beforeEach(async () => {
    ({ sqlite, db } = await openDatabaseMigratedTo('0013_sync_log'));
  });

  const save = (url: string, sealed: Buffer | null = null, box: string | null = null) =>
    sqlite
      .prepare(`INSERT INTO fleet_settings (id, url, password_encrypted, password_box) VALUES (1, ?, ?, ?)`)
      .run(url, sealed, box);

  it('keeps the address without its password, and the password only encrypted with its box', () => {
    expect(() => save('postgres://kiosk:Secret-1@db.example.com:5432/fleet')).toThrow(/CHECK/);
    expect(() => save('mysql://kiosk@db.example.com/fleet')).toThrow(/CHECK/);
    expect(() => save('postgres://kiosk@db.example.com:5432/fleet', Buffer.from([1]), null)).toThrow(/CHECK/);
    save('postgresql://kiosk@db.example.com:5432/fleet?sslmode=require', Buffer.from([1, 2]), 'local-key');
    expect(sqlite.prepare('SELECT enabled, airfield_name FROM fleet_settings').get()).toEqual({
      enabled: 0,
      airfield_name: '',
    });
  });
});
