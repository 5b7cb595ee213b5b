// The fleet report read from a real central PostgreSQL, filled from two real kiosk databases
// (test-support.ts): each airfield's figures are its kiosk's own report of the same days, the totals are their
// sums per currency, and a crew member reading it sees what the row policies let them see.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetReportView, SalesReportView } from '../../../shared/reports';
import { salesReport } from '../../reports/service';
import { asUser, CentralDatabaseError, openCentral } from '../central/connect';
import { readFleetReport, sumFleet } from './service';
import { RANGE, startTestFleet, type TestFleet, type TestKiosk } from './test-support';
import { offsetInZone } from './time-zone';

let fleet: TestFleet;
let zurich: TestKiosk;
let denver: TestKiosk;
let kioskReports: Map<string, SalesReportView>;
let report: FleetReportView;

const central = () => ({ db: fleet.central, url: fleet.appUrl });
const asAdmin = (kiosk: TestKiosk, id: string) => ({
  userId: kiosk.people[id] ?? '',
  role: 'admin' as const,
});

beforeAll(async () => {
  fleet = await startTestFleet();
  [zurich, denver] = fleet.kiosks as [TestKiosk, TestKiosk];
  kioskReports = new Map();
  for (const kiosk of fleet.kiosks) {
    // What the kiosk's own Reports screen says, on a kiosk whose clock is in its airfield's zone.
    const own = await salesReport(kiosk.database.db, RANGE, { offsetAt: offsetInZone(kiosk.timeZone) });
    kioskReports.set(kiosk.stationId, own);
  }
  report = await readFleetReport(central(), asAdmin(zurich, 'ada'), RANGE);
});

afterAll(async () => {
  await fleet?.close();
});

const airfield = (stationId: string) => report.airfields.find((a) => a.stationId === stationId);
const own = (kiosk: TestKiosk) => kioskReports.get(kiosk.stationId) as SalesReportView;

describe('each airfield', () => {
  it('has the figures of its kiosk’s own report for the same days', () => {
    for (const kiosk of fleet.kiosks) {
      const kioskReport = own(kiosk);
      expect(airfield(kiosk.stationId)).toEqual({
        stationId: kiosk.stationId,
        name: kiosk.name,
        timeZone: kiosk.timeZone,
        currency: kioskReport.currency,
        kpis: kioskReport.kpis,
        byDay: kioskReport.byDay,
        nonPurchasers: {
          total: kioskReport.nonPurchasers.total,
          withOffer: kioskReport.nonPurchasers.withOffer,
          offerValueCents: kioskReport.nonPurchasers.offerValueCents,
        },
        otherCurrencies: kioskReport.otherCurrencies.map((other) => ({ ...other, byDay: expect.any(Array) })),
      });
    }
  });

  it('counts what the story says, so the comparison above is not of two empty reports', () => {
    // Zurich: Z1 Z2 Z3 Z4 flew in the range, Z1 Z2 Z4 sold. CHF revenue: Z0's 45.00 and Z2's second sale 25.00
    // (Z4's sale is after the range); Z2's first sale voided; Z1's sale is in USD.
    expect(own(zurich).kpis).toMatchObject({
      flights: 4,
      flightsSold: 3,
      sales: 2,
      revenueCents: 7000,
      voided: { count: 1, cents: 5500 },
    });
    expect(own(zurich).currency).toBe('CHF');
    expect(own(zurich).otherCurrencies).toEqual([{ currency: 'USD', sales: 1, revenueCents: 2500 }]);
    // Denver: D1 D2 D3 flew (D0 on 23 Oct local), D1 and D3 sold; D2's sale refunded.
    expect(own(denver).kpis).toMatchObject({
      flights: 3,
      flightsSold: 2,
      sales: 2,
      revenueCents: 7000,
      refunded: { count: 1, cents: 5500 },
    });
  });

  it('puts flights and sales on the airfield’s own local days', () => {
    const day = (stationId: string, name: string) => airfield(stationId)?.byDay.find((d) => d.day === name);
    // D1 flew at 05:30 UTC on 25 Oct: 23:30 on Friday 24 Oct in Denver.
    expect(day('kbjc', '2025-10-24')).toMatchObject({
      flights: 1,
      flightsSold: 1,
      sales: 1,
      revenueCents: 4500,
    });
    // Z2 flew at 01:30 UTC on 26 Oct, after Zurich's clocks went back: 02:30 on the 26th.
    expect(day('lszh', '2025-10-26')).toMatchObject({ flights: 1, sales: 1, revenueCents: 2500 });
    // D3 flew at 06:30 UTC on 5 Nov, after Denver's clocks went back: 23:30 on the 4th.
    expect(day('kbjc', '2025-11-04')).toMatchObject({ flights: 1, sales: 1 });
  });

  it('lists a station that has pushed nothing yet with nothing in it', () => {
    expect(airfield('lsgs')).toMatchObject({ name: 'Sion', currency: 'CHF', kpis: { flights: 0, sales: 0 } });
    expect(report.airfields.map((a) => a.name)).toEqual(['Denver Rocky Mountain', 'Sion', 'Zurich hangar']);
  });
});

