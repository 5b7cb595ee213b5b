import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { listAuditEntries } from './list';

export type AuditHandlers = Pick<Handlers, 'audit.list'>;

export function auditHandlers(data: DataAccess): AuditHandlers {
  return {
    'audit.list': (input) => listAuditEntries(data.db(), input),
  };
}
