// The `recordings`, `sales` and `audit` areas as far as the access rules need them: lists filtered per user.
import { z } from 'zod';
import { channel, type UserRole } from './define';
import { idSchema } from './people';

const SIGNED_IN: readonly UserRole[] = ['admin', 'crew', 'pilot'];

const page = {
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
};

export interface RecordingListItem {
  id: string;
  passengerNames: string;
  flightAt: string;
  pilotId: string | null;
  pilotName: string | null;
  staffMemberId: string | null;
  staffMemberName: string | null;
  sold: boolean;
  exportStatus: string;
  sceneCount: number;
  recordedSceneCount: number;
  salesTotalCents: number;
  createdAt: string;
}

export interface SaleListItem {
  id: string;
  recordingId: string;
  passengerNames: string;
  bundle: string;
  amountCents: number;
  currency: string;
  paymentMethod: string;
  status: string;
  staffMemberId: string | null;
  staffMemberName: string | null;
  saleDate: string;
}

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

export interface Page<T> {
  items: T[];
  total: number;
}

export const recordChannels = {
  'recordings.list': channel<Page<RecordingListItem>>()({
    summary:
      'Flights, newest first. Admins see all; crew those they created or are assigned to, and today’s unassigned; pilots those they flew.',
    input: z.strictObject(page),
    access: SIGNED_IN,
    example: { limit: 20, offset: 0 },
  }),
  'sales.list': channel<Page<SaleListItem>>()({
    summary: 'Sales, newest first. Admins see all; crew the sales they made.',
    input: z.strictObject({ ...page, recordingId: idSchema.optional() }),
    access: ['admin', 'crew'],
    example: { limit: 20, offset: 0 },
  }),
  'audit.list': channel<Page<AuditEntryView>>()({
    summary: 'The audit log, newest first, filtered by action, kind of record or person.',
    input: z.strictObject({
      ...page,
      action: z.string().trim().min(1).max(60).optional(),
      entityType: z.string().trim().min(1).max(60).optional(),
      userId: idSchema.optional(),
    }),
    access: ['admin'],
    example: { limit: 50, offset: 0, action: 'sign_in' },
  }),
};
