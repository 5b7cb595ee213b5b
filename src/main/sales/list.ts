// The sales list, newest first: admins see every sale, anyone else the sales they made (access/rules.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Page } from '../../shared/define';
import type { SaleListItem } from '../../shared/sales';
import { saleVisibleTo, type Viewer } from '../access/rules';

export interface SaleListQuery {
  limit: number;
  offset: number;
  recordingId?: string | undefined;
}

/**
 * The sales the viewer may see with their flight, bundle and seller joined: the one base of the sales list
 * here and of the receipts (checkout.ts), so both apply the same row rule.
 */
export function visibleSalesQuery(db: Kysely<Database>, viewer: Viewer, recordingId?: string) {
  return db
    .selectFrom('sales as s')
    .innerJoin('flight_recordings as r', 'r.id', 's.recording_id')
    .innerJoin('bundles as b', 'b.code', 's.bundle')
    .leftJoin('users as staff', 'staff.id', 's.staff_member')
    .where(saleVisibleTo(viewer))
    .$if(recordingId !== undefined, (qb) => qb.where('s.recording_id', '=', recordingId ?? ''));
}

export async function listSales(
  db: Kysely<Database>,
  viewer: Viewer,
  { limit, offset, recordingId }: SaleListQuery,
): Promise<Page<SaleListItem>> {
  const visible = saleVisibleTo(viewer);
  const [rows, count] = await Promise.all([
    visibleSalesQuery(db, viewer, recordingId)
      .select([
        's.id',
        's.recording_id',
        'r.passenger_names',
        's.bundle',
        'b.label as bundle_label',
        's.amount_cents',
        's.currency',
        's.payment_method',
        's.status',
        's.staff_member',
        'staff.name as staff_name',
        's.sale_date',
      ])
      .orderBy('s.sale_date', 'desc')
      .orderBy('s.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('sales as s')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where(visible)
      .$if(recordingId !== undefined, (qb) => qb.where('s.recording_id', '=', recordingId ?? ''))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      recordingId: row.recording_id,
      passengerNames: row.passenger_names,
      bundle: row.bundle,
      bundleLabel: row.bundle_label,
      amountCents: row.amount_cents,
      currency: row.currency,
      paymentMethod: row.payment_method,
      status: row.status,
      staffMemberId: row.staff_member,
      staffMemberName: row.staff_name,
      saleDate: row.sale_date,
    })),
    total: Number(count.total),
  };
}
