// The fleet report as one CSV table for a spreadsheet (npm run fleet:report): a row per airfield in its
// currency, a row per other currency an airfield recorded sales in, and a total row per currency that adds up
// the rows above in that currency. Same cells as the kiosk's CSV files (reports/csv.ts): RFC 4180, amounts in
// currency units, text that a spreadsheet would run as a formula defused.
import type { FleetReportView } from '../../../shared/reports';
import { currencyUnits, toCsv, type CsvValue } from '../../reports/csv';

export const FLEET_CSV_HEADER = [
  'Airfield',
  'Station',
  'Currency',
  'Flights',
  'Flights sold',
  'Conversion %',
  'Sales',
  'Revenue',
  'Voided',
  'Refunded',
] as const;

export const ALL_AIRFIELDS = 'All airfields';

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export function fleetReportCsv(view: FleetReportView): string {
  const rows: CsvValue[][] = [];
  for (const airfield of view.airfields) {
    const { kpis } = airfield;
    rows.push([
      airfield.name,
      airfield.stationId,
      airfield.currency,
      kpis.flights,
      kpis.flightsSold,
      percent(kpis.conversion),
      kpis.sales,
      currencyUnits(kpis.revenueCents),
      kpis.voided.count,
      kpis.refunded.count,
    ]);
    // Sales in a currency the kiosk no longer uses: money of their own, flights already counted above.
    for (const other of airfield.otherCurrencies) {
      rows.push([
        airfield.name,
        airfield.stationId,
        other.currency,
        null,
        null,
        null,
        other.sales,
        currencyUnits(other.revenueCents),
        null,
        null,
      ]);
    }
  }
  for (const total of view.totals) {
    rows.push([
      ALL_AIRFIELDS,
      null,
      total.currency,
      total.flights,
      total.flightsSold,
      percent(total.conversion),
      total.sales,
      currencyUnits(total.revenueCents),
      total.voided.count,
      total.refunded.count,
    ]);
  }
  return toCsv(FLEET_CSV_HEADER, rows);
}
