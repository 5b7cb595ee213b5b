// Follow-ups: a passenger who agreed to be contacted, left an e-mail address and bought nothing gets one e-mail
// a set time after their flight (mail_settings.follow_up_hours, 24 h unless an admin changed it). Queued once
// per flight (a unique index backs this up), and only for flights at most FOLLOW_UP_WINDOW_HOURS past their
// due time, so turning e-mail on after months never writes to last season's passengers.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

export const DEFAULT_FOLLOW_UP_HOURS = 24;
export const FOLLOW_UP_WINDOW_HOURS = 72;
const HOUR = 3_600_000;

/** `<uuid@magnumstream.kiosk>`: unique per item and kept across tries. */
export function newMessageId(): string {
  return `<${randomUUID()}@magnumstream.kiosk>`;
}

export async function followUpRule(db: Kysely<Database>): Promise<{ enabled: boolean; hours: number }> {
  const row = await db
    .selectFrom('mail_settings')
    .select(['follow_up_enabled', 'follow_up_hours'])
    .executeTakeFirst();
  return row
    ? { enabled: row.follow_up_enabled === 1, hours: row.follow_up_hours }
    : { enabled: true, hours: DEFAULT_FOLLOW_UP_HOURS };
}

/** Queues the follow-ups that are due at `now`; returns how many were added. */
export async function queueDueFollowUps(db: Kysely<Database>, now: Date): Promise<number> {
  const rule = await followUpRule(db);
  if (!rule.enabled) return 0;
  const dueBy = new Date(now.getTime() - rule.hours * HOUR).toISOString();
  const notBefore = new Date(now.getTime() - (rule.hours + FOLLOW_UP_WINDOW_HOURS) * HOUR).toISOString();
  const flights = await db
    .selectFrom('flight_recordings as r')
    .select(['r.id', 'r.customer_email'])
    .where('r.contact_consent', '=', 1)
    .where('r.customer_email', 'is not', null)
    .where('r.customer_email', '!=', '')
    .where('r.flight_at', '<=', dueBy)
    .where('r.flight_at', '>=', notBefore)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sales as s')
            .select('s.id')
            .whereRef('s.recording_id', '=', 'r.id')
            .where('s.status', '=', 'completed'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('delivery_outbox as o')
            .select('o.id')
            .whereRef('o.recording_id', '=', 'r.id')
            .where('o.kind', '=', 'follow_up'),
        ),
      ),
    )
    .execute();
  let added = 0;
  for (const flight of flights) {
    const stamp = now.toISOString();
    const result = await db
      .insertInto('delivery_outbox')
      .values({
        id: randomUUID(),
        kind: 'follow_up',
        recording_id: flight.id,
        channel: 'email',
        recipient: flight.customer_email!.trim(),
        next_attempt_at: stamp,
        message_id: newMessageId(),
        created_at: stamp,
        updated_at: stamp,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}
