// CSV files of the report for a spreadsheet: RFC 4180 (CRLF lines, fields with a comma, quote or line break
// quoted, quotes doubled), amounts in currency units ("45.00"), and passenger-typed text that a spreadsheet
// would run as a formula (=, +, -, @, tab, CR at the start) defused with a leading apostrophe.
import type { ReportCsvFile, ReportCsvKind, ReportRangeInput } from '../../shared/reports';
import { buildSalesReport, type PeriodData } from './service';
import type { saleLinesQuery } from './queries';

export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  // Numbers are ours (counts, amounts): never a formula, and "-" would only ever be a sign.
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** 4500 → "45.00": the report's amounts are integer cents. */
export function currencyUnits(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

const STATUS_WORDS = { completed: 'Completed', voided: 'Voided', refunded: 'Refunded' } as const;
const PAYMENT_WORDS = { cash: 'Cash', card: 'Card', other: 'Other' } as const;

export type SaleLine = Awaited<ReturnType<ReturnType<typeof saleLinesQuery>['execute']>>[number];

export interface CsvSources {
  period: PeriodData;
  /** The period's sales in full (only read for the 'sales' file). */
  saleLines: () => Promise<SaleLine[]>;
  /** Local 'YYYY-MM-DD HH:MM' of a UTC timestamp. */
  localMinute: (iso: string) => string;
}

/** Whether an admin charged another amount than the list price less the rule's discount. */
function manuallyChanged(s: Pick<SaleLine, 'amount_cents' | 'list_price_cents' | 'discount_cents'>): boolean {
  return s.list_price_cents !== null && s.amount_cents !== s.list_price_cents - s.discount_cents;
}

/** The completed sales' list prices per local day, in the report's currency, as the report counts revenue. */
function listPriceByDay(period: PeriodData): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const sale of period.sales) {
    if (sale.status !== 'completed' || sale.currency !== period.currency) continue;
    const day = period.local(sale.sale_date).day;
    byDay.set(day, (byDay.get(day) ?? 0) + (sale.list_price_cents ?? sale.amount_cents));
  }
  return byDay;
}

export async function reportCsv(
  kind: ReportCsvKind,
  range: ReportRangeInput,
  { period, saleLines, localMinute }: CsvSources,
): Promise<ReportCsvFile> {
  const fileName = `magnumstream-${kind.replace('_', '-')}-${range.from}-to-${range.to}.csv`;
  const nameOf = (id: string | null) => (id === null ? null : (period.people.get(id) ?? null));
  const currency = period.currency;
  switch (kind) {
    case 'sales': {
      const lines = await saleLines();
      return {
        fileName,
        csv: toCsv(
          ['Sold at', 'Receipt', 'Passengers', 'Flight at', 'Bundle', 'Amount', 'List price', 'Price rule',
            'Rule discount', 'Currency', 'Payment', 'Sold by', 'Pilot', 'Status', 'Reason'], // prettier-ignore
          lines.map((s) => [
            localMinute(s.sale_date),
            s.id.slice(0, 8),
            s.passenger_names,
            localMinute(s.flight_at),
            period.bundles.get(s.bundle)?.label ?? s.bundle,
            currencyUnits(s.amount_cents),
            s.list_price_cents === null ? null : currencyUnits(s.list_price_cents),
            s.price_rule_name,
            currencyUnits(s.discount_cents),
            s.currency,
            PAYMENT_WORDS[s.payment_method],
            nameOf(s.staff_member),
            nameOf(s.pilot_id),
            STATUS_WORDS[s.status],
            // A rule's sale carries the rule's text as its price change reason too (migration 11): the
            // Reason column is for voids and admins' changes, the rule has its own column.
            s.void_reason ?? (manuallyChanged(s) ? s.price_change_reason : null),
          ]),
        ),
      };
    }
    case 'daily': {
      const report = buildSalesReport(range, period);
      const listOf = listPriceByDay(period);
      return {
        fileName,
        csv: toCsv(
          ['Day', 'Flights', 'Flights sold', 'Conversion %', 'Sales', `List price (${currency})`,
            `Discounts (${currency})`, `Revenue (${currency})`], // prettier-ignore
          report.byDay.map((d) => {
            const list = listOf.get(d.day) ?? 0;
            return [
              d.day,
              d.flights,
              d.flightsSold,
              d.flights === 0 ? null : Math.round((d.flightsSold / d.flights) * 1000) / 10,
              d.sales,
              currencyUnits(list),
              currencyUnits(list - d.revenueCents),
              currencyUnits(d.revenueCents),
            ];
          }),
        ),
      };
    }
    case 'non_purchasers': {
      // The file leaves the kiosk, so contact details go in it only for passengers who agreed to be contacted.
      const people = period.flights.flatMap((f) => (f.nonPurchaser ? [f.nonPurchaser] : []));
      return {
        fileName,
        csv: toCsv(
          ['Flight at', 'Passengers', 'Contact consent', 'Email', 'Phone', 'Pilot', 'Crew', 'Video',
            'Photos', 'Air-tour photos', 'Best offer', `Offer price (${currency})`], // prettier-ignore
          people.map((n) => [
            localMinute(n.flightAt),
            n.passengerNames,
            n.contactConsent ? 'Yes' : 'No',
            n.contactConsent ? n.customerEmail : null,
            n.contactConsent ? n.customerPhone : null,
            n.pilotName,
            n.staffMemberName,
            n.hasVideo ? 'Yes' : 'No',
            n.stillCount,
            n.airtourPhotoCount,
            n.bestOffer?.label ?? null,
            n.bestOffer ? currencyUnits(n.bestOffer.priceCents) : null,
          ]),
        ),
      };
    }
  }
}
