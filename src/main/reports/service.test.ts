// The report's figures against totals worked out by hand from the table in test-support.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { flightDeliverables } from '../sales/files';
import { finishedExportsQuery, mediaFilesQuery } from './queries';
import { mediaByFlight } from './media';
import { salesReport, type ReportClock } from './service';
import { seedReportData, UTC_PLUS_2, type ReportData } from './test-support';

let t: TempDatabase;
let d: ReportData;
beforeEach(async () => {
  t = await openTempDatabase();
  d = seedReportData(t.sqlite);
});
afterEach(() => t.dispose());

const atUtcPlus2: ReportClock = { offsetAt: UTC_PLUS_2 };
const threeDays = { from: '2026-11-30', to: '2026-12-02' };
const report = (range = threeDays, clock = atUtcPlus2) => salesReport(t.db, range, clock);

describe('the KPI tiles', () => {
  it('count flights, sold flights, completed sales and revenue of the range', async () => {
    const { kpis } = await report();
    // Flights flown 30 Nov–2 Dec local: F1 F2 F3 F4 F5 F6 = 6 (F7 flew at 00:00 on 3 Dec).
    // Sold (a completed sale, whenever): F1 F2 F3 = 3; F4's only sale was refunded. 3 / 6 = 0.5.
    // Completed sales made in the range: S1 4500 + S2 2500 + S3 5500 + S6 3500 = 16000 in 4 sales,
    // 16000 / 4 = 4000 a sale (S7 is 3 Dec local, S8 29 Nov).
    expect(kpis).toEqual({
      flights: 6,
      flightsSold: 3,
      conversion: 0.5,
      sales: 4,
      revenueCents: 16000,
      averageOrderCents: 4000,
      voided: { count: 1, cents: 3500 }, // S4
      refunded: { count: 1, cents: 4500 }, // S5
      listPriceCents: 16000, // every seeded sale was charged its list price
      ruleDiscountCents: 0,
      manualDiscountCents: 0,
    });
  });

  it('take a void or a refund out of revenue at once and count it with its kind', async () => {
    t.sqlite
      .prepare(`UPDATE sales SET status = 'voided', void_reason = 'wrong bundle' WHERE id = ?`)
      .run(d.S1);
    t.sqlite.prepare(`UPDATE sales SET status = 'refunded', void_reason = 'no video' WHERE id = ?`).run(d.S2);
    const { kpis } = await report();
    // Revenue 16000 - S1 4500 - S2 2500 = 9000 from S3 and S6; voided S4 3500 + S1 4500 = 8000 in 2;
    // refunded S5 4500 + S2 2500 = 7000 in 2. F1 stays sold (S6, S8); F2 is unsold now: 2 of 6.
    expect(kpis).toMatchObject({
      sales: 2,
      revenueCents: 9000,
      averageOrderCents: 4500,
      voided: { count: 2, cents: 8000 },
      refunded: { count: 2, cents: 7000 },
      flightsSold: 2,
    });
    expect(kpis.conversion).toBeCloseTo(2 / 6);
  });

  it('have no conversion without flights and no average without sales', async () => {
    // 29 Nov local has S8 (23:59) and no flight: F6 at 22:30 UTC is already 30 Nov at UTC+2.
    const sunday = await report({ from: '2026-11-29', to: '2026-11-29' });
    expect(sunday.kpis).toMatchObject({ flights: 0, conversion: null, sales: 1, averageOrderCents: 2500 });
  });

  it('show an empty range as zeros, every day, hour and bundle still listed', async () => {
    const empty = await report({ from: '2025-01-06', to: '2025-01-12' });
    expect(empty.kpis).toEqual({
      flights: 0,
      flightsSold: 0,
      conversion: null,
      sales: 0,
      revenueCents: 0,
      averageOrderCents: null,
      voided: { count: 0, cents: 0 },
      refunded: { count: 0, cents: 0 },
      listPriceCents: 0,
      ruleDiscountCents: 0,
      manualDiscountCents: 0,
    });
    expect(empty.byPriceRule).toEqual([]);
    expect(empty.days).toBe(7);
    expect(empty.byDay.map((day) => day.day)).toEqual([
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-01-09',
      '2025-01-10',
      '2025-01-11',
      '2025-01-12',
    ]);
    expect(empty.byDay.every((day) => day.flights === 0 && day.revenueCents === 0)).toBe(true);
    expect(empty.byHour).toHaveLength(24);
    expect(empty.byWeek).toEqual([
      {
        week: '2025-W02',
        monday: '2025-01-06',
        days: 7,
        flights: 0,
        flightsSold: 0,
        sales: 0,
        revenueCents: 0,
      },
    ]);
    expect(empty.byBundle.map((b) => [b.code, b.sales, b.share])).toEqual([
      ['video_photos', 0, 0],
      ['video_only', 0, 0],
      ['video_airtour_photos', 0, 0],
      ['photos_only', 0, 0],
    ]);
    expect(empty.nonPurchasers).toEqual({ total: 0, withOffer: 0, offerValueCents: 0, items: [] });
  });
});

