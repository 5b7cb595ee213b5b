import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openDatabase } from './open';
import { LATEST_SCHEMA_VERSION, MIGRATION_NUMBERS, migrations } from './migrations/index';
import { makeTempDir } from './test-support';

const dirs: string[] = [];
function tempDbPath(): string {
  const dir = makeTempDir('magnum-open-');
  dirs.push(dir);
  return join(dir, 'magnum.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const NAMED_INDEXES = [
  'idx_flight_recordings_created_at',
  'idx_flight_recordings_export_status',
  'idx_scene_segments_scene_id',
  'idx_scene_segments_start_time',
  'idx_video_slots_recording_id',
  'idx_video_slots_slot_number',
  'idx_sales_sale_date',
  'idx_sales_staff_member',
  'idx_scene_recordings_recording_type',
  'idx_scene_segments_scene_start',
  'idx_video_slots_scene_slot',
  'idx_flight_recordings_unsold',
  'idx_export_jobs_active',
];

const TABLES = [
  'users',
  'user_sessions',
  'project_templates',
  'audit_logs',
  'flight_recordings',
  'scene_recordings',
  'scene_segments',
  'video_slots',
  'bundles',
  'sales',
  'export_jobs',
  'storage_usage',
  'device_configurations',
  'settings',
  'schema_version',
];

describe('openDatabase', () => {
  it('creates every table of the data model and the recording_summary view in an empty file', async () => {
    const mdb = await openDatabase(tempDbPath());
    const objects = mdb.sqlite.prepare(`SELECT name, type FROM sqlite_master`).all() as {
      name: string;
      type: string;
    }[];
    const tables = objects.filter((o) => o.type === 'table').map((o) => o.name);
    expect(tables).toEqual(expect.arrayContaining(TABLES));
    expect(objects).toContainEqual({ name: 'recording_summary', type: 'view' });
    expect(mdb.appliedMigrations).toEqual(Object.keys(migrations));
    await mdb.close();
  });

  it('is a no-op when opened again: nothing applied, nothing changed', async () => {
    const path = tempDbPath();
    const first = await openDatabase(path);
    const appliedAt = first.sqlite
      .prepare('SELECT group_concat(applied_at) FROM schema_version')
      .pluck()
      .get();
    await first.close();
    const again = await openDatabase(path);
    expect(again.appliedMigrations).toEqual([]);
    expect(again.sqlite.prepare('SELECT group_concat(applied_at) FROM schema_version').pluck().get()).toBe(
      appliedAt,
    );
    expect(again.sqlite.prepare('SELECT count(*) AS n FROM bundles').get()).toEqual({ n: 4 });
    expect(again.sqlite.prepare('SELECT count(*) AS n FROM project_templates').get()).toEqual({ n: 1 });
    await again.close();
  });

  it('keeps schema_version in step with the migrations applied', async () => {
    const mdb = await openDatabase(tempDbPath());
    const versions = mdb.sqlite.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all();
    const recorded = mdb.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all();
    expect(versions).toEqual(MIGRATION_NUMBERS);
    expect(versions.at(-1)).toBe(LATEST_SCHEMA_VERSION);
    expect(recorded).toEqual(Object.keys(migrations));
    await mdb.close();
  });

  it('turns on WAL, foreign keys, a busy timeout and synchronous=FULL', async () => {
    const mdb = await openDatabase(tempDbPath());
    expect(mdb.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(mdb.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(mdb.sqlite.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(mdb.sqlite.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    await mdb.close();
  });

  it('creates every index the data model names', async () => {
    const mdb = await openDatabase(tempDbPath());
    const names = mdb.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all();
    expect(names).toEqual(expect.arrayContaining(NAMED_INDEXES));
    await mdb.close();
  });

  it('makes the unsold and active-export indexes partial, with the predicates the queries use', async () => {
    const mdb = await openDatabase(tempDbPath());
    const partial = (table: string) =>
      mdb.sqlite.prepare(`SELECT name FROM pragma_index_list(?) WHERE partial = 1`).pluck().all(table);
    expect(partial('flight_recordings')).toContain('idx_flight_recordings_unsold');
    expect(partial('export_jobs')).toContain('idx_export_jobs_active');
    const sqlOf = (name: string) =>
      mdb.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(name) as string;
    expect(sqlOf('idx_flight_recordings_unsold')).toMatch(/WHERE sold = 0$/);
    expect(sqlOf('idx_export_jobs_active')).toMatch(/WHERE status IN \('pending', 'processing'\)$/);
    await mdb.close();
  });

  it('rolls back a migration that fails halfway, leaving none of its tables behind', async () => {
    const path = tempDbPath();
    // A stray table with a name migration 1 creates late makes that migration fail after its first tables.
    const stray = new Sqlite(path);
    stray.exec('CREATE TABLE sales (id TEXT)');
    stray.close();

    await expect(openDatabase(path)).rejects.toThrow(
      /migration 0001_initial failed: table sales already exists/,
    );
    const check = new Sqlite(path);
    const tables = check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).not.toContain('users');
    expect(tables).not.toContain('schema_version');
    expect(check.prepare('SELECT count(*) FROM kysely_migration').pluck().get()).toBe(0);
    check.close();
  });
});
