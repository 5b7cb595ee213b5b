// What checkout shows and what the sale records: the price of a bundle for a flight under the active rules.
// The one place that reads the price function's inputs (the rules, the flight's local time, the flight's
// sales so far) — checkout's preview and createSale both call it, so the two cannot disagree.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { PriceQuote } from '../../shared/pricing';
import { priceFor, type PricedRule } from './price';
import { readPriceRules } from './service';

/** Minutes east of UTC at a moment (DataAccess.utcOffsetMinutes). */
export type OffsetAt = (at: Date) => number;

export interface QuoteFlight {
  flightAt: string;
  /** Completed sales of the flight so far. */
  earlierSales: number;
}

/** The flight's time and sales so far, read once for all of checkout's bundles. */
export async function readQuoteFlight(
  db: Kysely<Database>,
  recordingId: string,
): Promise<QuoteFlight | null> {
  const flight = await db
    .selectFrom('flight_recordings')
    .select('flight_at')
    .where('id', '=', recordingId)
    .executeTakeFirst();
  if (!flight) return null;
  const sold = await db
    .selectFrom('sales')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recording_id', '=', recordingId)
    .where('status', '=', 'completed')
    .executeTakeFirstOrThrow();
  return { flightAt: flight.flight_at, earlierSales: Number(sold.n) };
}

/** The price of each bundle for one flight, by the one price function. */
export function quoteBundles(
  rules: readonly PricedRule[],
  flight: QuoteFlight,
  bundles: ReadonlyArray<{ code: string; price_cents: number }>,
  offsetAt: OffsetAt,
): Map<string, PriceQuote> {
  const at = new Date(flight.flightAt);
  const local = new Date(at.getTime() + offsetAt(at) * 60_000);
  const flightDay = local.toISOString().slice(0, 10);
  const flightMinute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return new Map(
    bundles.map((bundle) => [
      bundle.code,
      priceFor(rules, {
        bundle: { code: bundle.code, priceCents: bundle.price_cents },
        flightDay,
        flightMinute,
        earlierSales: flight.earlierSales,
      }),
    ]),
  );
}

/** Reads what the price needs and prices the bundles for a flight (null: the flight does not exist). */
export async function quoteFlight(
  db: Kysely<Database>,
  recordingId: string,
  bundles: ReadonlyArray<{ code: string; price_cents: number }>,
  offsetAt: OffsetAt,
): Promise<Map<string, PriceQuote> | null> {
  const flight = await readQuoteFlight(db, recordingId);
  if (!flight) return null;
  return quoteBundles(await readPriceRules(db, { activeOnly: true }), flight, bundles, offsetAt);
}
