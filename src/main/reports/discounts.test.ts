// List price, discounts and revenue: the seeded report (test-support.ts, all sold at list price) plus sales
// priced by rules and one an admin changed by hand, made on 2 Dec local (UTC+2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { createDataAccess } from '../data-access';
import { reportsHandlers } from './handlers';
import { salesReport } from './service';
import { seedReportData, UTC_PLUS_2, type ReportData } from './test-support';

let t: TempDatabase;
let d: ReportData;
beforeEach(async () => {
  t = await openTempDatabase();
  d = seedReportData(t.sqlite);
  const f = fixtures(t.sqlite);
  const priced = (o: Record<string, unknown>) =>
    f.sale(d.F5, { staff_member: d.maya, sale_date: '2026-12-02T10:00:00.000Z', ...o });
  // Video + Photos 45.00 less "Second passenger −20 %" 9.00 = 36.00.
  priced({ bundle: 'video_photos', list_price_cents: 4500, amount_cents: 3600, discount_cents: 900,
    price_rule_name: 'Second passenger −20 %', price_change_reason: 'Second passenger −20 %' }); // prettier-ignore
  // Video Only 25.00 less 2.50 by the same rule = 22.50.
  priced({ bundle: 'video_only', list_price_cents: 2500, amount_cents: 2250, discount_cents: 250,
    price_rule_name: 'Second passenger −20 %', price_change_reason: 'Second passenger −20 %' }); // prettier-ignore
  // Photos Only 35.00 less "Sunset flight" 5.00 = 30.00, then an admin charged 20.00: 10.00 more by hand.
  priced({ bundle: 'photos_only', list_price_cents: 3500, amount_cents: 2000, discount_cents: 500,
    price_rule_name: 'Sunset flight', price_change_reason: 'Broken camera on the way back' }); // prettier-ignore
});
afterEach(() => t.dispose());

const range = { from: '2026-11-30', to: '2026-12-02' };

describe('list price, discounts and revenue', () => {
  it('add up the list prices, the rules’ discounts and the admins’ changes of completed sales', async () => {
    const { kpis, byPriceRule } = await salesReport(t.db, range, { offsetAt: UTC_PLUS_2 });
    // Seeded: 160.00 at list price. Added: list 45 + 25 + 35 = 105.00; rules 9.00 + 2.50 + 5.00 = 16.50;
    // by hand 10.00; paid 36.00 + 22.50 + 20.00 = 78.50.
    expect(kpis).toMatchObject({
      sales: 7,
      listPriceCents: 26500,
      ruleDiscountCents: 1650,
      manualDiscountCents: 1000,
      revenueCents: 23850,
    });
    expect(kpis.listPriceCents - kpis.ruleDiscountCents - kpis.manualDiscountCents).toBe(kpis.revenueCents);
    expect(byPriceRule).toEqual([
      { name: 'Second passenger −20 %', sales: 2, discountCents: 1150 },
      { name: 'Sunset flight', sales: 1, discountCents: 500 },
    ]);
  });

  it('leave a voided discounted sale out of every figure', async () => {
    t.sqlite
      .prepare(
        `UPDATE sales SET status = 'voided', void_reason = 'wrong bundle' WHERE price_rule_name = 'Sunset flight'`,
      )
      .run();
    const { kpis, byPriceRule } = await salesReport(t.db, range, { offsetAt: UTC_PLUS_2 });
    expect(kpis).toMatchObject({ listPriceCents: 23000, ruleDiscountCents: 1150, manualDiscountCents: 0 });
    expect(byPriceRule.map((r) => r.name)).toEqual(['Second passenger −20 %']);
  });

  it('write the rule and its discount on each sale’s CSV line, and keep Reason for the admin’s words', async () => {
    const handlers = reportsHandlers(createDataAccess({ handle: t }, { utcOffsetMinutes: UTC_PLUS_2 }));
    const context = {
      user: { id: d.maya, name: 'Maria Lopez', role: 'admin' },
      session: null,
      transport: 'websocket',
      peer: { connection: 'test', address: 'local' },
    } as const;
    const sales = await handlers['reports.csv']({ ...range, kind: 'sales' }, context);
    const lines = sales.csv.split('\r\n').filter((line) => line.startsWith('2026-12-02 12:00'));
    // Amount, list price, rule, rule discount … status, reason.
    expect(
      lines
        .map((line) => /(\d+\.\d\d,\d+\.\d\d,[^,]*,\d+\.\d\d),USD,.*,(Completed,.*)$/.exec(line)?.slice(1))
        .sort(),
    ).toEqual([
      ['20.00,35.00,Sunset flight,5.00', 'Completed,Broken camera on the way back'],
      ['22.50,25.00,Second passenger −20 %,2.50', 'Completed,'],
      ['36.00,45.00,Second passenger −20 %,9.00', 'Completed,'],
    ]);
    const daily = await handlers['reports.csv']({ ...range, kind: 'daily' }, context);
    // 2 Dec: F5 flew and is sold now; S6 35.00 at list plus the three above: list 140.00, discounts 26.50, revenue 113.50.
    expect(daily.csv.split('\r\n')).toContain('2026-12-02,1,1,100,4,140.00,26.50,113.50');
  });
});
