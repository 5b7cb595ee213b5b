// The `audit` area (admin): who did what and when, newest first.
import { z } from 'zod';
import { ADMIN_ONLY, channel, idSchema, pageInput, type Page } from './define';

export interface AuditEntryView {
  id: string;
  createdAt: string;
  userId: string | null;
  userName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export const auditChannels = {
  'audit.list': channel<Page<AuditEntryView>>()({
    summary: 'The audit log, newest first, filtered by action, kind of record or person.',
    input: z.strictObject({
      ...pageInput,
      action: z.string().trim().min(1).max(60).optional(),
      entityType: z.string().trim().min(1).max(60).optional(),
      userId: idSchema.optional(),
    }),
    access: ADMIN_ONLY,
    example: { limit: 50, offset: 0, action: 'sign_in' },
  }),
};
