// A list main serves a page at a time (newest first), with an optional filter: load, then "show more".
import { create } from 'zustand';
import type { MagnumApi } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import type { Page } from '../../shared/define';
import { callMagnum } from './call';

export interface PagedState<T, F, P extends Page<T> = Page<T>> {
  items: T[];
  total: number;
  filter: F;
  /** The latest page main sent, for what a page carries besides its items (e.g. the kiosk's today). */
  lastPage: P | null;
  error: AppError | null;
  loading: boolean;
  /** First page, with a new filter when one is given. */
  load(filter?: F): Promise<void>;
  /** The next page; does nothing while a page is on its way or when everything is loaded. */
  loadMore(): Promise<void>;
}

export const PAGE_SIZE = 50;

export function createPagedStore<T, F extends object, P extends Page<T> = Page<T>>(
  fetchPage: (magnum: MagnumApi, page: { limit: number; offset: number } & F) => Promise<Result<P>>,
  initialFilter: F,
) {
  return create<PagedState<T, F, P>>((set, get) => {
    // Each request's number: an answer to a request that a newer one replaced (a filter changed while it
    // was on its way) is dropped, so the list never shows one filter's flights under another's chips.
    let latest = 0;
    const fetchFrom = async (offset: number, filter: F, keep: T[]) => {
      const request = ++latest;
      set({ loading: true, filter });
      const result = await callMagnum((magnum) => fetchPage(magnum, { limit: PAGE_SIZE, offset, ...filter }));
      if (request !== latest) return;
      set(
        result.ok
          ? {
              items: [...keep, ...result.value.items],
              total: result.value.total,
              lastPage: result.value,
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
      lastPage: null,
      error: null,
      loading: false,
      load: (filter = get().filter) => fetchFrom(0, filter, []),
      loadMore: async () => {
        const { loading, items, total, filter } = get();
        if (loading || items.length >= total) return;
        await fetchFrom(items.length, filter, items);
      },
    };
  });
}
