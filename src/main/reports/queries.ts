// The report's reads. Each takes the period as UTC [start, end) and walks it through an index: sales by
// sale_date (idx_sales_sale_date), flights by flight_at (idx_flight_recordings_flight_at); what belongs to the
// period's flights (their sales, exports and files) is found by their ids through the per-flight indexes.
// Rows come back narrow and are summed in TypeScript, where each timestamp gets the local offset of its moment.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

export interface PeriodBounds {
  /** Inclusive, ISO-8601 UTC. */
  start: string;
  /** Exclusive, ISO-8601 UTC. */
  end: string;
}

/**
 * Every sale made in the period, whatever its status. Its flight's pilot comes from the period's flights (and
 * pilotsOfFlightsQuery for the few flown before it), not a join: a lookup per sale costs more than the sale.
 */
export function salesInPeriodQuery(db: Kysely<Database>, { start, end }: PeriodBounds) {
  return db
    .selectFrom('sales')
    .select([
      'sale_date',
      'amount_cents',
      'list_price_cents',
      'discount_cents',
      'price_rule_name',
      'currency',
      'status',
      'bundle',
      'staff_member',
      'recording_id',
    ])
    .where('sale_date', '>=', start)
    .where('sale_date', '<', end);
}

export function pilotsOfFlightsQuery(db: Kysely<Database>, recordingIds: readonly string[]) {
  return db.selectFrom('flight_recordings').select(['id', 'pilot_id']).where('id', 'in', recordingIds);
}

/** The period's sales with what a spreadsheet row of each needs, in the order they were made. */
export function saleLinesQuery(db: Kysely<Database>, { start, end }: PeriodBounds) {
  return db
    .selectFrom('sales as s')
    .innerJoin('flight_recordings as f', 'f.id', 's.recording_id')
    .select([
      's.id',
      's.sale_date',
      's.amount_cents',
      's.list_price_cents',
      's.discount_cents',
      's.price_rule_name',
      's.price_change_reason',
      's.currency',
      's.status',
      's.void_reason',
      's.bundle',
      's.payment_method',
      's.staff_member',
      'f.passenger_names',
      'f.flight_at',
      'f.pilot_id',
    ])
    .where('s.sale_date', '>=', start)
    .where('s.sale_date', '<', end)
    .orderBy('s.sale_date')
    .orderBy('s.id');
}

/** The flights that flew in the period. */
export function flightsInPeriodQuery(db: Kysely<Database>, { start, end }: PeriodBounds) {
  return db
    .selectFrom('flight_recordings')
    .select([
      'id',
      'flight_at',
      'pilot_id',
      'staff_member',
      'passenger_names',
      'customer_email',
      'customer_phone',
      'contact_consent',
    ])
    .where('flight_at', '>=', start)
    .where('flight_at', '<', end);
}

const periodFlightIds = (db: Kysely<Database>, { start, end }: PeriodBounds) =>
  db
    .selectFrom('flight_recordings')
    .select('id')
    .where('flight_at', '>=', start)
    .where('flight_at', '<', end);

/** The completed sales of the period's flights, whenever they were made: which flights sold, and what. */
export function salesOfPeriodFlightsQuery(db: Kysely<Database>, bounds: PeriodBounds) {
  return db
    .selectFrom('sales')
    .select(['recording_id', 'bundle'])
    .where('status', '=', 'completed')
    .where('recording_id', 'in', periodFlightIds(db, bounds));
}

/** The finished video and photo exports of the period's flights (the newest of each kind is the one that counts). */
export function finishedExportsQuery(db: Kysely<Database>, bounds: PeriodBounds) {
  return db
    .selectFrom('export_jobs')
    .select(['recording_id', 'kind', 'output_path', 'finished_at', 'created_at'])
    .where('status', '=', 'completed')
    .where('output_path', 'is not', null)
    .where('recording_id', 'in', periodFlightIds(db, bounds));
}

/**
 * The period's flights' export and photo files, counted per folder for photos (a photos job's folder, the
 * imported air-tour photos) and one by one for videos, so a flight with 40 photos is one row, not 40.
 */
export function mediaFilesQuery(db: Kysely<Database>, bounds: PeriodBounds) {
  return db
    .selectFrom('storage_usage')
    .select((eb) => [
      'recording_id',
      'kind',
      // rtrim(path, <path without slashes>) strips the file name: the folder with its trailing slash.
      eb
        .case('kind')
        .when('photo')
        .then(eb.fn<string>('rtrim', ['path', eb.fn<string>('replace', ['path', eb.val('/'), eb.val('')])]))
        .else(eb.ref('path'))
        .end()
        .as('location'),
      eb.fn.countAll<number>().as('files'),
    ])
    .where('kind', 'in', ['export', 'photo'])
    .where('recording_id', 'in', periodFlightIds(db, bounds))
    .groupBy(['recording_id', 'kind', 'location']);
}

export function bundlesQuery(db: Kysely<Database>) {
  return db
    .selectFrom('bundles')
    .select([
      'code',
      'label',
      'price_cents',
      'includes_video',
      'includes_photos',
      'includes_airtour_photos',
      'active',
      'sort_order',
    ]);
}

/** Names of staff and pilots: a kiosk has tens of people, so all of them is one small read. */
export function peopleQuery(db: Kysely<Database>) {
  return db.selectFrom('users').select(['id', 'name']);
}
