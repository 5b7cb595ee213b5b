// What the benchmarks share: medians of repeated runs after a warm-up, and SQLite's query plans.
import type { Compilable } from 'kysely';
import type { MagnumDatabase } from '../db/open';

export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Milliseconds per run: three warm-up runs (page cache, statement cache), then `runs` timed ones. */
export async function timeIt(
  runs: number,
  work: () => Promise<unknown>,
): Promise<{ median: number; max: number }> {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return { median: median(times), max: Math.max(...times) };
}

/** EXPLAIN QUERY PLAN of a kysely query, indented for printing. */
export function plan(mdb: MagnumDatabase, query: Compilable): string {
  const { sql, parameters } = query.compile();
  const rows = mdb.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
  return rows.map((row) => `    ${row.detail}`).join('\n');
}
