import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase } from '../../../db/test-support';
import type { TempDatabase } from '../../../db/test-support';
import { revenueByDayAndStaffQuery, salesReport } from './report';

let t: TempDatabase;
let maya: string;
let sam: string;
beforeEach(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  maya = f.user({ name: 'Maya' }).id;
  sam = f.user({ name: 'Sam' }).id;
  const flight = f.recording().id;
  f.sale(flight, { sale_date: '2025-06-01T10:00:00.000Z', amount_cents: 2500, staff_member: maya });
  f.sale(flight, { sale_date: '2025-06-01T23:30:00.000Z', amount_cents: 4500, staff_member: sam });
  f.sale(flight, { sale_date: '2025-06-02T09:00:00.000Z', amount_cents: 3500, staff_member: maya });
  f.sale(flight, {
    sale_date: '2025-06-02T09:05:00.000Z',
    amount_cents: 4500,
    staff_member: sam,
    status: 'voided',
    void_reason: 'x',
  });
  f.sale(flight, { sale_date: '2025-06-03T00:00:00.000Z', amount_cents: 5500, staff_member: maya }); // outside the range
});
afterEach(() => t.dispose());

const june1and2 = { from: '2025-06-01T00:00:00.000Z', to: '2025-06-03T00:00:00.000Z' };

describe('salesReport', () => {
  it('sums completed sales by UTC day within the range, end exclusive', async () => {
    const report = await salesReport(t.db, june1and2);
    expect(report.byDay).toEqual([
      { day: '2025-06-01', sales: 2, revenue_cents: 7000 },
      { day: '2025-06-02', sales: 1, revenue_cents: 3500 },
    ]);
    expect(report.totals).toEqual({ sales: 3, revenue_cents: 10500 });
  });

  it("counts a late-evening sale on the kiosk's local day", async () => {
    const report = await salesReport(t.db, { ...june1and2, utcOffsetMinutes: 120 });
    expect(report.byDay).toEqual([
      { day: '2025-06-01', sales: 1, revenue_cents: 2500 },
      { day: '2025-06-02', sales: 2, revenue_cents: 8000 },
    ]);
  });

  it('sums completed sales by staff member, highest revenue first, with their names', async () => {
    const report = await salesReport(t.db, june1and2);
    expect(report.byStaff).toEqual([
      { staff_member: maya, staff_name: 'Maya', sales: 2, revenue_cents: 6000 },
      { staff_member: sam, staff_name: 'Sam', sales: 1, revenue_cents: 4500 },
    ]);
  });

  it('reads the period once, through idx_sales_sale_date', () => {
    const { sql, parameters } = revenueByDayAndStaffQuery(t.db, june1and2).compile();
    const plan = t.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...parameters)
      .map((r) => (r as { detail: string }).detail);
    expect(plan.join('\n')).toMatch(
      /SEARCH sales USING INDEX idx_sales_sale_date \(sale_date>\? AND sale_date<\?\)/,
    );
  });
});
