// The dashboard: the latest unsold flights with their figures, a page at a time, from recording_summary.
import type { Kysely } from 'kysely';
import type { Database, RecordingSummary } from '../../../db/schema';

export interface DashboardPage {
  items: RecordingSummary[];
  /** All unsold recordings, for the pager. */
  total: number;
}

/**
 * The dashboard's query: latest unsold recordings with their figures. "sold = 0" is written as a literal,
 * not a bound parameter, so SQLite can match it to idx_flight_recordings_unsold's predicate at prepare time.
 */
export function unsoldRecordingsQuery(
  db: Kysely<Database>,
  { limit, offset }: { limit: number; offset: number },
) {
  return db
    .selectFrom('recording_summary')
    .selectAll()
    .where((eb) => eb('sold', '=', eb.lit(0)))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .offset(offset);
}

export async function listUnsoldRecordings(
  db: Kysely<Database>,
  { limit = 50, offset = 0 }: { limit?: number; offset?: number } = {},
): Promise<DashboardPage> {
  const pageSize = Math.min(Math.max(Math.trunc(limit), 1), 200);
  const [items, count] = await Promise.all([
    unsoldRecordingsQuery(db, { limit: pageSize, offset: Math.max(Math.trunc(offset), 0) }).execute(),
    db
      .selectFrom('flight_recordings')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where((eb) => eb('sold', '=', eb.lit(0)))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.total) };
}
