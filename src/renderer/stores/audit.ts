// The audit log screen: newest first, filtered, a page at a time.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { AuditEntryView } from '../../shared/records';
import { callMagnum } from './call';

export interface AuditFilter {
  action?: string;
  entityType?: string;
}

interface AuditState {
  entries: AuditEntryView[];
  total: number;
  filter: AuditFilter;
  error: AppError | null;
  loading: boolean;
  load(filter?: AuditFilter): Promise<void>;
  loadMore(): Promise<void>;
}

const PAGE = 50;

export const useAuditStore = create<AuditState>((set, get) => ({
  entries: [],
  total: 0,
  filter: {},
  error: null,
  loading: false,
  async load(filter = get().filter) {
    set({ loading: true, filter });
    const result = await callMagnum((magnum) => magnum.audit.list({ limit: PAGE, offset: 0, ...filter }));
    set(
      result.ok
        ? { entries: result.value.items, total: result.value.total, error: null, loading: false }
        : { error: result.error, loading: false },
    );
  },
  async loadMore() {
    const { entries, filter } = get();
    set({ loading: true });
    const result = await callMagnum((magnum) =>
      magnum.audit.list({ limit: PAGE, offset: entries.length, ...filter }),
    );
    set(
      result.ok
        ? { entries: [...entries, ...result.value.items], total: result.value.total, loading: false }
        : { error: result.error, loading: false },
    );
  },
}));
