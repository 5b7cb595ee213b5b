// The sales report: completed sales' revenue by day and by staff member over a period.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

export interface ReportRange {
  /** Inclusive, ISO-8601 UTC. */
  from: string;
  /** Exclusive, ISO-8601 UTC. */
  to: string;
  /**
   * The kiosk's offset from UTC in minutes (e.g. 120 for UTC+2), so a sale at 23:30 local time counts on
   * its local day. One offset for the whole range: a DST change inside it shifts an hour of sales at most.
   */
  utcOffsetMinutes?: number;
}

export interface RevenueByDay {
  day: string;
  sales: number;
  revenue_cents: number;
}

export interface RevenueByStaff {
  staff_member: string | null;
  staff_name: string | null;
  sales: number;
  revenue_cents: number;
}

export interface SalesReport {
  byDay: RevenueByDay[];
  byStaff: RevenueByStaff[];
  totals: { sales: number; revenue_cents: number };
}

/** ISO strings sort as time, so a range on sale_date walks idx_sales_sale_date. */
function completedSalesIn(db: Kysely<Database>, { from, to }: ReportRange) {
  return db
    .selectFrom('sales')
    .where('sales.sale_date', '>=', from)
    .where('sales.sale_date', '<', to)
    .where('sales.status', '=', 'completed');
}

export function revenueByDayQuery(db: Kysely<Database>, range: ReportRange) {
  const minutes = Math.trunc(range.utcOffsetMinutes ?? 0);
  const shift = `${minutes >= 0 ? '+' : '-'}${Math.abs(minutes)} minutes`;
  return completedSalesIn(db, range)
    .select((eb) => [
      eb.fn<string>('date', ['sales.sale_date', eb.val(shift)]).as('day'),
      eb.fn.countAll<number>().as('sales'),
      eb.fn.sum<number>('sales.amount_cents').as('revenue_cents'),
    ])
    .groupBy('day')
    .orderBy('day');
}

export function revenueByStaffQuery(db: Kysely<Database>, range: ReportRange) {
  return completedSalesIn(db, range)
    .leftJoin('users', 'users.id', 'sales.staff_member')
    .select((eb) => [
      'sales.staff_member',
      eb.fn.max('users.name').as('staff_name'),
      eb.fn.countAll<number>().as('sales'),
      eb.fn.sum<number>('sales.amount_cents').as('revenue_cents'),
    ])
    .groupBy('sales.staff_member')
    .orderBy('revenue_cents', 'desc');
}

export async function salesReport(db: Kysely<Database>, range: ReportRange): Promise<SalesReport> {
  const [byDay, byStaff] = await Promise.all([
    revenueByDayQuery(db, range).execute(),
    revenueByStaffQuery(db, range).execute(),
  ]);
  const totals = byDay.reduce(
    (sum, day) => ({
      sales: sum.sales + Number(day.sales),
      revenue_cents: sum.revenue_cents + Number(day.revenue_cents),
    }),
    { sales: 0, revenue_cents: 0 },
  );
  return {
    byDay: byDay.map((d) => ({ day: d.day, sales: Number(d.sales), revenue_cents: Number(d.revenue_cents) })),
    byStaff: byStaff.map((s) => ({
      staff_member: s.staff_member,
      staff_name: s.staff_name,
      sales: Number(s.sales),
      revenue_cents: Number(s.revenue_cents),
    })),
    totals,
  };
}