describe('the totals', () => {
  const totals = (currency: string) => report.totals.find((t) => t.currency === currency);

  it('add up the airfields per currency, with the sales other airfields recorded in it', () => {
    const chf = totals('CHF');
    const usd = totals('USD');
    const z = own(zurich);
    const d = own(denver);
    expect(report.totals.map((t) => t.currency)).toEqual(['CHF', 'USD']);
    expect(chf).toMatchObject({
      airfields: 2,
      flights: z.kpis.flights,
      flightsSold: z.kpis.flightsSold,
      sales: z.kpis.sales,
      revenueCents: z.kpis.revenueCents,
      voided: z.kpis.voided,
      refunded: z.kpis.refunded,
    });
    const zurichUsd = z.otherCurrencies.find((o) => o.currency === 'USD');
    expect(usd).toMatchObject({
      airfields: 1,
      flights: d.kpis.flights,
      flightsSold: d.kpis.flightsSold,
      sales: d.kpis.sales + (zurichUsd?.sales ?? 0),
      revenueCents: d.kpis.revenueCents + (zurichUsd?.revenueCents ?? 0),
      refunded: d.kpis.refunded,
    });
    expect(usd?.revenueCents).toBe(9500);
    expect(usd?.conversion).toBeCloseTo(2 / 3);
    expect(usd?.averageOrderCents).toBe(Math.round(9500 / 3));
  });

  it('add the days up across airfields, each airfield on its own local days', () => {
    const usd = totals('USD');
    for (const day of usd?.byDay ?? []) {
      const denverDay = own(denver).byDay.find((d) => d.day === day.day);
      // Zurich's USD sale was at 00:45 on Saturday 25 Oct in Zurich.
      const zurichUsd = day.day === '2025-10-25' ? 2500 : 0;
      expect(day.revenueCents).toBe((denverDay?.revenueCents ?? 0) + zurichUsd);
      expect(day.flights).toBe(denverDay?.flights);
    }
    const money = (t: typeof usd) => (t?.byDay ?? []).reduce((sum, d) => sum + d.revenueCents, 0);
    expect(money(usd)).toBe(usd?.revenueCents);
    expect(money(totals('CHF'))).toBe(totals('CHF')?.revenueCents);
  });

  it('count every airfield’s flights together, whatever they sell in', () => {
    expect(report.flights).toEqual({ flights: 7, flightsSold: 5, conversion: 5 / 7 });
  });

  it('keep an airfield’s sales in another currency out of its own currency’s total', () => {
    const view = sumFleet(RANGE, report.airfields);
    expect(view.totals.map((t) => [t.currency, t.revenueCents])).toEqual([
      ['CHF', 7000],
      ['USD', 9500],
    ]);
  });
});

