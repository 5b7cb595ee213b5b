// Sales: selling a bundle for a flight (which marks it sold), voids and refunds, and the revenue report.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database, PaymentMethod, Sale } from '../../../db/schema';
import type { Viewer } from '../access/rules';
import { AppFailure } from '../errors';
import { quoteFlight, type OffsetAt } from '../pricing/quote';
import { optionalEmail, toUtcTimestamp } from '../recordings/input-rules';
import { bundleUnavailable, flightDeliverables } from './files';

export const DEFAULT_CURRENCY = 'USD';

export interface SaleInput {
  recording_id: string;
  bundle: string;
  payment_method: PaymentMethod;
  /** users.id of the seller; defaults to the acting user. */
  staff_member?: string | null;
  /** Default to the contact given at check-in. */
  customer_email?: string | null;
  customer_phone?: string | null;
  /** ISO-8601 UTC; defaults to now. */
  sale_date?: string;
  /** What was charged when it is not the price (only an admin may; see checkSaleTerms). */
  amount_cents?: number;
  /** Why the amount differs from the price; required when it does. */
  price_change_reason?: string | null;
  /**
   * The price checkout showed. When the rules now give another (the flight gained a sale meanwhile, a rule
   * changed), the sale is refused rather than charged at a price nobody saw.
   */
  quoted_price_cents?: number;
}

/** The kiosk's local offset when the caller gives none (demo data, tests): the machine's time zone. */
const machineOffset: OffsetAt = (at) => -at.getTimezoneOffset();

/** The kiosk's currency (settings.currency), copied onto each sale. */
export async function getCurrency(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'currency')
    .executeTakeFirst();
  const value: unknown = row ? JSON.parse(row.value) : null;
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : DEFAULT_CURRENCY;
}

/**
 * The one rule for what a sale may charge and in whose name: the price (the catalogue's, less the best price
 * rule), unless an admin charges another amount and says why; crew sell in their own name. `seller` null is
 * the kiosk itself (demo data). Returns the amount and the admin's reason to record.
 */
export function checkSaleTerms(
  seller: Viewer | null,
  priceCents: number,
  input: Pick<SaleInput, 'amount_cents' | 'price_change_reason' | 'staff_member'>,
): { amountCents: number; priceChangeReason: string | null } {
  const amountCents = input.amount_cents ?? priceCents;
  const changed = amountCents !== priceCents;
  if (seller && seller.role !== 'admin') {
    if (changed)
      throw new AppFailure('FORBIDDEN', 'Only an admin can change the amount. Ask one to sign in.');
    if (input.staff_member !== undefined && input.staff_member !== seller.id)
      throw new AppFailure('FORBIDDEN', 'Only an admin can record a sale for someone else.');
  }
  const reason = input.price_change_reason?.trim() || null;
  if (changed && !reason) {
    throw new AppFailure('VALIDATION', 'Say why the amount differs from the price.', [
      { path: 'priceChangeReason', message: 'required when the amount is changed' },
    ]);
  }
  return { amountCents, priceChangeReason: changed ? reason : null };
}

/**
 * Sells a bundle for a flight and marks the flight sold, in one transaction. The catalogue's current price is
 * copied onto the sale as its list price (so later price changes never alter it); the price rules (the same
 * quote checkout showed, pricing/quote.ts) take their discount off it, recorded with the rule's receipt text;
 * that is the amount unless checkSaleTerms lets an admin charge another, whose reason is then recorded too.
 */
