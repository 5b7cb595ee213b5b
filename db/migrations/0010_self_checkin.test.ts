// Migration 10 on a kiosk with flights: the check-in tables arrive empty but for waiver version 1, and the
// database itself refuses rows the screens never send.
import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../migrate';
import type { Database } from '../schema';
import { openDatabaseMigratedTo } from './test-support';

let sqlite: Sqlite.Database;
let db: Kysely<Database>;

beforeEach(async () => {
  ({ sqlite, db } = await openDatabaseMigratedTo('0009_default_music_bed'));
  sqlite
    .prepare(`INSERT INTO flight_recordings (id, passenger_names, flight_at) VALUES ('f1', 'Ana Silva', ?)`)
    .run('2026-12-01T09:00:00.000Z');
  expect(await migrateToLatest(db)).toContain('0010_self_checkin');
});

afterEach(async () => {
  await db.destroy();
});

const addCheckin = (id: string, extra = '') =>
  sqlite.prepare(
    `INSERT INTO self_checkins (id, passenger_names${extra ? ', ' : ''}${extra}) VALUES (?, 'Ana Silva'${extra ? ', ?' : ''})`,
  );

describe('migration 0010_self_checkin', () => {
  it('seeds waiver version 1 with plain liability text and records schema version 10', () => {
    const waivers = sqlite.prepare('SELECT version, text FROM waiver_versions').all() as Array<{
      version: number;
      text: string;
    }>;
    expect(waivers).toHaveLength(1);
    expect(waivers[0]?.version).toBe(1);
    expect(waivers[0]?.text).toMatch(/fit to fly/);
    expect(sqlite.prepare('SELECT version FROM schema_version').pluck().all()).toContain(10);
    expect(sqlite.prepare('SELECT count(*) FROM flight_recordings').pluck().get()).toBe(1);
  });

  it('keeps waiting check-ins in a partial index and refuses unknown statuses and trip purposes', () => {
    const sql = sqlite
      .prepare(`SELECT sql FROM sqlite_master WHERE name = 'idx_self_checkins_waiting'`)
      .pluck()
      .get() as string;
    expect(sql).toMatch(/WHERE status = 'waiting'$/);
    addCheckin('c1').run('c1');
    expect(() => addCheckin('c2', 'status').run('c2', 'lost')).toThrow(/CHECK constraint failed/);
    expect(() => addCheckin('c3', 'trip_purpose').run('c3', 'honeymoon')).toThrow(/CHECK constraint failed/);
    // Converted needs its time, and only converted has one.
    expect(() => addCheckin('c4', 'status').run('c4', 'converted')).toThrow(/CHECK constraint failed/);
  });

  it('refuses two waiver versions with one number, and removes a check-in’s signatures with it', () => {
    expect(() =>
      sqlite.prepare(`INSERT INTO waiver_versions (id, version, text) VALUES ('w', 1, 'Other text')`).run(),
    ).toThrow(/UNIQUE constraint failed/);
    addCheckin('c1').run('c1');
    const waiver = sqlite.prepare('SELECT id FROM waiver_versions').pluck().get();
    sqlite
      .prepare(
        `INSERT INTO waiver_signatures (id, self_checkin_id, passenger_name, waiver_version_id, signature_path, signature_sha256)
         VALUES ('s1', 'c1', 'Ana Silva', ?, 'waivers/c1/s1.png', ?)`,
      )
      .run(waiver, 'a'.repeat(64));
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO waiver_signatures (id, self_checkin_id, passenger_name, waiver_version_id, signature_path, signature_sha256)
           VALUES ('s2', 'c1', 'Ana Silva', ?, '/etc/passwd', ?)`,
        )
        .run(waiver, 'a'.repeat(64)),
    ).toThrow(/CHECK constraint failed/);
    sqlite.prepare(`DELETE FROM self_checkins WHERE id = 'c1'`).run();
    expect(sqlite.prepare('SELECT count(*) FROM waiver_signatures').pluck().get()).toBe(0);
  });
});