describe('who reads it', () => {
  it('shows a crew member only their own sales and flights, through the row policies', async () => {
    const tom = await readFleetReport(central(), { userId: zurich.people.tom ?? '', role: 'crew' }, RANGE);
    // Tom looked after Z1, Z3, Z4 and sold Z1 (USD) and Z4 (after the range): no CHF revenue of his in range.
    expect(tom.airfields.find((a) => a.stationId === 'lszh')?.kpis).toMatchObject({
      flights: 3,
      sales: 0,
      revenueCents: 0,
    });
    expect(tom.airfields.find((a) => a.stationId === 'kbjc')?.kpis).toMatchObject({ flights: 0, sales: 0 });
    expect(tom.totals.find((t) => t.currency === 'USD')).toMatchObject({ sales: 1, revenueCents: 2500 });
  });

  it('shows a crew member with no flights and no sales nothing at all', async () => {
    const nobody = await readFleetReport(central(), { userId: 'not-a-kiosk-user', role: 'crew' }, RANGE);
    expect(nobody.flights.flights).toBe(0);
    expect(nobody.totals.every((t) => t.sales === 0 && t.revenueCents === 0 && t.flights === 0)).toBe(true);
  });

  it('leaves no view behind on the pooled connection', async () => {
    const lone = openCentral(fleet.appUrl, { maxConnections: 1 });
    try {
      await readFleetReport({ db: lone, url: fleet.appUrl }, asAdmin(zurich, 'ada'), RANGE);
      const left = await asUser(lone, asAdmin(zurich, 'ada'), (trx) =>
        sql<{ n: number }>`SELECT count(*) AS n FROM pg_catalog.pg_class
          WHERE relnamespace = pg_catalog.pg_my_temp_schema()`.execute(trx),
      );
      expect(left.rows[0]?.n).toBe(0);
      // The connection's next transaction reads the real tables: every station's sales.
      const sales = await asUser(lone, asAdmin(zurich, 'ada'), (trx) =>
        trx.selectFrom('sales').select('station_id').distinct().execute(),
      );
      expect(sales.map((s) => s.station_id).sort()).toEqual(['kbjc', 'lszh']);
    } finally {
      await lone.destroy();
    }
  });
});

describe('when it cannot be read', () => {
  it('says what to grant when the role may not make temporary views', async () => {
    const owner = openCentral(fleet.ownerUrl, { maxConnections: 1 });
    // A fresh pool: a connection that already made its temporary schema keeps using it.
    const db = openCentral(fleet.appUrl, { maxConnections: 1 });
    try {
      await sql`REVOKE TEMPORARY ON DATABASE fleet FROM PUBLIC`.execute(owner);
      const error = await readFleetReport({ db, url: fleet.appUrl }, asAdmin(zurich, 'ada'), RANGE).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ problem: 'NOT_ALLOWED' });
      expect((error as Error).message).toContain(
        'does not let this role make the temporary views the fleet report reads through (database fleet on',
      );
      expect((error as Error).message).toContain('GRANT TEMPORARY ON DATABASE');
    } finally {
      await sql`GRANT TEMPORARY ON DATABASE fleet TO PUBLIC`.execute(owner);
      await db.destroy();
      await owner.destroy();
    }
  });

  it('says in plain words that the server cannot be reached, without the password', async () => {
    const gone = new URL(fleet.appUrl);
    gone.port = '1'; // nothing listens on port 1
    const db = openCentral(gone.toString(), { connectTimeoutMs: 2_000 });
    try {
      const error = await readFleetReport({ db, url: gone.toString() }, asAdmin(zurich, 'ada'), RANGE).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CentralDatabaseError);
      expect((error as CentralDatabaseError).problem).toBe('UNREACHABLE');
      expect((error as Error).message).toMatch(
        /^Cannot reach the central database \(database fleet on 127\.0\.0\.1:1/,
      );
      expect((error as Error).message).not.toContain(gone.password);
    } finally {
      await db.destroy();
    }
  });
});