export async function createSale(
  db: Kysely<Database>,
  input: SaleInput,
  seller: Viewer | null,
  offsetAt: OffsetAt = machineOffset,
): Promise<Sale> {
  const actingUserId = seller?.id ?? null;
  const saleDate = input.sale_date ? toUtcTimestamp(input.sale_date, 'sale_date') : new Date().toISOString();
  const customerEmail = optionalEmail(input.customer_email, 'customer_email');
  return db.transaction().execute(async (trx) => {
    const recording = await trx
      .selectFrom('flight_recordings')
      .select(['id', 'customer_email', 'customer_phone'])
      .where('id', '=', input.recording_id)
      .executeTakeFirst();
    if (!recording) throw new AppFailure('NOT_FOUND', 'That flight no longer exists.');
    const bundle = await trx
      .selectFrom('bundles')
      .select([
        'code',
        'price_cents',
        'active',
        'includes_video',
        'includes_photos',
        'includes_airtour_photos',
      ])
      .where('code', '=', input.bundle)
      .executeTakeFirst();
    if (!bundle || bundle.active !== 1) {
      throw new AppFailure('VALIDATION', 'That bundle is not for sale. Pick one from the list.', [
        { path: 'bundle', message: 'not an active bundle' },
      ]);
    }
    // What the flight has decides which bundles it can be sold with (files.ts); checkout shows the same reason.
    const unavailable = bundleUnavailable(await flightDeliverables(trx, recording.id), bundle);
    if (unavailable) {
      throw new AppFailure('VALIDATION', unavailable, [
        { path: 'bundle', message: 'not available for this flight' },
      ]);
    }
    const quote = (await quoteFlight(trx, recording.id, [bundle], offsetAt))?.get(bundle.code);
    if (!quote) throw new AppFailure('NOT_FOUND', 'That flight no longer exists.');
    if (input.quoted_price_cents !== undefined && input.quoted_price_cents !== quote.priceCents) {
      throw new AppFailure(
        'CONFLICT',
        'The price changed since checkout showed it (a price rule now applies differently). Look at the new price with the customer and sell again.',
      );
    }
    const { amountCents, priceChangeReason } = checkSaleTerms(seller, quote.priceCents, input);
    const staffMember = input.staff_member === undefined ? actingUserId : input.staff_member;
    if (staffMember) {
      const staff = await trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', staffMember)
        .where('active', '=', 1)
        .where('role', 'in', ['admin', 'crew'])
        .executeTakeFirst();
      if (!staff)
        throw new AppFailure(
          'VALIDATION',
          'The staff member chosen is not on the ground crew. Pick another.',
          [{ path: 'staffMemberId', message: 'not an active crew member' }],
        );
    }

    const sale = await trx
      .insertInto('sales')
      .values({
        id: randomUUID(),
        recording_id: recording.id,
        bundle: bundle.code,
        amount_cents: amountCents,
        list_price_cents: bundle.price_cents,
        // The admin's reason for a manual change; else the rule's, which migration 5 asks for whenever the
        // amount is not the list price.
        price_change_reason: priceChangeReason ?? quote.ruleLabel,
        discount_cents: quote.discountCents,
        price_rule_id: quote.ruleId,
        price_rule_name: quote.ruleLabel,
        currency: await getCurrency(trx),
        sale_date: saleDate,
        staff_member: staffMember,
        payment_method: input.payment_method,
        customer_email: customerEmail || recording.customer_email,
        customer_phone: input.customer_phone?.trim() || recording.customer_phone,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('flight_recordings')
      .set({ sold: 1, updated_at: new Date().toISOString() })
      .where('id', '=', recording.id)
      .execute();
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'create',
      entityType: 'sale',
      entityId: sale.id,
      after: {
        recording_id: recording.id,
        bundle: sale.bundle,
        amount_cents: sale.amount_cents,
        list_price_cents: sale.list_price_cents,
        discount_cents: sale.discount_cents,
        price_rule_name: sale.price_rule_name,
        price_change_reason: sale.price_change_reason,
      },
    });
    return sale;
  });
}

/**
 * Voids or refunds a completed sale, with a reason. The flight stays sold only while another completed
 * sale remains, so it returns to the dashboard's unsold list otherwise.
 */
export async function voidSale(
  db: Kysely<Database>,
  saleId: string,
  { reason, status = 'voided' }: { reason: string; status?: 'voided' | 'refunded' },
  actingUserId: string | null,
): Promise<Sale> {
  const why = reason.trim();
  if (!why)
    throw new AppFailure('VALIDATION', 'Say why the sale is being undone.', [
      { path: 'reason', message: 'required' },
    ]);
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('sales')
      .select(['status'])
      .where('id', '=', saleId)
      .executeTakeFirst();
    if (!current) throw new AppFailure('NOT_FOUND', 'That sale no longer exists.');
    if (current.status !== 'completed')
      throw new AppFailure('CONFLICT', `That sale was already ${current.status}.`);
    const sale = await trx
      .updateTable('sales')
      .set({ status, void_reason: why, updated_at: new Date().toISOString() })
      .where('id', '=', saleId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('flight_recordings')
      .set((eb) => ({
        sold: eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('sales')
                .select('sales.id')
                .whereRef('sales.recording_id', '=', 'flight_recordings.id')
                .where('sales.status', '=', 'completed'),
            ),
          )
          .then(eb.lit(1))
          .else(eb.lit(0))
          .end(),
        updated_at: new Date().toISOString(),
      }))
      .where('id', '=', sale.recording_id)
      .execute();
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: status === 'voided' ? 'void' : 'refund',
      entityType: 'sale',
      entityId: saleId,
      before: { status: 'completed' },
      after: { status, reason: why },
    });
    return sale;
  });
}

export async function listSalesForRecording(db: Kysely<Database>, recordingId: string): Promise<Sale[]> {
  return db
    .selectFrom('sales')
    .selectAll()
    .where('recording_id', '=', recordingId)
    .orderBy('sale_date')
    .execute();
}
