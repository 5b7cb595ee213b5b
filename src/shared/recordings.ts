// The `recordings`, `sales` and `audit` areas as far as the access rules need them: lists filtered per user.
import { z } from 'zod';
import { channel, type UserRole } from './define';
import { idSchema } from './users';

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
  /** A poster frame of the flight's first filmed scene (made on request by the /thumbs/ route), or null. */
  posterUrl: string | null;
  /** A frame of the newest finished souvenir video, or null before one is made. */
  videoPosterUrl: string | null;
}

/** The dashboard's status filter: not sold yet, exported (video made), or sold. */
export const FLIGHT_STATUS_FILTERS = ['unsold', 'exported', 'sold'] as const;
export type FlightStatusFilter = (typeof FLIGHT_STATUS_FILTERS)[number];

/** What the flights dashboard can narrow the list to; every field is optional and they combine (AND). */
export interface FlightFilter {
  /** A calendar day on the kiosk's clock, 'YYYY-MM-DD'. Without it, today's flights come first. */
  day?: string;
  pilotId?: string;
  staffMemberId?: string;
  status?: FlightStatusFilter;
  /** Part of a passenger's name, any case. */
  search?: string;
}

export interface SaleListItem {
  id: string;
  recordingId: string;
  passengerNames: string;
  bundle: string;
  bundleLabel: string;
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

/** A page of flights, with the kiosk's own calendar day so the screen's "Today" means the kiosk's today. */
export interface RecordingPage extends Page<RecordingListItem> {
  /** 'YYYY-MM-DD' on the kiosk's clock. */
  today: string;
}

const SEARCH_MAX = 100;

export const recordChannels = {
  'recordings.list': channel<RecordingPage>()({
    summary:
      'Flights: today’s first in flight-time order, then the rest newest first (one day: in flight-time order), ' +
      'narrowed by day, pilot, staff member, status and passenger name. Admins see all; crew those they created ' +
      'or are assigned to, and today’s unassigned; pilots those they flew.',
    input: z.strictObject({
      ...page,
      day: z.iso.date('Pick a day as YYYY-MM-DD, for example 2025-06-01.').optional(),
      pilotId: idSchema.optional(),
      staffMemberId: idSchema.optional(),
      status: z.enum(FLIGHT_STATUS_FILTERS, 'Status must be unsold, exported or sold.').optional(),
      search: z
        .string()
        .trim()
        .max(SEARCH_MAX, `Search for at most ${SEARCH_MAX} characters of a passenger’s name.`)
        .optional(),
    }),
    access: SIGNED_IN,
    example: { limit: 20, offset: 0, day: '2025-06-01', status: 'unsold', search: 'Keller' },
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
