// The central migrations on a real PostgreSQL: they build the schema on an empty database, change nothing the
// second time, and the mirror tables hold exactly what tables.ts pushes, in the kiosk's own storage types.
// Row security's behaviour is in policies.test.ts; here only that it is on, and forced, everywhere.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../db/open';
import { catalogSnapshot } from '../test-support/catalog';
import { startTestPostgres } from '../test-support/postgres';
import type { TestPostgres } from '../test-support/postgres';
import { SYNCED_TABLES } from '../tables';
import { openCentral } from './connect';
import { migrateCentral } from './migrate';
import { centralMigrations, LATEST_CENTRAL_MIGRATION } from './migrations/index';
import { CENTRAL_TABLES } from './schema';

let server: TestPostgres;
let url: string;
let client: pg.Client;

beforeAll(async () => {
  server = await startTestPostgres();
  url = await server.createDatabase('fleet');
  client = new pg.Client({ connectionString: url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await server?.stop();
});

const rows = async <T extends object>(query: string, values: unknown[] = []) =>
  (await client.query<T & pg.QueryResultRow>(query, values)).rows as T[];

async function migrate(): Promise<string[]> {
  const db = openCentral(url);
  try {
    return await migrateCentral(db);
  } finally {
    await db.destroy();
  }
}

describe('the central migrations', () => {
  it('build the schema on an empty database, then change nothing when run again', async () => {
    expect(await migrate()).toEqual(Object.keys(centralMigrations));
    expect(LATEST_CENTRAL_MIGRATION).toBe('0002_row_security');
    const before = await catalogSnapshot(url);
    expect(await migrate()).toEqual([]);
    expect(await catalogSnapshot(url)).toEqual(before);
    const tables = await rows<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
    );
    expect(tables.map((t) => t.relname).sort()).toEqual(
      [...CENTRAL_TABLES, 'fleet_migration', 'fleet_migration_lock'].sort(),
    );
  });

  it('give each mirror table station_id and exactly the columns tables.ts pushes, in order', async () => {
    for (const { table, columns } of SYNCED_TABLES) {
      const found = await rows<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      expect(
        found.map((c) => c.column_name),
        table,
      ).toEqual(['station_id', ...columns]);
    }
  });

  it('keep the kiosk’s storage type and NOT NULL for every pushed column', async () => {
    const kiosk = await openDatabase(':memory:');
    try {
      for (const { table, columns } of SYNCED_TABLES) {
        const sqliteColumns = kiosk.sqlite.prepare(`PRAGMA table_info(${table})`).all() as {
          name: string;
          type: string;
          notnull: number;
          pk: number;
        }[];
        const central = await rows<{
          column_name: string;
          data_type: string;
          is_nullable: string;
          coll: string;
        }>(
          `SELECT column_name, data_type, is_nullable, coalesce(collation_name, '') AS coll
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
          [table],
        );
        for (const column of columns) {
          const there = sqliteColumns.find((c) => c.name === column);
          const here = central.find((c) => c.column_name === column);
          const expected =
            table === 'storage_usage' && column === 'bytes'
              ? 'bigint'
              : ({ TEXT: 'text', INTEGER: 'integer', REAL: 'double precision' } as Record<string, string>)[
                  there?.type ?? ''
                ];
          expect(here?.data_type, `${table}.${column}`).toBe(expected);
          expect(here?.is_nullable === 'NO', `${table}.${column} NOT NULL`).toBe(
            there?.notnull === 1 || there?.pk === 1,
          );
          if (expected === 'text') expect(here?.coll, `${table}.${column} collation`).toBe('C');
        }
      }
    } finally {
      await kiosk.close();
    }
  });

  it('key each mirror table by (station_id, kiosk key), with station_id its only foreign key', async () => {
    for (const { table, key } of SYNCED_TABLES) {
      const constraints = await rows<{ contype: string; definition: string }>(
        `SELECT contype, pg_get_constraintdef(oid) AS definition FROM pg_constraint
         WHERE conrelid = $1::regclass AND contype IN ('p', 'f', 'u') ORDER BY contype`,
        [table],
      );
      expect(constraints, table).toEqual([
        { contype: 'f', definition: 'FOREIGN KEY (station_id) REFERENCES stations(id)' },
        { contype: 'p', definition: `PRIMARY KEY (station_id, ${key})` },
      ]);
    }
  });

  it('turn row security on and force it on every table, each with at least one policy', async () => {
    const tables = await rows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1)`,
      [[...CENTRAL_TABLES]],
    );
    expect(tables).toHaveLength(CENTRAL_TABLES.length);
    for (const table of tables) {
      expect(table, table.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
    }
    const withPolicies = await rows<{ tablename: string }>(`SELECT DISTINCT tablename FROM pg_policies`);
    expect(withPolicies.map((p) => p.tablename).sort()).toEqual([...CENTRAL_TABLES].sort());
  });

  it('sort text as the kiosk’s SQLite does (byte order), so ISO times and names compare alike', async () => {
    const names = ['anna', 'Zoë', 'Émile', 'Bob', '2025-06-01T09:30:00.000Z', '2025-06-01T10:00:00.000Z'];
    await client.query(
      `INSERT INTO stations (id, name, time_zone, currency) VALUES ('s', 'S', 'UTC', 'CHF')`,
    );
    for (const [i, name] of names.entries()) {
      await client.query(
        `INSERT INTO users (station_id, id, name, role, active, created_at, updated_at)
         VALUES ('s', $1, $2, 'crew', 1, '2025-06-01T09:30:00.000Z', '2025-06-01T09:30:00.000Z')`,
        [`u${i}`, name],
      );
    }
    const central = await rows<{ name: string }>(
      `SELECT name FROM users WHERE station_id = 's' ORDER BY name`,
    );
    const kiosk = await openDatabase(':memory:');
    try {
      const values = names.map(() => '(?)').join(', ');
      const sqliteOrder = kiosk.sqlite
        .prepare(`SELECT column1 AS name FROM (VALUES ${values}) ORDER BY column1`)
        .all(...names) as { name: string }[];
      expect(central.map((r) => r.name)).toEqual(sqliteOrder.map((r) => r.name));
      expect(central.map((r) => r.name).slice(0, 3)).toEqual([
        '2025-06-01T09:30:00.000Z',
        '2025-06-01T10:00:00.000Z',
        'Bob',
      ]);
    } finally {
      await kiosk.close();
      await client.query(`DELETE FROM users WHERE station_id = 's'`);
      await client.query(`DELETE FROM stations WHERE id = 's'`);
    }
  });

  it.each([
    ['a scene type the data model does not know', `scene_recordings`, { scene_type: 'takeoff' }],
    ['a scene index that does not match its type', `scene_recordings`, { scene_index: 2 }],
    ['a scene of zero seconds', `scene_recordings`, { camera1_duration: 0 }],
    ['a third camera angle', `scene_segments`, { camera_angle: 3 }],
    ['a segment of zero seconds', `scene_segments`, { duration: 0 }],
    ['a segment starting before its scene', `scene_segments`, { start_time: -1 }],
    ['a ninth slot', `video_slots`, { slot_number: 9 }],
    ['a slot of negative length', `video_slots`, { slot_duration: -3 }],
  ])('refuse %s (the data model’s CHECKs)', async (_what, table, override) => {
    const valid: Record<string, Record<string, unknown>> = {
      scene_recordings: {
        recording_id: 'r1',
        scene_type: 'cruising',
        scene_index: 1,
        camera1_source: 'front',
        camera2_source: 'rear',
        camera1_duration: 12.5,
        status: 'recorded',
      },
      scene_segments: { scene_id: 'sc1', segment_number: 1, start_time: 0, duration: 3, camera_angle: 1 },
      video_slots: {
        recording_id: 'r1',
        scene_id: 'sc1',
        slot_number: 1,
        camera_angle: 2,
        window_start: 0,
        slot_duration: 3,
        seamless_with_previous: 0,
      },
    };
    await client.query(
      `INSERT INTO stations (id, name, time_zone, currency) VALUES ('c', 'C', 'UTC', 'CHF') ON CONFLICT DO NOTHING`,
    );
    const insert = async (values: Record<string, unknown>) => {
      const row = {
        station_id: 'c',
        id: `row-${Math.random()}`,
        created_at: '2025-06-01T09:30:00.000Z',
        updated_at: '2025-06-01T09:30:00.000Z',
        ...values,
      };
      const names = Object.keys(row);
      await client.query(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row),
      );
    };
    await insert(valid[table] ?? {}); // the valid row goes in: the refusal below is the override's doing
    await expect(insert({ ...valid[table], ...override })).rejects.toMatchObject({ code: '23514' });
  });
});