describe('over time', () => {
  it('lists every day of the range with its flights, sold flights, sales and revenue', async () => {
    const { byDay } = await report();
    expect(byDay).toEqual([
      // F1 F2 F6 flew; F1 F2 sold; S1 4500.
      { day: '2026-11-30', flights: 3, flightsSold: 2, sales: 1, revenueCents: 4500 },
      // F3 F4 flew; F3 sold; S2 2500 (00:30 local) + S3 5500 = 8000.
      { day: '2026-12-01', flights: 2, flightsSold: 1, sales: 2, revenueCents: 8000 },
      // F5 flew, unsold; S6 3500 at 23:30.
      { day: '2026-12-02', flights: 1, flightsSold: 0, sales: 1, revenueCents: 3500 },
    ]);
  });

  it("moves a late-evening sale to the kiosk's next local day", async () => {
    // S2 at 22:30 UTC on 30 Nov: 30 Nov on a UTC kiosk, 00:30 on 1 Dec at UTC+2.
    const utc = await report(threeDays, { offsetAt: () => 0 });
    const plus2 = await report();
    const dayOf = (r: typeof utc, day: string) => r.byDay.find((d) => d.day === day);
    // UTC: 30 Nov has S1 4500 + S2 2500 = 7000; 1 Dec has S3 5500.
    expect(dayOf(utc, '2026-11-30')).toMatchObject({ sales: 2, revenueCents: 7000 });
    expect(dayOf(utc, '2026-12-01')).toMatchObject({ sales: 1, revenueCents: 5500 });
    expect(dayOf(plus2, '2026-11-30')).toMatchObject({ sales: 1, revenueCents: 4500 });
    expect(dayOf(plus2, '2026-12-01')).toMatchObject({ sales: 2, revenueCents: 8000 });
    expect(plus2.byHour[0]).toMatchObject({ sales: 1, revenueCents: 2500 });
  });

  it('puts each local moment in the offset valid then, across a daylight-saving change', async () => {
    // A kiosk that moves from UTC+2 to UTC+1 at 01:00 UTC on 1 Dec: S3 (08:00 UTC) is 09:00 local, not 10:00.
    const change = Date.parse('2026-12-01T01:00:00.000Z');
    const { byHour } = await report(threeDays, { offsetAt: (at) => (at.getTime() < change ? 120 : 60) });
    expect(byHour[9]).toMatchObject({ sales: 1, revenueCents: 5500 });
    expect(byHour[10]?.sales).toBe(0);
  });

  it('sums ISO weeks from Monday, counting the days of each week inside the range', async () => {
    const { byWeek } = await report({ from: '2026-11-29', to: '2026-12-02' });
    expect(byWeek).toEqual([
      // Sun 29 Nov is the last day of week 48: S8 2500, no flights.
      { week: '2026-W48', monday: '2026-11-23', days: 1, flights: 0, flightsSold: 0, sales: 1, revenueCents: 2500 },
      // Mon 30 Nov – Wed 2 Dec: all of the three-day totals (6 flights, 3 sold, 4 sales, 16000).
      { week: '2026-W49', monday: '2026-11-30', days: 3, flights: 6, flightsSold: 3, sales: 4, revenueCents: 16000 },
    ]); // prettier-ignore
  });

  it('sums sales by the local hour they were made and flights by the hour they flew', async () => {
    const { byHour } = await report();
    const busy = byHour.filter((h) => h.flights > 0 || h.sales > 0);
    expect(busy).toEqual([
      { hour: 0, flights: 1, flightsSold: 0, sales: 1, revenueCents: 2500 }, // F6 00:30; S2 00:30
      { hour: 8, flights: 1, flightsSold: 0, sales: 0, revenueCents: 0 }, // F5
      { hour: 9, flights: 1, flightsSold: 1, sales: 0, revenueCents: 0 }, // F3
      { hour: 10, flights: 1, flightsSold: 1, sales: 1, revenueCents: 5500 }, // F1; S3
      { hour: 11, flights: 0, flightsSold: 0, sales: 1, revenueCents: 4500 }, // S1
      { hour: 14, flights: 1, flightsSold: 1, sales: 0, revenueCents: 0 }, // F2 14:30
      { hour: 15, flights: 1, flightsSold: 0, sales: 0, revenueCents: 0 }, // F4 (S5 at 16:00 was refunded)
      { hour: 23, flights: 0, flightsSold: 0, sales: 1, revenueCents: 3500 }, // S6
    ]);
  });

  it('sums by weekday, Monday first', async () => {
    const { byWeekday } = await report();
    expect(byWeekday.map((w) => [w.label, w.flights, w.flightsSold, w.sales, w.revenueCents])).toEqual([
      ['Monday', 3, 2, 1, 4500],
      ['Tuesday', 2, 1, 2, 8000],
      ['Wednesday', 1, 0, 1, 3500],
      ['Thursday', 0, 0, 0, 0],
      ['Friday', 0, 0, 0, 0],
      ['Saturday', 0, 0, 0, 0],
      ['Sunday', 0, 0, 0, 0],
    ]);
  });
});

