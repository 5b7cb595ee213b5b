// Migration 7 on a kiosk whose people already have wrong PINs counted: the new network counter starts
// where the one counter stood, so a lock set before the upgrade still holds against the network.
import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../migrate';
import type { Database } from '../schema';
import { openDatabaseMigratedTo } from './test-support';

let sqlite: Sqlite.Database;
let db: Kysely<Database>;

beforeEach(async () => {
  ({ sqlite, db } = await openDatabaseMigratedTo('0006_photo_imports'));
});

afterEach(async () => {
  await db.destroy();
});

describe('migration 0007_network_pin_lockout', () => {
  it('starts each network counter and lock from the counter kept so far', async () => {
    const insert = sqlite.prepare(
      `INSERT INTO users (id, name, role, failed_pin_attempts, locked_until) VALUES (?, ?, 'crew', ?, ?)`,
    );
    insert.run('locked', 'Tom Reed', 6, '2025-06-01T09:02:00.000Z');
    insert.run('clear', 'Ana Silva', 0, null);
    expect(await migrateToLatest(db)).toContain('0007_network_pin_lockout');
    expect(
      sqlite
        .prepare(
          `SELECT id, failed_pin_attempts, locked_until, network_failed_pin_attempts, network_locked_until
           FROM users ORDER BY id`,
        )
        .all(),
    ).toEqual([
      {
        id: 'clear',
        failed_pin_attempts: 0,
        locked_until: null,
        network_failed_pin_attempts: 0,
        network_locked_until: null,
      },
      {
        id: 'locked',
        failed_pin_attempts: 6,
        locked_until: '2025-06-01T09:02:00.000Z',
        network_failed_pin_attempts: 6,
        network_locked_until: '2025-06-01T09:02:00.000Z',
      },
    ]);
    expect(sqlite.prepare('SELECT version FROM schema_version').pluck().all()).toContain(7);
  });

  it('refuses a negative network count and a network lock time that is not ISO-8601 UTC', async () => {
    await migrateToLatest(db);
    sqlite.prepare(`INSERT INTO users (id, name, role) VALUES ('u', 'Tom Reed', 'crew')`).run();
    expect(() =>
      sqlite.prepare(`UPDATE users SET network_failed_pin_attempts = -1 WHERE id = 'u'`).run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      sqlite.prepare(`UPDATE users SET network_locked_until = 'tomorrow' WHERE id = 'u'`).run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
