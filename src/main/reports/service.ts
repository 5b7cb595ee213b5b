// The sales report: reads the period once (a few queries, see queries.ts) and sums it by day, week, bundle,
// person, hour and weekday. Flights belong to the local day they flew and count as sold when they have a
// completed sale, whenever it was made (conversion follows the flights); revenue belongs to the local day of
// the sale and is completed sales only, so a void or refund moves the figures at once.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import {
  MEDIA_MIXES,
  NON_PURCHASER_LIMIT,
  type AvailabilityRow,
  type BundleFigures,
  type DayFigures,
  type HourFigures,
  type MediaMix,
  type NonPurchaser,
  type PeriodFigures,
  type PersonFigures,
  type PilotFigures,
  type PriceRuleFigures,
  type ReportRangeInput,
  type SalesReportView,
  type WeekdayFigures,
  type WeekFigures,
} from '../../shared/reports';
import { getCurrency } from '../sales/service';
import { bestOffer, boughtMix, mediaByFlight, mediaMix, mediaOf, type OfferableBundle } from './media';
import { daysBetween, isoWeekOf, localClock, rangeBounds, type LocalParts, type OffsetAt } from './period';
import {
  bundlesQuery,
  finishedExportsQuery,
  flightsInPeriodQuery,
  mediaFilesQuery,
  peopleQuery,
  pilotsOfFlightsQuery,
  salesInPeriodQuery,
  salesOfPeriodFlightsQuery,
  type PeriodBounds,
} from './queries';

const WEEKDAY_LABELS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NOBODY = 'Nobody recorded';

export interface ReportClock {
  /** The kiosk's offset from UTC in minutes at a moment (data.utcOffsetMinutes). */
  offsetAt: OffsetAt;
}

type FlightRow = Awaited<ReturnType<ReturnType<typeof flightsInPeriodQuery>['execute']>>[number];
type SaleRow = Awaited<ReturnType<ReturnType<typeof salesInPeriodQuery>['execute']>>[number];

/** What the period's flights are, sold or not, and what each could still be sold. */
export interface PeriodFlight {
  row: FlightRow;
  local: LocalParts;
  sold: boolean;
  bought: MediaMix;
  available: MediaMix;
  nonPurchaser: NonPurchaser | null;
}

export interface PeriodData {
  bounds: PeriodBounds;
  currency: string;
  bundles: Map<string, OfferableBundle>;
  people: Map<string, string>;
  flights: PeriodFlight[];
  sales: SaleRow[];
  /** The pilot of each sale's flight. */
  pilotOf: Map<string, string | null>;
  /** Local day, hour and weekday of a UTC timestamp. */
  local: (iso: string) => LocalParts;
}

/** SQLite takes some thousands of values in one IN list; chunks stay well under any build's limit. */
const ID_CHUNK = 500;

/** Everything the report and its CSV files are made from. */
export async function readPeriod(
  db: Kysely<Database>,
  range: ReportRangeInput,
  clock: ReportClock,
): Promise<PeriodData> {
  const bounds = rangeBounds(range.from, range.to, clock.offsetAt);
  const local = localClock(clock.offsetAt);
  const currency = await getCurrency(db);
  const bundleRows = await bundlesQuery(db).execute();
  const people = new Map((await peopleQuery(db).execute()).map((p) => [p.id, p.name]));
  const flightRows = await flightsInPeriodQuery(db, bounds).execute();
  const saleRows = await salesInPeriodQuery(db, bounds).execute();
  const cohortSales = await salesOfPeriodFlightsQuery(db, bounds).execute();
  const media = mediaByFlight(
    await finishedExportsQuery(db, bounds).execute(),
    await mediaFilesQuery(db, bounds).execute(),
  );

  const bundles = new Map(bundleRows.map((b) => [b.code, b]));
  const offerable = [...bundles.values()];
  const boughtBundles = new Map<string, OfferableBundle[]>();
  for (const sale of cohortSales) {
    const bundle = bundles.get(sale.bundle);
    const list = boughtBundles.get(sale.recording_id) ?? [];
    if (bundle) list.push(bundle);
    boughtBundles.set(sale.recording_id, list);
  }
  const nameOf = (id: string | null) => (id === null ? null : (people.get(id) ?? null));

  const flights = flightRows.map((row): PeriodFlight => {
    const bought = boughtBundles.get(row.id);
    const flightMedia = mediaOf(media, row.id);
    return {
      row,
      local: local(row.flight_at),
      sold: bought !== undefined,
      bought: boughtMix(bought ?? []),
      available: mediaMix(flightMedia),
      nonPurchaser: bought
        ? null
        : {
            recordingId: row.id,
            passengerNames: row.passenger_names,
            flightAt: row.flight_at,
            customerEmail: row.customer_email,
            customerPhone: row.customer_phone,
            contactConsent: row.contact_consent === 1,
            pilotName: nameOf(row.pilot_id),
            staffMemberName: nameOf(row.staff_member),
            ...flightMedia,
            bestOffer: bestOffer(offerable, flightMedia),
          },
    };
  });
  // Newest flight first: the ones still at the airfield, or just gone, are the easiest to win back.
  flights.sort((a, b) => compareText(b.row.flight_at, a.row.flight_at) || compareText(a.row.id, b.row.id));

  const pilotOf = new Map(flightRows.map((f) => [f.id, f.pilot_id]));
  const flownBefore = [...new Set(saleRows.map((s) => s.recording_id).filter((id) => !pilotOf.has(id)))];
  for (let i = 0; i < flownBefore.length; i += ID_CHUNK) {
    const chunk = await pilotsOfFlightsQuery(db, flownBefore.slice(i, i + ID_CHUNK)).execute();
    for (const { id, pilot_id } of chunk) pilotOf.set(id, pilot_id);
  }
  return { bounds, currency, bundles, people, flights, sales: saleRows, pilotOf, local };
}

