// The data model's row-level rules. SQLite has no RLS, so each rule is written twice here: as a pure
// predicate (for one row already loaded) and as a kysely filter (for lists), and the tests hold both to the
// same fixed data. Services apply them; handlers never filter rows themselves.
//
// - users: admins see everyone, anyone else only their own row.
// - flight recordings: admins all; crew those they created or are assigned to (staff_member), plus today's
//   unassigned ones so a walk-in can be picked up; pilots the flights they flew.
// - sales: admins all; everyone else the sales they made (staff_member).
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { UserRole } from '../../../db/schema';

export interface Viewer {
  id: string;
  role: UserRole;
}

/** The kiosk's local calendar day as a half-open UTC range [start, end), in ISO text like flight_at. */
export interface LocalDay {
  start: string;
  end: string;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * The local day containing `now`, for a clock `utcOffsetMinutes` east of UTC (UTC+2 is 120). Taken as
 * parameters, not read from the machine, so the rule is the same in a test in any time zone.
 */
export function localDay(now: Date, utcOffsetMinutes: number): LocalDay {
  const offsetMs = utcOffsetMinutes * 60_000;
  const localMidnight = Math.floor((now.getTime() + offsetMs) / DAY_MS) * DAY_MS;
  const start = localMidnight - offsetMs;
  return { start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString() };
}

export interface RecordingOwnership {
  created_by: string | null;
  staff_member: string | null;
  pilot_id: string | null;
  flight_at: string;
}

export function canSeeRecording(viewer: Viewer, recording: RecordingOwnership, today: LocalDay): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'pilot':
      return recording.pilot_id === viewer.id;
    case 'crew':
      return (
        recording.created_by === viewer.id ||
        recording.staff_member === viewer.id ||
        (recording.staff_member === null &&
          recording.flight_at >= today.start &&
          recording.flight_at < today.end)
      );
  }
}

/** `canSeeRecording` as a filter on a query over flight_recordings or recording_summary aliased `r`. */
export function recordingVisibleTo(viewer: Viewer, today: LocalDay) {
  return (eb: ExpressionBuilder<{ r: RecordingOwnership }, 'r'>): Expression<SqlBool> => {
    switch (viewer.role) {
      case 'admin':
        return eb.and([]);
      case 'pilot':
        return eb('r.pilot_id', '=', viewer.id);
      case 'crew':
        return eb.or([
          eb('r.created_by', '=', viewer.id),
          eb('r.staff_member', '=', viewer.id),
          eb.and([
            eb('r.staff_member', 'is', null),
            eb('r.flight_at', '>=', today.start),
            eb('r.flight_at', '<', today.end),
          ]),
        ]);
    }
  };
}

export function canSeeSale(viewer: Viewer, sale: { staff_member: string | null }): boolean {
  return viewer.role === 'admin' || sale.staff_member === viewer.id;
}

/** `canSeeSale` as a filter on a query over sales aliased `s`. */
export function saleVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<{ s: { staff_member: string | null } }, 's'>): Expression<SqlBool> =>
    viewer.role === 'admin' ? eb.and([]) : eb('s.staff_member', '=', viewer.id);
}

export function canSeeUser(viewer: Viewer, user: { id: string }): boolean {
  return viewer.role === 'admin' || user.id === viewer.id;
}

/** `canSeeUser` as a filter on a query over users aliased `u`. */
export function userVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<{ u: { id: string } }, 'u'>): Expression<SqlBool> =>
    viewer.role === 'admin' ? eb.and([]) : eb('u.id', '=', viewer.id);
}
