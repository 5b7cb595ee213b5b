// Migration 4 on a kiosk that already ran 1-3: the untouched default template gets the shipped intro and
// outro; a default an admin already gave assets keeps them.
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator } from 'kysely';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MagnumSqliteDialect, migrateToLatest } from '../migrate';
import type { Database } from '../schema';
import { makeTempDir } from '../test-support';
import { migrations } from './index';
import { DEFAULT_INTRO_ASSET, DEFAULT_OUTRO_ASSET } from './0004_default_template_assets';

let sqlite: Sqlite.Database;
let db: Kysely<Database>;

beforeEach(async () => {
  sqlite = new Sqlite(join(makeTempDir('magnum-0004-'), 'magnum.db'));
  db = new Kysely<Database>({ dialect: new MagnumSqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo('0003_seed_defaults');
  expect(error).toBeUndefined();
});
afterEach(() => db.destroy());

const defaultTemplate = () =>
  db
    .selectFrom('project_templates')
    .select(['name', 'intro_asset', 'outro_asset', 'music_asset', 'is_active'])
    .executeTakeFirstOrThrow();

describe('migration 0004_default_template_assets', () => {
  it('gives the seeded default template the shipped intro and outro, and no music', async () => {
    expect(await defaultTemplate()).toMatchObject({ intro_asset: null, outro_asset: null });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo('0004_default_template_assets');
    expect(error).toBeUndefined();
    expect(await defaultTemplate()).toEqual({
      name: 'Default 8-slot',
      intro_asset: DEFAULT_INTRO_ASSET,
      outro_asset: DEFAULT_OUTRO_ASSET,
      music_asset: null,
      is_active: 1,
    });
    expect(sqlite.prepare('SELECT version FROM schema_version').pluck().all()).toContain(4);
  });

  it('leaves a default template whose assets an admin already chose', async () => {
    sqlite.prepare(`UPDATE project_templates SET outro_asset = 'own-outro.mp4'`).run();
    await migrateToLatest(db);
    expect(await defaultTemplate()).toMatchObject({ intro_asset: null, outro_asset: 'own-outro.mp4' });
  });
});
