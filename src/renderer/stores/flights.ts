// Flights the signed-in person may see (main applies the rules), newest first.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { RecordingListItem } from '../../shared/records';
import { callMagnum } from './call';

interface FlightsState {
  items: RecordingListItem[];
  total: number;
  error: AppError | null;
  loading: boolean;
  load(): Promise<void>;
  loadMore(): Promise<void>;
}

const PAGE = 50;

export const useFlightsStore = create<FlightsState>((set, get) => ({
  items: [],
  total: 0,
  error: null,
  loading: false,
  async load() {
    set({ loading: true });
    const result = await callMagnum((magnum) => magnum.recordings.list({ limit: PAGE, offset: 0 }));
    set(
      result.ok
        ? { items: result.value.items, total: result.value.total, error: null, loading: false }
        : { error: result.error, loading: false },
    );
  },
  async loadMore() {
    const { items } = get();
    set({ loading: true });
    const result = await callMagnum((magnum) =>
      magnum.recordings.list({ limit: PAGE, offset: items.length }),
    );
    set(
      result.ok
        ? { items: [...items, ...result.value.items], total: result.value.total, loading: false }
        : { error: result.error, loading: false },
    );
  },
}));
