// Flights the signed-in person may see (main applies the rules), newest first.
import type { RecordingListItem } from '../../shared/records';
import { createPagedStore } from './paged';

export const useFlightsStore = createPagedStore<RecordingListItem, Record<string, never>>(
  (magnum, page) => magnum.recordings.list(page),
  {},
);
