// The flights dashboard's list: the flights this person may see (access/rules.ts), narrowed by the dashboard's
// filters, today's first, a page at a time, with the figures from recording_summary and a poster thumbnail.
//
// Two steps, so the view's per-flight figures are computed only for the page on screen: first the page's ids
// from flight_recordings (filter, order, LIMIT/OFFSET: a sort over narrow rows), then recording_summary for
// those ids. One query ordered by a summary column would compute every figure for every visible flight
// before sorting them.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { FOLD_CASE_SQL, foldCase } from '../../../db/unicode';
import type { FlightFilter, RecordingListItem, RecordingPage } from '../../shared/recordings';
import { posterPathOf } from '../exports/jobs';
import { thumbUrl } from '../media/thumb-url';
import { mediaUrl } from '../media/url';
import { localDay, recordingVisibleTo, type LocalDay, type Viewer } from '../access/rules';

/** Any character outside ASCII (GLOB ranges compare code points). */
const NON_ASCII_GLOB = '*[^\u0001-\u007f]*';

/** The kiosk's clock: what "today" and a calendar day mean for the list. */
export interface KioskClock {
  now: Date;
  /** Minutes east of UTC at that moment (DataAccess.utcOffsetMinutes). */
  utcOffsetMinutes(at: Date): number;
}

export type RecordingListInput = { limit: number; offset: number } & FlightFilter;

const MINUTE_MS = 60_000;

/** The UTC range of a calendar day 'YYYY-MM-DD' on the kiosk's clock (its offset at that day's noon). */
export function calendarDayRange(day: string, utcOffsetMinutes: (at: Date) => number): LocalDay {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const noonUtc = Date.UTC(year, month - 1, date, 12);
  const offset = utcOffsetMinutes(new Date(noonUtc));
  return localDay(new Date(noonUtc - offset * MINUTE_MS), offset);
}

