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

/**
 * One pass over the period: completed sales grouped by local day and staff member. Both breakdowns are
 * summed from these few hundred rows, so the report reads the period once, through idx_sales_sale_date.
 * (Grouping by staff member alone lets SQLite prefer idx_sales_staff_member and scan every sale ever made.)
 */
export function revenueByDayAndStaffQuery(db: Kysely<Database>, range: ReportRange) {
  const minutes = Math.trunc(range.utcOffsetMinutes ?? 0);
  const shift = `${minutes >= 0 ? '+' : '-'}${Math.abs(minutes)} minutes`;
  return completedSalesIn(db, range)
    .select((eb) => [
      eb.fn<string>('date', ['sales.sale_date', eb.val(shift)]).as('day'),
      'sales.staff_member',
      eb.fn.countAll<number>().as('sales'),
      eb.fn.sum<number>('sales.amount_cents').as('revenue_cents'),
    ])
    .groupBy(['day', 'sales.staff_member']);
}

export async function salesReport(db: Kysely<Database>, range: ReportRange): Promise<SalesReport> {
  const rows = await revenueByDayAndStaffQuery(db, range).execute();
  const byDay = new Map<string, RevenueByDay>();
  const byStaff = new Map<string | null, RevenueByStaff>();
  const totals = { sales: 0, revenue_cents: 0 };
  for (const row of rows) {
    const sales = Number(row.sales);
    const revenue = Number(row.revenue_cents);
    const day = byDay.get(row.day) ?? { day: row.day, sales: 0, revenue_cents: 0 };
    day.sales += sales;
    day.revenue_cents += revenue;
    byDay.set(row.day, day);
    const staff = byStaff.get(row.staff_member) ?? {
      staff_member: row.staff_member,
      staff_name: null,
      sales: 0,
      revenue_cents: 0,
    };
    staff.sales += sales;
    staff.revenue_cents += revenue;
    byStaff.set(row.staff_member, staff);
    totals.sales += sales;
    totals.revenue_cents += revenue;
  }
  const staffIds = [...byStaff.keys()].filter((id): id is string => id !== null);
  if (staffIds.length > 0) {
    const names = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', staffIds).execute();
    for (const { id, name } of names) {
      const staff = byStaff.get(id);
      if (staff) staff.staff_name = name;
    }
  }
  return {
    byDay: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
    byStaff: [...byStaff.values()].sort((a, b) => b.revenue_cents - a.revenue_cents),
    totals,
  };
}
