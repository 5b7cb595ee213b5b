// The sales desk as the screens see it: flights ready to sell, one flight at checkout, a sale and its receipt,
// the recent sales, and (admins) the bundle catalogue. Main decides everything; these only keep its answers.
import { create } from 'zustand';
import type { RawInputOf } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { BundleView } from '../../shared/bundles';
import type { CheckoutView, ReadyFlight, SaleListItem, SaleView } from '../../shared/sales';
import { callMagnum } from '../shell/call';
import { createPagedStore } from '../shell/paged';

interface ReadyState {
  flights: ReadyFlight[];
  error: AppError | null;
  loading: boolean;
  load(search?: string): Promise<void>;
}

export const useReadyStore = create<ReadyState>((set) => {
  let latest = 0;
  return {
    flights: [],
    error: null,
    loading: false,
    async load(search) {
      const request = ++latest;
      set({ loading: true });
      const result = await callMagnum((magnum) => magnum.sales.ready(search ? { search } : {}));
      if (request !== latest) return; // a newer search replaced this one
      set(
        result.ok
          ? { flights: result.value, error: null, loading: false }
          : { error: result.error, loading: false },
      );
    },
  };
});

export const useRecentSalesStore = createPagedStore<SaleListItem, Record<string, never>>(
  (magnum, page) => magnum.sales.list(page),
  {},
);

interface CheckoutState {
  view: CheckoutView | null;
  error: AppError | null;
  /** A refused sale, shown beside the form so nothing typed is lost. */
  saleError: AppError | null;
  selling: boolean;
  load(recordingId: string): Promise<void>;
  /** The new sale, or null when main refused it (saleError says why). */
  sell(input: RawInputOf<'sales.create'>): Promise<SaleView | null>;
  clearSaleError(): void;
}

export const useCheckoutStore = create<CheckoutState>((set, get) => ({
  view: null,
  error: null,
  saleError: null,
  selling: false,
  async load(recordingId) {
    // Another flight's view never shows under this one's heading; the same flight's stays while it refreshes.
    if (get().view?.flight.recordingId !== recordingId) set({ view: null, error: null });
    const result = await callMagnum((magnum) => magnum.sales.checkout({ recordingId }));
    set(result.ok ? { view: result.value, error: null } : { error: result.error });
  },
  async sell(input) {
    set({ selling: true, saleError: null });
    const result = await callMagnum((magnum) => magnum.sales.create(input));
    set({ selling: false, saleError: result.ok ? null : result.error });
    return result.ok ? result.value : null;
  },
  clearSaleError: () => set({ saleError: null }),
}));

interface SaleState {
  sale: SaleView | null;
  error: AppError | null;
  undoError: AppError | null;
  busy: boolean;
  load(saleId: string): Promise<void>;
  /** Voids or refunds the sale (admins); true when main did it. */
  undo(status: 'voided' | 'refunded', reason: string): Promise<boolean>;
}

export const useSaleStore = create<SaleState>((set, get) => ({
  sale: null,
  error: null,
  undoError: null,
  busy: false,
  async load(saleId) {
    if (get().sale?.id !== saleId) set({ sale: null, error: null });
    const result = await callMagnum((magnum) => magnum.sales.get({ saleId }));
    set(result.ok ? { sale: result.value, error: null } : { error: result.error });
  },
  async undo(status, reason) {
    const sale = get().sale;
    if (!sale) return false;
    set({ busy: true, undoError: null });
    const result = await callMagnum((magnum) => magnum.sales.void({ saleId: sale.id, status, reason }));
    set(result.ok ? { sale: result.value, busy: false } : { undoError: result.error, busy: false });
    return result.ok;
  },
}));

interface BundlesState {
  bundles: BundleView[];
  currency: string | null;
  error: AppError | null;
  saveError: AppError | null;
  saving: boolean;
  load(): Promise<void>;
  /** True when main saved it; the list is then reloaded so the order and counts are main's. */
  save(input: RawInputOf<'bundles.save'>): Promise<boolean>;
  clearSaveError(): void;
}

export const useBundlesStore = create<BundlesState>((set, get) => ({
  bundles: [],
  currency: null,
  error: null,
  saveError: null,
  saving: false,
  async load() {
    const result = await callMagnum((magnum) => magnum.bundles.list({ includeInactive: true }));
    set(
      result.ok
        ? { bundles: result.value.bundles, currency: result.value.currency, error: null }
        : { error: result.error },
    );
  },
  async save(input) {
    set({ saving: true, saveError: null });
    const result = await callMagnum((magnum) => magnum.bundles.save(input));
    set({ saving: false, saveError: result.ok ? null : result.error });
    if (result.ok) await get().load();
    return result.ok;
  },
  clearSaveError: () => set({ saveError: null }),
}));
