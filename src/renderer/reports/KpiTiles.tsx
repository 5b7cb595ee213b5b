// The report's headline figures as big tiles: a number that reads from across the hangar, what it means below.
import type { SalesReportView } from '../../shared/reports';
import { formatMoney, plural } from '../format';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function KpiTiles({ report }: { report: SalesReportView }) {
  const { kpis, nonPurchasers, currency } = report;
  const money = (cents: number) => formatMoney(cents, currency);
  const tiles: Array<{ name: string; value: string; detail: string }> = [
    { name: 'Revenue', value: money(kpis.revenueCents), detail: plural(kpis.sales, 'sale') },
    { name: 'List price', value: money(kpis.listPriceCents), detail: 'the same sales before discounts' },
    {
      name: 'Discounts',
      value: money(kpis.listPriceCents - kpis.revenueCents),
      detail: `${money(kpis.ruleDiscountCents)} by price rules · ${money(kpis.manualDiscountCents)} by hand`,
    },
    {
      name: 'Conversion',
      value: kpis.conversion === null ? '–' : percent(kpis.conversion),
      detail: `${kpis.flightsSold.toLocaleString()} of ${plural(kpis.flights, 'flight')} sold`,
    },
    {
      name: 'Flights',
      value: kpis.flights.toLocaleString(),
      detail: plural(report.days, 'day'),
    },
    {
      name: 'Average sale',
      value: kpis.averageOrderCents === null ? '–' : money(kpis.averageOrderCents),
      detail: 'per completed sale',
    },
    {
      name: 'Not bought yet',
      value: nonPurchasers.total.toLocaleString(),
      detail:
        nonPurchasers.withOffer > 0
          ? `${money(nonPurchasers.offerValueCents)} to offer`
          : 'nothing ready to offer',
    },
    {
      name: 'Voided / refunded',
      value: `${kpis.voided.count} / ${kpis.refunded.count}`,
      detail: `${money(kpis.voided.cents)} / ${money(kpis.refunded.cents)}`,
    },
  ];
  return (
    <div className="kpi-tiles">
      {tiles.map((tile) => (
        <section key={tile.name} className="kpi-tile" aria-label={tile.name}>
          <h2>{tile.name}</h2>
          <p className="kpi-value">{tile.value}</p>
          <p className="kpi-detail">{tile.detail}</p>
        </section>
      ))}
    </div>
  );
}