describe('by bundle and person', () => {
  it('ranks bundles by revenue with their share, including those nobody bought', async () => {
    const { byBundle } = await report();
    // Shares of 16000: 5500 = 0.34375, 4500 = 0.28125, 3500 = 0.21875, 2500 = 0.15625.
    expect(byBundle).toEqual([
      { code: 'video_airtour_photos', label: 'Video + Air-tour Photos', sales: 1, revenueCents: 5500, share: 0.34375 },
      { code: 'video_photos', label: 'Video + Photos', sales: 1, revenueCents: 4500, share: 0.28125 },
      { code: 'photos_only', label: 'Photos Only', sales: 1, revenueCents: 3500, share: 0.21875 },
      { code: 'video_only', label: 'Video Only', sales: 1, revenueCents: 2500, share: 0.15625 },
    ]); // prettier-ignore
  });

  it('credits each sale to the crew member who made it', async () => {
    const { byStaff } = await report();
    // Tom: S2 2500 + S3 5500 + S6 3500 = 11500 in 3; Maya: S1 4500 (her S5 was refunded).
    expect(byStaff).toEqual([
      { id: d.tom, name: 'Tom Reyes', sales: 3, revenueCents: 11500 },
      { id: d.maya, name: 'Maya Lindqvist', sales: 1, revenueCents: 4500 },
    ]);
  });

  it("credits pilots with their flights and their flights' sales", async () => {
    const { byPilot } = await report();
    // Erik flew F1 F3 F5 (F1 F3 sold); sales S1 4500 + S3 5500 + S6 3500 = 13500.
    // Jo flew F2 F4 F6 (F2 sold); sale S2 2500.
    expect(byPilot).toEqual([
      { id: d.erik, name: 'Capt. Erik Halvorsen', flights: 3, flightsSold: 2, sales: 3, revenueCents: 13500 },
      { id: d.jo, name: 'Capt. Jo Whitaker', flights: 3, flightsSold: 1, sales: 1, revenueCents: 2500 },
    ]);
  });

  it('credits a sale to the pilot of a flight flown before the range', async () => {
    // 2 Dec alone: S6 3500 for F1, which Erik flew on 30 Nov; F5 is Erik's flight of the day.
    const { byPilot } = await report({ from: '2026-12-02', to: '2026-12-02' });
    expect(byPilot).toEqual([
      { id: d.erik, name: 'Capt. Erik Halvorsen', flights: 1, flightsSold: 0, sales: 1, revenueCents: 3500 },
    ]);
  });
});

