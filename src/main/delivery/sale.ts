// The sale a delivery is for, as far as the caller may see it, and what it has to deliver. Every delivery
// channel starts here, so the row-level rule (crew deliver only the sales they made) is applied in one place.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { canSeeSale, type Viewer } from '../access/rules';
import { AppFailure } from '../errors';
import { flightDeliverables, missingForBundle, saleFiles, type Deliverable } from '../sales/files';

export interface DeliverySale {
  id: string;
  recordingId: string;
  status: string;
  staffMember: string | null;
  passengerNames: string;
  customerEmail: string | null;
}

export const SALE_NOT_FOUND = 'That sale was not found. Open it again from Sales.';

/** Also the query the download server and the outbox use, which have no viewer. */
export async function readDeliverySale(db: Kysely<Database>, saleId: string): Promise<DeliverySale | null> {
  const row = await db
    .selectFrom('sales as s')
    .innerJoin('flight_recordings as r', 'r.id', 's.recording_id')
    .select([
      's.id',
      's.recording_id',
      's.status',
      's.staff_member',
      's.customer_email',
      'r.passenger_names',
      'r.customer_email as flight_email',
    ])
    .where('s.id', '=', saleId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    recordingId: row.recording_id,
    status: row.status,
    staffMember: row.staff_member,
    passengerNames: row.passenger_names,
    // The sale's own address first (typed at checkout); the one given at check-in otherwise.
    customerEmail: row.customer_email || row.flight_email || null,
  };
}

/** The sale, if this person may deliver it; NOT_FOUND otherwise, as for a sale that does not exist. */
export async function visibleSale(
  db: Kysely<Database>,
  saleId: string,
  viewer: Viewer,
): Promise<DeliverySale> {
  const sale = await readDeliverySale(db, saleId);
  if (!sale || !canSeeSale(viewer, { staff_member: sale.staffMember })) {
    throw new AppFailure('NOT_FOUND', SALE_NOT_FOUND);
  }
  return sale;
}

export function refuseUnlessCompleted(sale: DeliverySale): void {
  if (sale.status === 'completed') return;
  throw new AppFailure(
    'CONFLICT',
    `This sale was ${sale.status === 'refunded' ? 'refunded' : 'voided'}, so its files are no longer handed out.`,
  );
}

/** The files the sale delivers now, and what its bundle includes that the flight does not have yet. */
export async function deliveryOf(
  db: Kysely<Database>,
  sale: DeliverySale,
): Promise<{ files: Deliverable[]; missing: string | null }> {
  const [{ files }, deliverables, bundle] = await Promise.all([
    saleFiles(db, sale.id),
    flightDeliverables(db, sale.recordingId),
    db
      .selectFrom('sales as s')
      .innerJoin('bundles as b', 'b.code', 's.bundle')
      .select(['b.includes_video', 'b.includes_photos', 'b.includes_airtour_photos'])
      .where('s.id', '=', sale.id)
      .executeTakeFirstOrThrow(),
  ]);
  const missing = missingForBundle(deliverables, bundle);
  // Said as a sentence of its own, whichever punctuation the sales area gives it.
  return { files, missing: missing === null ? null : `${missing.trim().replace(/\.$/, '')}.` };
}

/** Refuses a sale with nothing to hand over yet, saying what is missing. */
export function refuseNothingToDeliver(files: readonly Deliverable[], missing: string | null): void {
  if (files.length > 0) return;
  throw new AppFailure(
    'CONFLICT',
    `There is nothing to hand over yet. ${missing ?? 'The flight has no video or photos.'} Make them on the flight’s Export tab, then try again.`,
  );
}