/** 'YYYY-MM-DD' of the local day containing `now`. */
export function calendarDayOf(now: Date, utcOffsetMinutes: number): string {
  return new Date(now.getTime() + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}

type FlightsAlias = { r: Database['flight_recordings'] };

/** The dashboard's filters as one WHERE over flight_recordings aliased `r`, access rule included. */
function matchesFilter(viewer: Viewer, today: LocalDay, filter: FlightFilter, clock: KioskClock) {
  const visible = recordingVisibleTo(viewer, today);
  return (eb: ExpressionBuilder<FlightsAlias, 'r'>) => {
    const terms = [visible(eb)];
    if (filter.day) {
      const range = calendarDayRange(filter.day, clock.utcOffsetMinutes);
      terms.push(eb('r.flight_at', '>=', range.start), eb('r.flight_at', '<', range.end));
    }
    if (filter.pilotId) terms.push(eb('r.pilot_id', '=', filter.pilotId));
    if (filter.staffMemberId) terms.push(eb('r.staff_member', '=', filter.staffMemberId));
    // Literals, not parameters, for sold: "sold = 0" then matches idx_flight_recordings_unsold's predicate.
    if (filter.status === 'unsold') terms.push(eb('r.sold', '=', eb.lit(0)));
    if (filter.status === 'sold') terms.push(eb('r.sold', '=', eb.lit(1)));
    if (filter.status === 'exported') terms.push(eb('r.export_status', '=', 'completed'));
    const search = filter.search?.trim();
    if (search) {
      // instr, not LIKE: the operator's "%" or "_" is a plain character, so there is nothing to escape.
      // fold_case, not lower() (A-Z only): "ørjan" finds "Ørjan", "strasse" finds "Straße". A name in plain
      // ASCII folds exactly by the built-in lower(), which spares the call into JavaScript for most rows.
      const folded = eb
        .case()
        .when(eb.fn('glob', [eb.val(NON_ASCII_GLOB), 'r.passenger_names']), '=', 1)
        .then(eb.fn<string>(FOLD_CASE_SQL, ['r.passenger_names']))
        .else(eb.fn<string>('lower', ['r.passenger_names']))
        .end();
      terms.push(eb(eb.fn('instr', [folded, eb.val(foldCase(search))]), '>', 0));
    }
    return eb.and(terms);
  };
}

/** The page's ids in dashboard order: one day in flight-time order; otherwise today's first, then newest. */
function pageIdsQuery(
  db: Kysely<Database>,
  viewer: Viewer,
  input: RecordingListInput,
  today: LocalDay,
  clock: KioskClock,
) {
  const query = db
    .selectFrom('flight_recordings as r')
    .select('r.id')
    .where(matchesFilter(viewer, today, input, clock));
  const ordered = input.day
    ? query.orderBy('r.flight_at', 'asc')
    : query
        .orderBy((eb) =>
          eb
            .case()
            .when(eb.and([eb('r.flight_at', '>=', today.start), eb('r.flight_at', '<', today.end)]))
            .then(eb.lit(0))
            .else(eb.lit(1))
            .end(),
        )
        .orderBy((eb) =>
          eb
            .case()
            .when(eb.and([eb('r.flight_at', '>=', today.start), eb('r.flight_at', '<', today.end)]))
            .then(eb.ref('r.flight_at'))
            .end(),
        )
        .orderBy('r.flight_at', 'desc');
  return ordered.orderBy('r.id').limit(input.limit).offset(input.offset);
}

/** recording_summary for a page's ids, with names and the poster scene, in one pass (no fan-out). */
function summaryQuery(db: Kysely<Database>, ids: string[]) {
  return db
    .selectFrom('recording_summary as s')
    .leftJoin('users as pilot', 'pilot.id', 's.pilot_id')
    .leftJoin('users as staff', 'staff.id', 's.staff_member')
    .select((eb) => [
      's.id',
      's.passenger_names',
      's.flight_at',
      's.pilot_id',
      'pilot.name as pilot_name',
      's.staff_member',
      'staff.name as staff_name',
      's.sold',
      's.export_status',
      's.scene_count',
      's.recorded_scene_count',
      's.sales_total_cents',
      's.created_at',
      // The first scene with footage; its camera 1 when it has it. One correlated row, as JSON text.
      eb
        .selectFrom('scene_recordings as sc')
        .select((sub) =>
          sub
            .fn<string>('json_array', [
              'sc.id',
              sub.case().when('sc.camera1_path', 'is not', null).then(eb.lit(1)).else(eb.lit(2)).end(),
              'sc.updated_at',
            ])
            .as('poster'),
        )
        .whereRef('sc.recording_id', '=', 's.id')
        .where((sub) =>
          sub.or([sub('sc.camera1_path', 'is not', null), sub('sc.camera2_path', 'is not', null)]),
        )
        .orderBy('sc.scene_index')
        .limit(1)
        .as('poster'),
      // The newest finished video, for its poster: the dashboard shows what the passenger will get.
      eb
        .selectFrom('export_jobs as j')
        .select((sub) => sub.fn<string>('json_array', ['j.output_path', 'j.finished_at']).as('video'))
        .whereRef('j.recording_id', '=', 's.id')
        .where('j.kind', '=', 'video')
        .where('j.status', '=', 'completed')
        .where('j.output_path', 'is not', null)
        .orderBy('j.finished_at', 'desc')
        .limit(1)
        .as('video'),
      // A take in progress on any screen of the kiosk: the row says "Filming" rather than "Not filmed yet".
      eb
        .selectFrom('scene_recordings as f')
        .select('f.scene_type')
        .whereRef('f.recording_id', '=', 's.id')
        .where('f.status', '=', 'recording')
        .orderBy('f.scene_index')
        .limit(1)
        .as('filming_scene'),
    ])
    .where('s.id', 'in', ids);
}

function videoPosterUrlOf(video: string | null): string | null {
  if (!video) return null;
  const [outputPath, finishedAt] = JSON.parse(video) as [string, string | null];
  return mediaUrl(posterPathOf(outputPath), finishedAt ? String(Date.parse(finishedAt)) : undefined);
}

function posterUrlOf(poster: string | null): string | null {
  if (!poster) return null;
  const [sceneId, camera, updatedAt] = JSON.parse(poster) as [string, 1 | 2, string];
  return thumbUrl(sceneId, camera, 'poster', String(Date.parse(updatedAt)));
}

export async function listRecordings(
  db: Kysely<Database>,
  viewer: Viewer,
  input: RecordingListInput,
  clock: KioskClock,
): Promise<RecordingPage> {
  const todayOffset = clock.utcOffsetMinutes(clock.now);
  const today = localDay(clock.now, todayOffset);
  const [pageIds, count] = await Promise.all([
    pageIdsQuery(db, viewer, input, today, clock).execute(),
    db
      .selectFrom('flight_recordings as r')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where(matchesFilter(viewer, today, input, clock))
      .executeTakeFirstOrThrow(),
  ]);
  const ids = pageIds.map((row) => row.id);
  const rows = ids.length === 0 ? [] : await summaryQuery(db, ids).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items: RecordingListItem[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue; // deleted between the two reads
    items.push({
      id: row.id,
      passengerNames: row.passenger_names,
      flightAt: row.flight_at,
      pilotId: row.pilot_id,
      pilotName: row.pilot_name,
      staffMemberId: row.staff_member,
      staffMemberName: row.staff_name,
      sold: row.sold === 1,
      exportStatus: row.export_status,
      sceneCount: Number(row.scene_count),
      recordedSceneCount: Number(row.recorded_scene_count),
      filmingScene: row.filming_scene ?? null,
      salesTotalCents: Number(row.sales_total_cents),
      createdAt: row.created_at,
      posterUrl: posterUrlOf(row.poster),
      videoPosterUrl: videoPosterUrlOf(row.video),
    });
  }
  return { items, total: Number(count.total), today: calendarDayOf(clock.now, todayOffset) };
}

/** The queries behind one call, for EXPLAIN QUERY PLAN in bench/dashboard.ts. */
export function recordingListQueries(
  db: Kysely<Database>,
  viewer: Viewer,
  input: RecordingListInput,
  clock: KioskClock,
) {
  const today = localDay(clock.now, clock.utcOffsetMinutes(clock.now));
  return {
    pageIds: pageIdsQuery(db, viewer, input, today, clock),
    summary: (ids: string[]) => summaryQuery(db, ids),
  };
}
