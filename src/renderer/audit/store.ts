// The audit log screen: newest first, filtered, a page at a time.
import type { AuditEntryView } from '../../shared/audit';
import { createPagedStore } from '../shell/paged';

export interface AuditFilter {
  action?: string;
  entityType?: string;
}

export const useAuditStore = createPagedStore<AuditEntryView, AuditFilter>(
  (magnum, page) => magnum.audit.list(page),
  {},
);
