// The `recordings` area: flights — checking one in, the dashboard's list of them, and one flight with its
// scenes. Lists are filtered per user by the access rules.
import { z } from 'zod';
import type { SceneType, SceneView } from './capture';
import { emailSchema, phoneSchema } from './contact';
import { EXAMPLE_ID, GROUND_CREW, SIGNED_IN, channel, idSchema, pageInput, type Page } from './define';

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
  /** The scene a take is filming now on a screen of this kiosk (status `recording`), else null. */
  filmingScene: SceneType | null;
  salesTotalCents: number;
  createdAt: string;
  /** A poster frame of the flight's first filmed scene (made on request by the /thumbs/ route), or null. */
  posterUrl: string | null;
  /** A frame of the newest finished souvenir video, or null before one is made. */
  videoPosterUrl: string | null;
}

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

/** A page of flights, with the kiosk's own calendar day so the screen's "Today" means the kiosk's today. */
export interface RecordingPage extends Page<RecordingListItem> {
  /** 'YYYY-MM-DD' on the kiosk's clock. */
  today: string;
}

/** The storage rules removed a flight's raw footage: screens say so instead of showing a broken player. */
export interface FootageRemoval {
  removedAt: string;
  /** The verified backup that holds the footage; null when the admin removed it without one (by name). */
  backupGeneration: string | null;
}

export interface RecordingDetail {
  id: string;
  passengerNames: string;
  flightAt: string;
  customerEmail: string | null;
  customerPhone: string | null;
  pilotId: string | null;
  pilotName: string | null;
  staffMemberId: string | null;
  staffMemberName: string | null;
  notes: string | null;
  /** Where the passengers are from (self check-in), or null. */
  origin: string | null;
  /** vacation, birthday, special_event, bucket_list or other (self check-in), or null. */
  tripPurpose: 'vacation' | 'birthday' | 'special_event' | 'bucket_list' | 'other' | null;
  /** When the passengers signed the waiver (self check-in); null when they did not sign on the kiosk. */
  waiverAcceptedAt: string | null;
  sold: boolean;
  exportStatus: string;
  createdAt: string;
  /** Cruising, chase, arrival. */
  scenes: SceneView[];
  /** Set once the storage rules removed the raw footage (the newest removal). */
  footageRemoved: FootageRemoval | null;
}

const SEARCH_MAX = 100;
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const recordingsChannels = {
  'recordings.list': channel<RecordingPage>()({
    summary:
      'Flights: today’s first in flight-time order, then the rest newest first (one day: in flight-time order), ' +
      'narrowed by day, pilot, staff member, status and passenger name. Admins see all; crew those they created ' +
      'or are assigned to, and today’s unassigned; pilots those they flew.',
    input: z.strictObject({
      ...pageInput,
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
  'recordings.checkIn': channel<RecordingDetail>()({
    summary: 'Checks a flight in: the recording with its three scenes and eight slots.',
    input: z.strictObject({
      passengerNames: z.string().trim().min(1, 'Enter at least one passenger name.').max(200),
      customerEmail: emailSchema.optional(),
      customerPhone: phoneSchema.optional(),
      pilotId: idSchema.nullable().optional(),
      staffMemberId: idSchema.nullable().optional(),
      flightAt: z.iso.datetime({ offset: true }).optional(),
      notes: optionalText(2000),
    }),
    access: GROUND_CREW,
    example: { passengerNames: 'Ana Silva, Ben Silva', customerEmail: 'ana@example.com' },
  }),
  'recordings.get': channel<RecordingDetail>()({
    summary: 'One flight with its scenes and footage, if the caller may see it.',
    input: z.strictObject({ id: idSchema }),
    access: SIGNED_IN,
    example: { id: EXAMPLE_ID },
  }),
};
