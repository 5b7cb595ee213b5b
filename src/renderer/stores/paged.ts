// A list main serves a page at a time (newest first), with an optional filter: load, then "show more".
import { create } from 'zustand';
import type { MagnumApi } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import type { Page } from '../../shared/records';
import { callMagnum } from './call';

export interface PagedState<T, F> {
  items: T[];
  total: number;
  filter: F;
  error: AppError | null;
  loading: boolean;
  /** First page, with a new filter when one is given. */
  load(filter?: F): Promise<void>;
  loadMore(): Promise<void>;
}

const PAGE = 50;

export function createPagedStore<T, F extends object>(
  fetchPage: (magnum: MagnumApi, page: { limit: number; offset: number } & F) => Promise<Result<Page<T>>>,
  initialFilter: F,
) {
  return create<PagedState<T, F>>((set, get) => {
    const fetchFrom = async (offset: number, filter: F, keep: T[]) => {
      set({ loading: true, filter });
      const result = await callMagnum((magnum) => fetchPage(magnum, { limit: PAGE, offset, ...filter }));
      set(
        result.ok
          ? {
              items: [...keep, ...result.value.items],
              total: result.value.total,
              error: null,
              loading: false,
            }
          : { error: result.error, loading: false },
      );
    };
    return {
      items: [],
      total: 0,
      filter: initialFilter,
      error: null,
      loading: false,
      load: (filter = get().filter) => fetchFrom(0, filter, []),
      loadMore: () => fetchFrom(get().items.length, get().filter, get().items),
    };
  });
}
