// The flights dashboard: flights the signed-in person may see (main applies the rules), narrowed by the
// filter bar, a page at a time; and the people the pilot and crew filters offer.
import { create } from 'zustand';
import type { Roster } from '../../shared/users';
import type { AppError } from '../../shared/errors';
import type { FlightFilter, RecordingListItem, RecordingPage } from '../../shared/recordings';
import { callMagnum } from '../shell/call';
import { createPagedStore } from '../shell/paged';

export const useFlightsStore = createPagedStore<RecordingListItem, FlightFilter, RecordingPage>(
  (magnum, page) => magnum.recordings.list(page),
  {},
);

/** Changes some filters and loads the first page; a field set to undefined is cleared. */
export function changeFlightFilter(change: Partial<FlightFilter>): Promise<void> {
  const next: FlightFilter = { ...useFlightsStore.getState().filter, ...change };
  for (const key of Object.keys(next) as Array<keyof FlightFilter>) {
    if (next[key] === undefined || next[key] === '') delete next[key];
  }
  return useFlightsStore.getState().load(next);
}

interface FlightRosterState {
  roster: Roster | null;
  error: AppError | null;
  load(): Promise<void>;
}

/** Pilots and ground staff for the filters (ground crew only: pilots see their own flights, no filter). */
export const useFlightRosterStore = create<FlightRosterState>((set) => ({
  roster: null,
  error: null,
  async load() {
    const result = await callMagnum((magnum) => magnum.users.roster({}));
    set(result.ok ? { roster: result.value, error: null } : { error: result.error });
  },
}));