describe('what was available and what was bought', () => {
  it('crosses the media each flight has with what its sales included', async () => {
    const { availability } = await report();
    // Both (video + photos): F3 (bought VAP: both), F4 and F6 (nothing).
    // Video only: F1 (bought VP + PO + VO: both), F2 (bought VO: video). Nothing yet: F5 (nothing).
    expect(availability).toEqual([
      { available: 'both', flights: 3, bought: { both: 1, video: 0, photos: 0, nothing: 2 } },
      { available: 'video', flights: 2, bought: { both: 1, video: 1, photos: 0, nothing: 0 } },
      { available: 'photos', flights: 0, bought: { both: 0, video: 0, photos: 0, nothing: 0 } },
      { available: 'nothing', flights: 1, bought: { both: 0, video: 0, photos: 0, nothing: 1 } },
    ]);
  });

  it('finds the same media as checkout does, flight by flight', async () => {
    const bounds = { start: '2026-11-29T00:00:00.000Z', end: '2026-12-04T00:00:00.000Z' };
    const media = mediaByFlight(
      await finishedExportsQuery(t.db, bounds).execute(),
      await mediaFilesQuery(t.db, bounds).execute(),
    );
    for (const id of [d.F1, d.F2, d.F3, d.F4, d.F5, d.F6, d.F7]) {
      const files = await flightDeliverables(t.db, id);
      expect(media.get(id) ?? { hasVideo: false, stillCount: 0, airtourPhotoCount: 0 }).toEqual({
        hasVideo: files.video !== null,
        stillCount: files.stills.length,
        airtourPhotoCount: files.airtourPhotos.length,
      });
    }
  });
});

describe('non-purchasers', () => {
  it('lists the flights without a completed sale, newest first, with contact and the best offer', async () => {
    const { nonPurchasers } = await report();
    // F4 (refunded only), F5 and F6. Best offers: F4 has video + stills → Video + Photos 4500 (no air-tour
    // photos for 5500); F6 has video + air-tour photos → Video + Air-tour Photos 5500; F5 has nothing yet.
    // 4500 + 5500 = 10000 to win back from 2 flights.
    expect(nonPurchasers).toMatchObject({ total: 3, withOffer: 2, offerValueCents: 10000 });
    expect(nonPurchasers.items).toEqual([
      {
        recordingId: d.F5,
        passengerNames: '=HYPERLINK("http://evil.example","Noah")',
        flightAt: '2026-12-02T06:00:00.000Z',
        customerEmail: 'noah@example.com',
        customerPhone: null,
        contactConsent: false,
        pilotName: 'Capt. Erik Halvorsen',
        staffMemberName: 'Maya Lindqvist',
        hasVideo: false,
        stillCount: 0,
        airtourPhotoCount: 0,
        bestOffer: null,
      },
      expect.objectContaining({
        recordingId: d.F4,
        customerPhone: '+34 600 555 271',
        contactConsent: true,
        hasVideo: true,
        stillCount: 3,
        bestOffer: { code: 'video_photos', label: 'Video + Photos', priceCents: 4500 },
      }),
      expect.objectContaining({
        recordingId: d.F6,
        staffMemberName: null,
        airtourPhotoCount: 2,
        bestOffer: { code: 'video_airtour_photos', label: 'Video + Air-tour Photos', priceCents: 5500 },
      }),
    ]);
  });

  it('offers only bundles on sale', async () => {
    t.sqlite.prepare(`UPDATE bundles SET active = 0 WHERE code = 'video_airtour_photos'`).run();
    const { nonPurchasers } = await report();
    // F6 falls back to Video Only 2500: 4500 + 2500 = 7000.
    expect(nonPurchasers.items.find((n) => n.recordingId === d.F6)?.bestOffer?.code).toBe('video_only');
    expect(nonPurchasers.offerValueCents).toBe(7000);
  });
});

describe('currencies', () => {
  it('keeps sales in another currency out of the money figures and lists them apart', async () => {
    t.sqlite.prepare(`UPDATE sales SET currency = 'EUR' WHERE id = ?`).run(d.S3);
    const { kpis, otherCurrencies } = await report();
    // 16000 - S3 5500 = 10500 in 3 sales; F3 still counts as a sold flight.
    expect(kpis).toMatchObject({ sales: 3, revenueCents: 10500, flightsSold: 3 });
    expect(otherCurrencies).toEqual([{ currency: 'EUR', sales: 1, revenueCents: 5500 }]);
  });
});
