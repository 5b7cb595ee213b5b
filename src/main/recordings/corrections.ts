// Corrections to a check-in (names, contact, pilot, time, notes...), audited field by field.
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database, FlightRecording, FlightRecordingUpdate } from '../../../db/schema';
import { AppFailure } from '../errors';
import { assertUserRole, normaliseText, optionalEmail, toUtcTimestamp } from './input-rules';
import type { CheckInInput } from './service';

export type CheckInUpdate = Partial<CheckInInput>;

/** Corrects check-in details (names, contact, pilot, time, notes...). */
export async function updateFlightRecording(
  db: Kysely<Database>,
  recordingId: string,
  patch: CheckInUpdate,
  actingUserId: string | null,
): Promise<FlightRecording> {
  if (patch.passenger_names !== undefined && !normaliseText(patch.passenger_names)) {
    throw new AppFailure('VALIDATION', 'Enter at least one passenger name.', [
      { path: 'passenger_names', message: 'required' },
    ]);
  }
  const text = (value: string | null | undefined) => (value === undefined ? undefined : normaliseText(value));
  const values: FlightRecordingUpdate = {
    // kysely leaves out fields that are undefined, so only what the patch names changes.
    passenger_names:
      patch.passenger_names === undefined ? undefined : (normaliseText(patch.passenger_names) ?? ''),
    flight_at: patch.flight_at === undefined ? undefined : toUtcTimestamp(patch.flight_at, 'flight_at'),
    customer_email: optionalEmail(patch.customer_email, 'customer_email'),
    customer_phone: text(patch.customer_phone),
    pilot_id: patch.pilot_id,
    staff_member: patch.staff_member,
    notes: text(patch.notes),
    language: text(patch.language),
    origin: text(patch.origin),
    referral_source: text(patch.referral_source),
    trip_purpose: patch.trip_purpose,
    contact_consent: patch.contact_consent === undefined ? undefined : patch.contact_consent ? 1 : 0,
    waiver_accepted_at: patch.waiver_accepted_at
      ? toUtcTimestamp(patch.waiver_accepted_at, 'waiver_accepted_at')
      : patch.waiver_accepted_at,
    updated_at: new Date().toISOString(),
  };
  return db.transaction().execute(async (trx) => {
    if (patch.pilot_id) await assertUserRole(trx, patch.pilot_id, ['pilot'], 'pilot');
    if (patch.staff_member) await assertUserRole(trx, patch.staff_member, ['crew', 'admin'], 'staff member');
    const before = await trx
      .selectFrom('flight_recordings')
      .selectAll()
      .where('id', '=', recordingId)
      .executeTakeFirst();
    if (!before) throw new AppFailure('NOT_FOUND', 'That flight no longer exists.');
    const row = await trx
      .updateTable('flight_recordings')
      .set(values)
      .where('id', '=', recordingId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = CHECK_IN_FIELDS.filter((field) => before[field] !== row[field]);
    if (changed.length > 0) {
      await writeAuditLog(trx, {
        userId: actingUserId,
        action: 'update',
        entityType: 'recording',
        entityId: recordingId,
        before: Object.fromEntries(changed.map((field) => [field, before[field]])),
        after: Object.fromEntries(changed.map((field) => [field, row[field]])),
      });
    }
    return row;
  });
}

/** The fields check-in sets, compared before and after a correction for the audit entry. */
const CHECK_IN_FIELDS = [
  'passenger_names',
  'flight_at',
  'customer_email',
  'customer_phone',
  'pilot_id',
  'staff_member',
  'notes',
  'language',
  'origin',
  'referral_source',
  'trip_purpose',
  'contact_consent',
  'waiver_accepted_at',
] as const satisfies ReadonlyArray<keyof FlightRecording>;
