// The fleet report: every airfield's sales report, read from the central database, and the fleet's totals.
// Each airfield's figures come from the kiosk's own report code (readPeriod and buildSalesReport, unchanged)
// run over that airfield's rows (kiosk-views.ts) on its own local days, so they are by construction what that
// kiosk's Reports screen says. The totals add the airfields up per currency and never add two currencies.
// Everything is read in one transaction as the acting user: the central database's row policies decide what
// they see (an admin: every airfield's rows).
import type { DayFigures, FleetAirfield, FleetReportView, FleetTotals } from '../../../shared/reports';
import type { ReportRangeInput } from '../../../shared/reports';
import { AppFailure } from '../../errors';
import { daysBetween } from '../../reports/period';
import { buildSalesReport, readPeriod, type PeriodData } from '../../reports/service';
import {
  asUser,
  CentralDatabaseError,
  describeUrl,
  explainCentralError,
  type ActingUser,
  type CentralDb,
} from '../central/connect';
import type { Station } from '../central/schema';
import { createKioskViews } from './kiosk-views';
import { isKnownTimeZone, offsetInZone } from './time-zone';

/** Where the fleet report reads from: the central database and its URL (for errors, never shown with its password). */
export interface FleetCentral {
  db: CentralDb;
  url: string;
}

/** The central database set for this kiosk, or null when none is. */
export type CentralFor = () => Promise<FleetCentral | null>;

/** Reads every airfield's figures over the range's local days, as `actingUser`, and adds them up. */
export async function readFleetReport(
  central: FleetCentral,
  actingUser: ActingUser,
  range: ReportRangeInput,
): Promise<FleetReportView> {
  let airfields: FleetAirfield[];
  try {
    airfields = await asUser(central.db, actingUser, async (trx) => {
      const stations = await trx.selectFrom('stations').selectAll().execute();
      stations.sort((a, b) => a.name.localeCompare(b.name) || compareText(a.id, b.id));
      const unknownZone = stations.find((station) => !isKnownTimeZone(station.time_zone));
      if (unknownZone) throw unknownTimeZone(unknownZone);
      const views = await createKioskViews(trx);
      const read: FleetAirfield[] = [];
      for (const station of stations) {
        await views.show(station.id);
        const period = await readPeriod(views.db, range, { offsetAt: offsetInZone(station.time_zone) });
        read.push(airfieldFigures(station, range, period));
      }
      await views.drop();
      return read;
    });
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    if (refusedTemporaryViews(error)) {
      throw new CentralDatabaseError(
        'NOT_ALLOWED',
        `The central database does not let this role make the temporary views the fleet report reads through ` +
          `(${describeUrl(central.url)}). Ask the fleet operator to run GRANT TEMPORARY ON DATABASE <the ` +
          'database> TO <the role>.',
        { cause: error },
      );
    }
    throw explainCentralError(error, central.url);
  }
  return sumFleet(range, airfields);
}

/** PostgreSQL's "permission denied to create temporary tables in database …" (TEMPORARY revoked). */
function refusedTemporaryViews(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '42501' && typeof message === 'string' && /temporary/i.test(message);
}

function unknownTimeZone(station: Station): AppFailure {
  return new AppFailure(
    'UNAVAILABLE',
    `The airfield "${station.name}" reports its days in the time zone "${station.time_zone}", which this ` +
      'computer does not know. Update MagnumStream (or the computer) here, or check the time zone on that kiosk.',
  );
}

/** One airfield's part of the kiosk report, without the follow-up list (names and contacts stay per kiosk). */
function airfieldFigures(station: Station, range: ReportRangeInput, period: PeriodData): FleetAirfield {
  const report = buildSalesReport(range, period);
  const { total, withOffer, offerValueCents } = report.nonPurchasers;
  const otherDays = otherCurrencyDays(period);
  return {
    stationId: station.id,
    name: station.name,
    timeZone: station.time_zone,
    currency: report.currency,
    kpis: report.kpis,
    byDay: report.byDay,
    nonPurchasers: { total, withOffer, offerValueCents },
    otherCurrencies: report.otherCurrencies.map((other) => ({
      ...other,
      byDay: [...(otherDays.get(other.currency)?.values() ?? [])],
    })),
  };
}

interface DayMoney {
  day: string;
  sales: number;
  revenueCents: number;
}

