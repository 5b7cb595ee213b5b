// All airfields of the fleet: the headline figures, a table with a row per airfield (each its kiosk's own
// figures, in its currency) and a total per currency, and the revenue by day added up across airfields. Money
// of two currencies is never added: each currency has its own total and its own chart.
import type { FleetAirfield, FleetReportView, FleetTotals, PeriodFigures } from '../../shared/reports';
import { dayLabel } from '../calendar';
import { formatMoney, plural } from '../format';
import { BarChart, type Bar } from './BarChart';

/** As the airfield report's chart: more days than this and the chart gives way to a note. */
const MAX_DAY_BARS = 31;

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

interface FleetReportProps {
  report: FleetReportView;
  today: string;
  /** Another range is on its way: the figures shown are the previous range's. */
  stale: boolean;
}

export function FleetReport({ report, today, stale }: FleetReportProps) {
  const severalCurrencies = report.totals.length > 1;
  const inCurrency = (title: string, currency: string) =>
    severalCurrencies ? `${title} (${currency})` : title;
  const recordedElsewhere = report.airfields.filter((a) => a.otherCurrencies.length > 0);
  return (
    <div className={stale ? 'report stale' : 'report'} aria-busy={stale}>
      {recordedElsewhere.length > 0 && (
        <p className="notice notice-warning">
          Sales a kiosk recorded in a currency it no longer uses count in that currency’s total, not in the
          airfield’s own figures:{' '}
          {recordedElsewhere
            .map(
              (a) => `${a.name}, ${a.otherCurrencies.map((o) => `${o.sales} in ${o.currency}`).join(', ')}`,
            )
            .join('; ')}
          .
        </p>
      )}
      <div className="kpi-tiles">
        <Tile
          name="Flights"
          value={report.flights.flights.toLocaleString()}
          detail={`at ${plural(report.airfields.length, 'airfield')}`}
        />
        <Tile
          name="Conversion"
          value={percent(report.flights.conversion)}
          detail={`${report.flights.flightsSold.toLocaleString()} of ${plural(report.flights.flights, 'flight')} sold`}
        />
        <section className="kpi-tile" aria-label="Revenue">
          <h2>Revenue</h2>
          {report.totals.map((total) => (
            <div key={total.currency}>
              <p className="kpi-value">{formatMoney(total.revenueCents, total.currency)}</p>
              <p className="kpi-detail">{plural(total.sales, 'sale')}</p>
            </div>
          ))}
        </section>
      </div>
      <section className="report-card" aria-label="Airfields">
        <h2>Airfields</h2>
        <p className="report-note">
          Each airfield as its own kiosk reports it: its local days, its currency. Sold: flights with a sale,
          of all its flights.
        </p>
        <AirfieldTable report={report} />
      </section>
      <div className="report-grid">
        {report.totals.map((total) => (
          <section
            key={total.currency}
            className="report-card"
            aria-label={inCurrency('Revenue by day', total.currency)}
          >
            <h2>{inCurrency('Revenue by day', total.currency)}</h2>
            {report.days <= MAX_DAY_BARS ? (
              <>
                <p className="report-note">
                  {plural(total.airfields, 'airfield')} in {total.currency}, each day at every airfield
                  together.
                </p>
                <BarChart title={inCurrency('Revenue by day', total.currency)} bars={dayBars(total, today)} />
              </>
            ) : (
              <p className="report-note">More days than a chart can show: pick a shorter range.</p>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}

function dayBars(total: FleetTotals, today: string): Bar[] {
  const money = (cents: number) => formatMoney(cents, total.currency);
  const text = (figures: PeriodFigures) =>
    figures.flights === 0 && figures.sales === 0
      ? 'no flights'
      : `${money(figures.revenueCents)} · ${figures.flightsSold}/${figures.flights} sold`;
  return total.byDay.map((day) => ({
    key: day.day,
    label: dayLabel(day.day, today),
    value: day.revenueCents,
    text: text(day),
    muted: day.sales === 0,
  }));
}

function AirfieldTable({ report }: { report: FleetReportView }) {
  const severalCurrencies = report.totals.length > 1;
  return (
    <table className="fleet-airfields" aria-label="Figures by airfield">
      <thead>
        <tr>
          <th scope="col">Airfield</th>
          <th scope="col">Flights</th>
          <th scope="col">Sold</th>
          <th scope="col">Conversion</th>
          <th scope="col">Sales</th>
          <th scope="col">Revenue</th>
        </tr>
      </thead>
      <tbody>
        {report.airfields.map((airfield) => (
          <AirfieldRows key={airfield.stationId} airfield={airfield} />
        ))}
      </tbody>
      <tfoot>
        {report.totals.map((total) => (
          <tr key={total.currency}>
            <th scope="row">{severalCurrencies ? `All airfields, ${total.currency}` : 'All airfields'}</th>
            <td>{total.flights.toLocaleString()}</td>
            <td>{total.flightsSold.toLocaleString()}</td>
            <td>{percent(total.conversion)}</td>
            <td>{total.sales.toLocaleString()}</td>
            <td>{formatMoney(total.revenueCents, total.currency)}</td>
          </tr>
        ))}
      </tfoot>
    </table>
  );
}

function AirfieldRows({ airfield }: { airfield: FleetAirfield }) {
  const { kpis } = airfield;
  return (
    <>
      <tr>
        <th scope="row">
          {airfield.name}
          <span className="airfield-zone">{airfield.timeZone.replaceAll('_', ' ')}</span>
        </th>
        <td>{kpis.flights.toLocaleString()}</td>
        <td>{kpis.flightsSold.toLocaleString()}</td>
        <td>{percent(kpis.conversion)}</td>
        <td>{kpis.sales.toLocaleString()}</td>
        <td>{formatMoney(kpis.revenueCents, airfield.currency)}</td>
      </tr>
      {airfield.otherCurrencies.map((other) => (
        <tr key={other.currency} className="other-currency">
          <th scope="row">{`${airfield.name}, in ${other.currency}`}</th>
          <td />
          <td />
          <td />
          <td>{other.sales.toLocaleString()}</td>
          <td>{formatMoney(other.revenueCents, other.currency)}</td>
        </tr>
      ))}
    </>
  );
}

function Tile({ name, value, detail }: { name: string; value: string; detail: string }) {
  return (
    <section className="kpi-tile" aria-label={name}>
      <h2>{name}</h2>
      <p className="kpi-value">{value}</p>
      <p className="kpi-detail">{detail}</p>
    </section>
  );
}
