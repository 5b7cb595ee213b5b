import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type MagnumDatabase } from './open';
import { SLOW_QUERIES_KEPT } from './slow-queries';
import { makeTempDir } from './test-support';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(slowQueryMs: number): Promise<MagnumDatabase> {
  const dir = makeTempDir('magnum-slow-');
  dirs.push(dir);
  return openDatabase(join(dir, 'magnum.db'), { slowQueryMs });
}

interface Row {
  id: number;
  statement: string;
  duration_ms: number;
  recorded_at: string;
}

/** Closing writes what is queued; the rows are then read by a connection of the test's own. */
async function closeAndRead(database: MagnumDatabase): Promise<Row[]> {
  await database.close();
  const reader = new Sqlite(database.path, { readonly: true });
  try {
    return reader.prepare('SELECT * FROM slow_queries ORDER BY id').all() as Row[];
  } finally {
    reader.close();
  }
}

/** Counts to `n` in a recursive CTE: real work for SQLite, hundreds of milliseconds for a few million. */
const countTo = (database: MagnumDatabase, n: number) =>
  sql<{ n: number }>`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${n})
    SELECT count(*) AS n FROM c`.execute(database.db);

describe('slow queries', () => {
  it('records a deliberately slow query with its statement, its time and when it ran', async () => {
    const database = await open(20);
    const before = Date.now();
    const started = performance.now();
    const result = await countTo(database, 2_000_000);
    const took = performance.now() - started;
    expect(result.rows[0]?.n).toBe(2_000_000);

    const rows = await closeAndRead(database);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.statement).toContain('WITH RECURSIVE c(x)');
    // The parameter's value is not kept, only the statement's text.
    expect(rows[0]!.statement).not.toContain('2000000');
    expect(rows[0]!.duration_ms).toBeGreaterThanOrEqual(20);
    expect(rows[0]!.duration_ms).toBeLessThanOrEqual(took + 1);
    expect(Date.parse(rows[0]!.recorded_at)).toBeGreaterThanOrEqual(before);
  });

  it('does not record queries under the threshold', async () => {
    const database = await open(5_000);
    for (let i = 0; i < 50; i += 1) await database.db.selectFrom('users').selectAll().execute();
    await countTo(database, 1_000);
    expect(await closeAndRead(database)).toEqual([]);
  });

  it('never records its own insert, even when every query counts as slow', async () => {
    const database = await open(0);
    await database.db.selectFrom('users').select('id').execute();
    await database.db.selectFrom('sales').select('id').execute();
    // The figures are written on a timer once the queries are done: wait for it, then time one more query.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await database.db.selectFrom('bundles').select('label').execute();

    const rows = await closeAndRead(database);
    expect(rows.map((row) => row.statement)).toEqual([
      'select "id" from "users"',
      'select "id" from "sales"',
      'select "label" from "bundles"',
    ]);
  });

  it('keeps a slow query a rolled-back transaction ran, since it is written after the transaction', async () => {
    const database = await open(20);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${2_000_000})
          SELECT count(*) FROM c`.execute(trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const rows = await closeAndRead(database);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.statement).toContain('WITH RECURSIVE');
  });

  it(`keeps only the newest ${SLOW_QUERIES_KEPT}`, async () => {
    const database = await open(0);
    const total = SLOW_QUERIES_KEPT + 120;
    for (let i = 0; i < total; i += 1) {
      await database.db
        .selectFrom('users')
        .select(sql<number>`${i}`.as('n'))
        .execute();
      // A screen's queries come spread over time; figures are written between them, on a timer.
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const rows = await closeAndRead(database);
    expect(rows).toHaveLength(SLOW_QUERIES_KEPT);
    const ids = rows.map((row) => row.id);
    expect(Math.max(...ids)).toBe(total);
    expect(Math.min(...ids)).toBe(total - SLOW_QUERIES_KEPT + 1);
  });
});
