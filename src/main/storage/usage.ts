// What the flights' files take, from storage_usage: in total, per kind, and per flight biggest first (a page at a
// time: a kiosk may hold thousands of flights), with what the retention rules have removed so far.
import type { Kysely } from 'kysely';
import { STORAGE_KINDS } from '../../../db/schema';
import type { Database, StorageKind } from '../../../db/schema';
import type { FlightUsage, KindUsage } from '../../shared/storage';
import type { Page } from '../../shared/define';

const zeroByKind = (): Record<StorageKind, number> =>
  Object.fromEntries(STORAGE_KINDS.map((kind) => [kind, 0])) as Record<StorageKind, number>;

export async function usageByKind(db: Kysely<Database>): Promise<KindUsage[]> {
  const rows = await db
    .selectFrom('storage_usage')
    .select([
      'kind',
      (eb) => eb.fn.sum<number>('bytes').as('bytes'),
      (eb) => eb.fn.countAll<number>().as('files'),
    ])
    .groupBy('kind')
    .execute();
  const found = new Map(rows.map((row) => [row.kind, row]));
  return STORAGE_KINDS.map((kind) => ({
    kind,
    bytes: Number(found.get(kind)?.bytes ?? 0),
    files: Number(found.get(kind)?.files ?? 0),
  }));
}

export async function usageByFlight(
  db: Kysely<Database>,
  { limit, offset }: { limit: number; offset: number },
): Promise<Page<FlightUsage>> {
  const totals = db
    .selectFrom('storage_usage')
    .select([
      'recording_id',
      (eb) => eb.fn.sum<number>('bytes').as('bytes'),
      (eb) => eb.fn.countAll<number>().as('files'),
    ])
    .groupBy('recording_id');
  const [page, count] = await Promise.all([
    db
      .selectFrom(totals.as('t'))
      .innerJoin('flight_recordings as r', 'r.id', 't.recording_id')
      .select(['r.id', 'r.passenger_names', 'r.flight_at', 'r.sold', 't.bytes', 't.files'])
      .orderBy('t.bytes', 'desc')
      .orderBy('r.flight_at', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('storage_usage')
      .select((eb) => eb.fn.count<number>('recording_id').distinct().as('flights'))
      .executeTakeFirst(),
  ]);
  const ids = page.map((row) => row.id);
  const [kinds, removals] = ids.length
    ? await Promise.all([
        db
          .selectFrom('storage_usage')
          .select(['recording_id', 'kind', (eb) => eb.fn.sum<number>('bytes').as('bytes')])
          .where('recording_id', 'in', ids)
          .groupBy(['recording_id', 'kind'])
          .execute(),
        db
          .selectFrom('media_removals')
          .select(['recording_id', (eb) => eb.fn.max('removed_at').as('at')])
          .where('recording_id', 'in', ids)
          .where('kind', '=', 'raw')
          .groupBy('recording_id')
          .execute(),
      ])
    : [[], []];
  const byKind = new Map<string, Record<StorageKind, number>>();
  for (const row of kinds) {
    const entry = byKind.get(row.recording_id) ?? zeroByKind();
    entry[row.kind] = Number(row.bytes);
    byKind.set(row.recording_id, entry);
  }
  const removedAt = new Map(removals.map((row) => [row.recording_id, row.at]));
  return {
    total: Number(count?.flights ?? 0),
    items: page.map((row) => ({
      recordingId: row.id,
      passengerNames: row.passenger_names,
      flightAt: row.flight_at,
      sold: row.sold === 1,
      bytes: Number(row.bytes),
      files: Number(row.files),
      bytesByKind: byKind.get(row.id) ?? zeroByKind(),
      rawRemovedAt: removedAt.get(row.id) ?? null,
    })),
  };
}

export async function removedSoFar(
  db: Kysely<Database>,
): Promise<{ flights: number; files: number; bytes: number }> {
  const row = await db
    .selectFrom('media_removals')
    .select((eb) => [
      eb.fn.count<number>('recording_id').distinct().as('flights'),
      eb.fn.coalesce(eb.fn.sum<number>('files'), eb.lit(0)).as('files'),
      eb.fn.coalesce(eb.fn.sum<number>('bytes'), eb.lit(0)).as('bytes'),
    ])
    .executeTakeFirst();
  return {
    flights: Number(row?.flights ?? 0),
    files: Number(row?.files ?? 0),
    bytes: Number(row?.bytes ?? 0),
  };
}
