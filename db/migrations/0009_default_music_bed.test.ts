// Migration 9 on a kiosk that already ran 1-8: the untouched default template gets the shipped music bed; a
// template whose music an admin chose, or another template, keeps what it has.
import Sqlite from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MagnumSqliteDialect, migrateToLatest } from '../migrate';
import type { Database } from '../schema';
import { makeTempDir } from '../test-support';
import { migrations } from './index';
import { DEFAULT_MUSIC_ASSET } from './0009_default_music_bed';

let sqlite: Sqlite.Database;
let db: Kysely<Database>;

beforeEach(async () => {
  sqlite = new Sqlite(join(makeTempDir('magnum-0009-'), 'magnum.db'));
  db = new Kysely<Database>({ dialect: new MagnumSqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo('0008_operations');
  expect(error).toBeUndefined();
});
afterEach(() => db.destroy());

const musicOf = (name: string) =>
  sqlite.prepare('SELECT music_asset FROM project_templates WHERE name = ?').pluck().get(name);

describe('migration 0009_default_music_bed', () => {
  it('gives the seeded default template the shipped music bed', async () => {
    expect(musicOf('Default 8-slot')).toBeNull();
    expect(await migrateToLatest(db)).toContain('0009_default_music_bed');
    expect(musicOf('Default 8-slot')).toBe(DEFAULT_MUSIC_ASSET);
    expect(existsSync(join('resources', 'music', DEFAULT_MUSIC_ASSET))).toBe(true);
    expect(sqlite.prepare('SELECT version FROM schema_version').pluck().all()).toContain(9);
  });

  it('leaves music an admin already chose', async () => {
    sqlite.prepare(`UPDATE project_templates SET music_asset = 'own-bed.m4a'`).run();
    await migrateToLatest(db);
    expect(musicOf('Default 8-slot')).toBe('own-bed.m4a');
  });
});