// Timestamps and ids are ASCII: plain comparison, not the slower locale-aware one.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const zero = (): PeriodFigures => ({ flights: 0, flightsSold: 0, sales: 0, revenueCents: 0 });

function addFlight(figures: PeriodFigures, sold: boolean): void {
  figures.flights += 1;
  if (sold) figures.flightsSold += 1;
}

function addSale(figures: { sales: number; revenueCents: number }, cents: number): void {
  figures.sales += 1;
  figures.revenueCents += cents;
}

function byRevenue<T extends { revenueCents: number; sales: number; name?: string }>(
  a: T,
  b: T,
  tie = (a.name ?? '').localeCompare(b.name ?? ''),
): number {
  return b.revenueCents - a.revenueCents || b.sales - a.sales || tie;
}

export function buildSalesReport(range: ReportRangeInput, period: PeriodData): SalesReportView {
  const days = daysBetween(range.from, range.to);
  const byDay = new Map(days.map((day): [string, DayFigures] => [day, { day, ...zero() }]));
  const byHour = Array.from({ length: 24 }, (_, hour): HourFigures => ({ hour, ...zero() }));
  const byWeekday = WEEKDAY_LABELS.map((label, i): WeekdayFigures => ({ weekday: i + 1, label, ...zero() }));
  const byBundle = new Map<string, BundleFigures>();
  for (const bundle of period.bundles.values())
    if (bundle.active === 1)
      byBundle.set(bundle.code, {
        code: bundle.code,
        label: bundle.label,
        sales: 0,
        revenueCents: 0,
        share: 0,
      });
  const catalogueOrder = (b: BundleFigures) => period.bundles.get(b.code)?.sort_order ?? Infinity;
  const byStaff = new Map<string | null, PersonFigures>();
  const byPilot = new Map<string | null, PilotFigures>();
  const personName = (id: string | null) => (id === null ? NOBODY : (period.people.get(id) ?? NOBODY));
  const pilot = (id: string | null) => {
    const current = byPilot.get(id) ?? {
      id,
      name: personName(id),
      flights: 0,
      flightsSold: 0,
      ...zeroSales(),
    };
    byPilot.set(id, current);
    return current;
  };
  const availability = new Map(
    MEDIA_MIXES.map((mix): [MediaMix, AvailabilityRow] => [
      mix,
      { available: mix, flights: 0, bought: { both: 0, video: 0, photos: 0, nothing: 0 } },
    ]),
  );

  const kpis = {
    flights: 0,
    flightsSold: 0,
    sales: 0,
    revenueCents: 0,
    voided: { count: 0, cents: 0 },
    refunded: { count: 0, cents: 0 },
    listPriceCents: 0,
    ruleDiscountCents: 0,
    manualDiscountCents: 0,
  };
  const byPriceRule = new Map<string, PriceRuleFigures>();
  for (const flight of period.flights) {
    addFlight(kpis, flight.sold);
    const day = byDay.get(flight.local.day);
    if (day) addFlight(day, flight.sold);
    addFlight(byHour[flight.local.hour] ?? zero(), flight.sold);
    addFlight(byWeekday[flight.local.weekday - 1] ?? zero(), flight.sold);
    addFlight(pilot(flight.row.pilot_id), flight.sold);
    const row = availability.get(flight.available);
    if (row) {
      row.flights += 1;
      row.bought[flight.bought] += 1;
    }
  }

  const otherCurrencies = new Map<string, { currency: string; sales: number; revenueCents: number }>();
  for (const sale of period.sales) {
    if (sale.currency !== period.currency) {
      if (sale.status === 'completed') {
        const other = otherCurrencies.get(sale.currency) ?? { currency: sale.currency, ...zeroSales() };
        addSale(other, sale.amount_cents);
        otherCurrencies.set(sale.currency, other);
      }
      continue;
    }
    if (sale.status !== 'completed') {
      const cancelled = sale.status === 'voided' ? kpis.voided : kpis.refunded;
      cancelled.count += 1;
      cancelled.cents += sale.amount_cents;
      continue;
    }
    const cents = sale.amount_cents;
    const local = period.local(sale.sale_date);
    addSale(kpis, cents);
    // Sales from before list prices were kept count at what was charged.
    const list = sale.list_price_cents ?? cents;
    kpis.listPriceCents += list;
    kpis.ruleDiscountCents += sale.discount_cents;
    kpis.manualDiscountCents += list - sale.discount_cents - cents;
    if (sale.price_rule_name !== null) {
      const rule = byPriceRule.get(sale.price_rule_name) ?? {
        name: sale.price_rule_name,
        sales: 0,
        discountCents: 0,
      };
      rule.sales += 1;
      rule.discountCents += sale.discount_cents;
      byPriceRule.set(rule.name, rule);
    }
    const day = byDay.get(local.day);
    if (day) addSale(day, cents);
    addSale(byHour[local.hour] ?? zero(), cents);
    addSale(byWeekday[local.weekday - 1] ?? zero(), cents);
    const bundle = byBundle.get(sale.bundle) ?? {
      code: sale.bundle,
      label: period.bundles.get(sale.bundle)?.label ?? sale.bundle,
      sales: 0,
      revenueCents: 0,
      share: 0,
    };
    addSale(bundle, cents);
    byBundle.set(sale.bundle, bundle);
    const staff = byStaff.get(sale.staff_member) ?? {
      id: sale.staff_member,
      name: personName(sale.staff_member),
      ...zeroSales(),
    };
    addSale(staff, cents);
    byStaff.set(sale.staff_member, staff);
    addSale(pilot(period.pilotOf.get(sale.recording_id) ?? null), cents);
  }

  const nonPurchasers = period.flights.flatMap((f) => (f.nonPurchaser ? [f.nonPurchaser] : []));
  const offers = nonPurchasers.filter((n) => n.bestOffer !== null);
  return {
    from: range.from,
    to: range.to,
    days: days.length,
    currency: period.currency,
    kpis: {
      ...kpis,
      conversion: kpis.flights === 0 ? null : kpis.flightsSold / kpis.flights,
      averageOrderCents: kpis.sales === 0 ? null : Math.round(kpis.revenueCents / kpis.sales),
    },
    byDay: [...byDay.values()],
    byWeek: weeksOf([...byDay.values()]),
    byBundle: [...byBundle.values()]
      .map((b) => ({ ...b, share: kpis.revenueCents === 0 ? 0 : b.revenueCents / kpis.revenueCents }))
      // Equal figures (bundles nobody bought) keep the catalogue's order.
      .sort((a, b) => byRevenue(a, b, catalogueOrder(a) - catalogueOrder(b))),
    byPriceRule: [...byPriceRule.values()].sort(
      (a, b) => b.discountCents - a.discountCents || a.name.localeCompare(b.name),
    ),
    byStaff: [...byStaff.values()].sort(byRevenue),
    byPilot: [...byPilot.values()].sort((a, b) => byRevenue(a, b) || b.flights - a.flights),
    byHour,
    byWeekday,
    availability: [...availability.values()],
    nonPurchasers: {
      total: nonPurchasers.length,
      withOffer: offers.length,
      offerValueCents: offers.reduce((sum, n) => sum + (n.bestOffer?.priceCents ?? 0), 0),
      items: nonPurchasers.slice(0, NON_PURCHASER_LIMIT),
    },
    otherCurrencies: [...otherCurrencies.values()],
  };
}

function zeroSales() {
  return { sales: 0, revenueCents: 0 };
}

/** Days summed into ISO weeks from Monday, in order; a week cut by the range's ends counts its days inside. */
function weeksOf(days: readonly DayFigures[]): WeekFigures[] {
  const weeks = new Map<string, WeekFigures>();
  for (const day of days) {
    const { week, monday } = isoWeekOf(day.day);
    const figures = weeks.get(week) ?? { week, monday, days: 0, ...zero() };
    figures.days += 1;
    figures.flights += day.flights;
    figures.flightsSold += day.flightsSold;
    figures.sales += day.sales;
    figures.revenueCents += day.revenueCents;
    weeks.set(week, figures);
  }
  return [...weeks.values()];
}

export async function salesReport(
  db: Kysely<Database>,
  range: ReportRangeInput,
  clock: ReportClock,
): Promise<SalesReportView> {
  return buildSalesReport(range, await readPeriod(db, range, clock));
}
