// Adding a self check-in to a flight the crew already checked in by hand: when filming needs a signed waiver,
// the passengers sign on the tablet and their check-in joins that flight instead of making a second one. The
// flight gets the time the waiver was signed and the passengers' answers only where the crew left a field
// empty: what the crew typed is kept. The flights offered are the ones the recordings area lets this person
// open (access/rules.ts), unsold, without a waiver, today's or later.
import type { Selectable, Transaction, Kysely } from 'kysely';
import type { Database, SelfCheckinsTable } from '../../../db/schema';
import { UNSIGNED_FLIGHTS_SHOWN, type UnsignedFlight } from '../../shared/checkin';
import { canSeeRecording, recordingVisibleTo, type LocalDay, type Viewer } from '../access/rules';
import { AppFailure } from '../errors';

export const FLIGHT_NOT_FOUND =
  'That flight does not exist or is not one of yours. Pick the flight again from the list in this dialog.';
export const ALREADY_SIGNED =
  'That flight already has a signed waiver, so this check-in was not added to it. Make a new flight for these passengers, or pick another flight.';
export const ALREADY_SOLD =
  'That flight has been sold already, so this check-in was not added to it. Make a new flight for these passengers instead.';

/** Today's and upcoming unsold flights without a waiver that `viewer` may open, newest check-in first. */
export async function listUnsignedFlights(
  db: Kysely<Database>,
  viewer: Viewer,
  today: LocalDay,
): Promise<UnsignedFlight[]> {
  const rows = await db
    .selectFrom('flight_recordings as r')
    .select((eb) => [
      'r.id',
      'r.passenger_names',
      'r.flight_at',
      eb
        .selectFrom('scene_recordings as s')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('s.recording_id', '=', 'r.id')
        .where('s.status', 'in', ['recorded', 'recovered'])
        .as('filmed'),
    ])
    .where(recordingVisibleTo(viewer, today))
    .where('r.waiver_accepted_at', 'is', null)
    .where((eb) => eb('r.sold', '=', eb.lit(0)))
    .where('r.flight_at', '>=', today.start)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(UNSIGNED_FLIGHTS_SHOWN)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    passengerNames: row.passenger_names,
    flightAt: row.flight_at,
    filmedScenes: Number(row.filmed ?? 0),
  }));
}

const blank = (value: string | null) => value === null || value.trim() === '';

/**
 * Inside the caller's transaction: the flight gets the waiver time and the check-in's answers in its empty
 * fields. Refuses a flight this person may not open (NOT_FOUND, as the recordings area does), one with a
 * signed waiver or one sold (CONFLICT).
 */
export async function attachToFlight(
  trx: Transaction<Database>,
  checkin: Selectable<SelfCheckinsTable>,
  recordingId: string,
  waiverSignedAt: string,
  viewer: Viewer,
  today: LocalDay,
  now: Date,
): Promise<void> {
  const flight = await trx
    .selectFrom('flight_recordings')
    .selectAll()
    .where('id', '=', recordingId)
    .executeTakeFirst();
  if (!flight || !canSeeRecording(viewer, flight, today)) throw new AppFailure('NOT_FOUND', FLIGHT_NOT_FOUND);
  if (flight.waiver_accepted_at !== null) throw new AppFailure('CONFLICT', ALREADY_SIGNED);
  if (flight.sold === 1) throw new AppFailure('CONFLICT', ALREADY_SOLD);
  const fill = <K extends 'customer_email' | 'customer_phone' | 'origin' | 'referral_source' | 'language'>(
    key: K,
  ) => (blank(flight[key]) && checkin[key] !== null ? { [key]: checkin[key] } : {});
  const updated = await trx
    .updateTable('flight_recordings')
    .set({
      waiver_accepted_at: waiverSignedAt,
      ...fill('customer_email'),
      ...fill('customer_phone'),
      ...fill('origin'),
      ...fill('referral_source'),
      ...fill('language'),
      ...(flight.trip_purpose === null && checkin.trip_purpose !== null
        ? { trip_purpose: checkin.trip_purpose }
        : {}),
      // Consent is only ever added: a "no" on the tablet does not undo a "yes" the crew noted.
      ...(checkin.contact_consent === 1 ? { contact_consent: 1 } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', flight.id)
    .where('waiver_accepted_at', 'is', null)
    .where('sold', '=', 0)
    .executeTakeFirst();
  // Another screen signed or sold it between the read and this write.
  if (Number(updated.numUpdatedRows) === 0) throw new AppFailure('CONFLICT', ALREADY_SIGNED);
}
