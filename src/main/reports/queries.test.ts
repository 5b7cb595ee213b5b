// The report reads its period through the indexes, never by scanning every sale or flight ever recorded.
import type { Compilable } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import {
  finishedExportsQuery,
  flightsInPeriodQuery,
  mediaFilesQuery,
  saleLinesQuery,
  salesInPeriodQuery,
  salesOfPeriodFlightsQuery,
} from './queries';
import { seedReportData } from './test-support';

let t: TempDatabase;
beforeEach(async () => {
  t = await openTempDatabase();
  // No ANALYZE: on a handful of rows a scan is cheapest, so the plan for years of data (the default statistics
  // assume big tables) is the one worth checking here; bench/db.ts checks it again on a real-sized database.
  seedReportData(t.sqlite);
});
afterEach(() => t.dispose());

const bounds = { start: '2026-11-29T22:00:00.000Z', end: '2026-12-02T22:00:00.000Z' };
const planOf = (query: Compilable) => {
  const { sql, parameters } = query.compile();
  return t.sqlite
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...parameters)
    .map((row) => (row as { detail: string }).detail)
    .join('\n');
};

describe('the report queries', () => {
  it('find the sales of the period through idx_sales_sale_date', () => {
    for (const query of [salesInPeriodQuery(t.db, bounds), saleLinesQuery(t.db, bounds)]) {
      const plan = planOf(query);
      expect(plan).toMatch(
        /SEARCH (s|sales) USING INDEX idx_sales_sale_date \(sale_date>\? AND sale_date<\?\)/,
      );
      expect(plan).not.toMatch(/SCAN/);
    }
  });

  it("find the period's flights, and what belongs to them, through idx_flight_recordings_flight_at", () => {
    expect(planOf(flightsInPeriodQuery(t.db, bounds))).toMatch(
      /SEARCH flight_recordings USING INDEX idx_flight_recordings_flight_at \(flight_at>\? AND flight_at<\?\)/,
    );
    for (const query of [
      salesOfPeriodFlightsQuery(t.db, bounds),
      finishedExportsQuery(t.db, bounds),
      mediaFilesQuery(t.db, bounds),
    ]) {
      const plan = planOf(query);
      expect(plan).toContain('idx_flight_recordings_flight_at');
      expect(plan).not.toMatch(/SCAN (sales|export_jobs|storage_usage)\b/);
    }
  });
});
