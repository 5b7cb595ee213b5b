// The report's breakdowns as charts, each a card with a plain title: over time, by bundle, by person, by hour
// and weekday, and what was ready against what was bought.
import type { ReactNode } from 'react';
import type { HourFigures, PeriodFigures, SalesReportView } from '../../shared/reports';
import { dayLabel } from '../calendar';
import { formatMoney, plural } from '../format';
import { AvailabilityTable } from './AvailabilityTable';
import { BarChart, type Bar } from './BarChart';
import { ColumnChart } from './ColumnChart';

/** Longer ranges show weeks instead: 31 rows is as many as a chart can print a figure on each. */
const MAX_DAY_BARS = 31;

export function ReportCharts({ report, today }: { report: SalesReportView; today: string }) {
  const money = (cents: number) => formatMoney(cents, report.currency);
  const overTime = (figures: PeriodFigures) =>
    figures.flights === 0 && figures.sales === 0
      ? 'no flights'
      : `${money(figures.revenueCents)} · ${figures.flightsSold}/${figures.flights} sold`;
  const days: Bar[] = report.byDay.map((day) => ({
    key: day.day,
    label: dayLabel(day.day, today),
    value: day.revenueCents,
    text: overTime(day),
    muted: day.sales === 0,
  }));
  const weeks: Bar[] = report.byWeek.map((week) => ({
    key: week.week,
    // "Wk 49 · 30 Nov": the week's number and its Monday, short enough to leave room for the bar.
    label: `Wk ${Number(week.week.slice(6))} · ${shortDay(week.monday)}`,
    value: week.revenueCents,
    text: overTime(week),
  }));
  const salesText = (f: { sales: number; revenueCents: number }) =>
    `${money(f.revenueCents)} · ${plural(f.sales, 'sale')}`;
  return (
    <div className="report-grid">
      {report.days <= MAX_DAY_BARS ? (
        <Card title="Revenue by day" note="Sold: flights of the day with a sale, of all its flights.">
          <BarChart title="Revenue by day" bars={days} />
        </Card>
      ) : (
        <Card title="Revenue by day" note="More days than a chart can show: download the daily totals below.">
          <p className="chart-empty">{plural(report.days, 'day')}</p>
        </Card>
      )}
      {report.byWeek.length > 1 && (
        <Card title="Revenue by week" note="Weeks from Monday; the first and last may be cut by the range.">
          <BarChart title="Revenue by week" bars={weeks} />
        </Card>
      )}
      <Card title="Bundles" note="Revenue, how many sold, and the share of all revenue.">
        <BarChart
          title="Revenue by bundle"
          bars={report.byBundle.map((b) => ({
            key: b.code,
            label: b.label,
            value: b.revenueCents,
            text: `${money(b.revenueCents)} · ${b.sales} sold · ${Math.round(b.share * 100)}%`,
          }))}
          empty="No bundles on sale."
        />
      </Card>
      <Card title="Price rules" note="What each price rule took off, by the name the receipts printed.">
        <BarChart
          title="Discount by price rule"
          bars={report.byPriceRule.map((r) => ({
            key: r.name,
            label: r.name,
            value: r.discountCents,
            text: `−${money(r.discountCents)} · ${r.sales} sold`,
          }))}
          empty="No sale on these days was priced by a rule."
        />
      </Card>
      <Card title="Ground crew" note="Completed sales by who made them.">
        <BarChart
          title="Revenue by crew member"
          bars={report.byStaff.map((s) => ({
            key: s.id ?? 'nobody',
            label: s.name,
            value: s.revenueCents,
            text: salesText(s),
          }))}
          empty="No sales on these days."
        />
      </Card>
      <Card title="Pilots" note="Sales of the flights they flew, and how many of them sold.">
        <BarChart
          title="Revenue by pilot"
          bars={report.byPilot.map((p) => ({
            key: p.id ?? 'nobody',
            label: p.name,
            value: p.revenueCents,
            text: `${money(p.revenueCents)} · ${p.flightsSold}/${p.flights} sold`,
          }))}
          empty="No flights on these days."
        />
      </Card>
      <Card title="Sales by time of day" note="Completed sales by the hour they were made.">
        <ColumnChart
          title="Sales by hour"
          columns={activeHours(report.byHour).map((h) => ({
            key: String(h.hour),
            label: String(h.hour).padStart(2, '0'),
            value: h.sales,
            text: h.sales > 0 ? String(h.sales) : '',
          }))}
        />
      </Card>
      <Card title="Weekdays" note="Revenue by the weekday of the sale.">
        <BarChart
          title="Revenue by weekday"
          bars={report.byWeekday.map((w) => ({
            key: w.label,
            label: w.label,
            value: w.revenueCents,
            text: salesText(w),
            muted: w.sales === 0,
          }))}
        />
      </Card>
      <Card title="Ready against bought" note="What each flight has now, and what its passengers bought.">
        <AvailabilityTable report={report} />
      </Card>
    </div>
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDay = (day: string) => `${Number(day.slice(8))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;

/** The working hours: from the first to the last hour with a flight or a sale (08–18 on an empty report). */
function activeHours(hours: HourFigures[]): HourFigures[] {
  const busy = hours.filter((h) => h.flights > 0 || h.sales > 0).map((h) => h.hour);
  const first = Math.min(8, ...busy);
  const last = Math.max(18, ...busy);
  return hours.filter((h) => h.hour >= first && h.hour <= last);
}

function Card({ title, note, children }: { title: string; note: string; children: ReactNode }) {
  return (
    <section className="report-card" aria-label={title}>
      <h2>{title}</h2>
      <p className="report-note">{note}</p>
      {children}
    </section>
  );
}