/**
 * The completed sales an airfield recorded in another currency than its own, per currency and local day (in
 * the order of the days): the kiosk's report keeps them out of its days, the fleet's totals of that currency
 * put them in theirs.
 */
function otherCurrencyDays(period: PeriodData): Map<string, Map<string, DayMoney>> {
  const byCurrency = new Map<string, Map<string, DayMoney>>();
  const sales = period.sales.filter((s) => s.status === 'completed' && s.currency !== period.currency);
  sales.sort((a, b) => compareText(a.sale_date, b.sale_date));
  for (const sale of sales) {
    const days = byCurrency.get(sale.currency) ?? new Map<string, DayMoney>();
    const day = period.local(sale.sale_date).day;
    const money = days.get(day) ?? { day, sales: 0, revenueCents: 0 };
    money.sales += 1;
    money.revenueCents += sale.amount_cents;
    days.set(day, money);
    byCurrency.set(sale.currency, days);
  }
  return byCurrency;
}

// Station ids are ASCII: plain comparison, not the locale-aware one.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The fleet's totals: per currency, the airfields selling in it (flights, sales, money, voids, days) plus the
 * sales other airfields recorded in it; and every airfield's flights together.
 */
export function sumFleet(range: ReportRangeInput, airfields: readonly FleetAirfield[]): FleetReportView {
  const days = daysBetween(range.from, range.to);
  const totals = new Map<string, FleetTotals>();
  const totalsOf = (currency: string): FleetTotals => {
    const found = totals.get(currency);
    if (found) return found;
    const created: FleetTotals = {
      currency,
      airfields: 0,
      flights: 0,
      flightsSold: 0,
      sales: 0,
      revenueCents: 0,
      conversion: null,
      averageOrderCents: null,
      voided: { count: 0, cents: 0 },
      refunded: { count: 0, cents: 0 },
      byDay: days.map((day): DayFigures => ({ day, flights: 0, flightsSold: 0, sales: 0, revenueCents: 0 })),
    };
    totals.set(currency, created);
    return created;
  };
  const dayIndex = new Map(days.map((day, index) => [day, index]));
  const dayOf = (sum: FleetTotals, day: string) => sum.byDay[dayIndex.get(day) ?? -1];

  for (const airfield of airfields) {
    const sum = totalsOf(airfield.currency);
    const { kpis } = airfield;
    sum.airfields += 1;
    sum.flights += kpis.flights;
    sum.flightsSold += kpis.flightsSold;
    sum.sales += kpis.sales;
    sum.revenueCents += kpis.revenueCents;
    sum.voided.count += kpis.voided.count;
    sum.voided.cents += kpis.voided.cents;
    sum.refunded.count += kpis.refunded.count;
    sum.refunded.cents += kpis.refunded.cents;
    for (const figures of airfield.byDay) {
      const day = dayOf(sum, figures.day);
      if (!day) continue;
      day.flights += figures.flights;
      day.flightsSold += figures.flightsSold;
      day.sales += figures.sales;
      day.revenueCents += figures.revenueCents;
    }
  }
  for (const airfield of airfields) {
    for (const other of airfield.otherCurrencies) {
      const sum = totalsOf(other.currency);
      sum.sales += other.sales;
      sum.revenueCents += other.revenueCents;
      for (const money of other.byDay) {
        const day = dayOf(sum, money.day);
        if (!day) continue;
        day.sales += money.sales;
        day.revenueCents += money.revenueCents;
      }
    }
  }

  for (const sum of totals.values()) {
    sum.conversion = share(sum.flightsSold, sum.flights);
    sum.averageOrderCents = sum.sales === 0 ? null : Math.round(sum.revenueCents / sum.sales);
  }
  const flights = airfields.reduce((n, a) => n + a.kpis.flights, 0);
  const flightsSold = airfields.reduce((n, a) => n + a.kpis.flightsSold, 0);
  return {
    from: range.from,
    to: range.to,
    days: days.length,
    airfields: [...airfields],
    totals: [...totals.values()].sort(
      (a, b) =>
        b.airfields - a.airfields || b.revenueCents - a.revenueCents || compareText(a.currency, b.currency),
    ),
    flights: { flights, flightsSold, conversion: share(flightsSold, flights) },
  };
}
