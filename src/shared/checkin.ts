// The `checkin` area: passengers check themselves in on a screen an admin has locked to "Passenger check-in",
// each signing the liability waiver with a finger; the crew turn a waiting check-in into a flight in one tap.
// The passenger channels are public but need the locked screen's device token: without one nothing is accepted.
import { z } from 'zod';
import { emailSchema, phoneSchema } from './contact';
import { ADMIN_ONLY, EXAMPLE_ID, GROUND_CREW, SIGNED_IN, channel, idSchema } from './define';

/** The data model's trip purposes (flight_recordings.trip_purpose), in the order the form shows them. */
export const TRIP_PURPOSES = ['vacation', 'birthday', 'special_event', 'bucket_list', 'other'] as const;
export type TripPurposeChoice = (typeof TRIP_PURPOSES)[number];
export const TRIP_PURPOSE_LABELS: Record<TripPurposeChoice, string> = {
  vacation: 'Vacation',
  birthday: 'Birthday',
  special_event: 'Special event',
  bucket_list: 'Bucket list',
  other: 'Something else',
};

/** Languages the crew can brief in; the form offers these as buttons. */
export const CHECKIN_LANGUAGES = ['English', 'Deutsch', 'Français', 'Español', 'Italiano'] as const;

/**
 * A locked screen has not signed in, so the kiosk host holds its messages to 64 KiB (src/main/kiosk/
 * socket-limits.ts): four signatures of at most 14 KB fit with room to spare. A finger signature on the pad
 * (transparent background, dark strokes) is 2–8 KB.
 */
export const MAX_PASSENGERS = 4;
export const MAX_SIGNATURE_BYTES = 14 * 1024;
export const WAIVER_TEXT_MAX = 20_000;
/** A screen may send this many check-ins in RATE_WINDOW_MINUTES; a family needs one. */
export const SUBMITS_PER_WINDOW = 10;
export const RATE_WINDOW_MINUTES = 10;

/** A check-in screen's token: 32 random bytes, base64url (what main makes). */
export const deviceTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This screen is not set up for passenger check-in. Ask the crew.');

const EXAMPLE_TOKEN = 'oTsXVNySiCbUNdA70K1VWywWERRpVt8B-HJ7t-FNNTA';
/** The 8-byte PNG signature followed by nothing: enough for the harness to mutate; main refuses it as no image. */
const EXAMPLE_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const shortText = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters.`).optional();

export interface WaiverVersionView {
  id: string;
  version: number;
  text: string;
  createdAt: string;
  createdBy: string | null;
  /** How many passengers signed this version. */
  signatures: number;
}

/** What a locked screen needs to show the form: the current waiver. */
export interface CheckinForm {
  waiver: { id: string; version: number; text: string };
}

export interface WaitingCheckin {
  id: string;
  passengerNames: string;
  createdAt: string;
  preferredFlightAt: string | null;
  origin: string | null;
  tripPurpose: TripPurposeChoice | null;
  language: string | null;
  /** Every passenger of it signed (always true for a check-in from the form; shown so the crew can see it). */
  signed: boolean;
  signatures: number;
  waiverVersion: number | null;
}

/** A flight the crew checked in by hand that still has no signed waiver: a self check-in can be added to it. */
export interface UnsignedFlight {
  id: string;
  passengerNames: string;
  flightAt: string;
  /** Scenes already filmed (possible while a waiver is not required, or before anyone noticed). */
  filmedScenes: number;
}

/** How many flights without a waiver the conversion dialog offers: a short list, newest first. */
export const UNSIGNED_FLIGHTS_SHOWN = 6;

export const checkinChannels = {
  'checkin.lockScreen': channel<{ deviceToken: string }>()({
    summary:
      'Turns this screen into passenger check-in: makes the screen’s device token and ends the admin’s session here.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'checkin.unlockScreen': channel<{ unlocked: true }>()({
    summary:
      'A staff member who signed in on a check-in screen gives it back to the crew: its token stops working.',
    input: z.strictObject({ deviceToken: deviceTokenSchema }),
    access: SIGNED_IN,
    example: { deviceToken: EXAMPLE_TOKEN },
  }),
  'checkin.screens': channel<{ live: number }>()({
    summary: 'How many screens are set up for passenger check-in now (their tokens still work).',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'checkin.stopScreens': channel<{ stopped: number }>()({
    summary:
      'Stops every passenger check-in screen at once (a tablet lost or taken): their tokens stop working.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'checkin.form': channel<CheckinForm>()({
    summary: 'What a passenger check-in screen shows: the current waiver. Needs the screen’s device token.',
    input: z.strictObject({ deviceToken: deviceTokenSchema }),
    access: 'public',
    example: { deviceToken: EXAMPLE_TOKEN },
  }),
  'checkin.submit': channel<{ received: true }>()({
    summary:
      'A passenger check-in: names and one finger signature (PNG) each, contact details, the intake questions.',
    input: z.strictObject({
      deviceToken: deviceTokenSchema,
      passengers: z
        .array(
          z.strictObject({
            name: z
              .string()
              .trim()
              .min(1, 'Enter each passenger’s name.')
              .max(80, 'A name is at most 80 characters.'),
            signature: z
              .instanceof(Uint8Array, { message: 'Each passenger signs with a finger.' })
              .refine((bytes) => bytes.byteLength <= MAX_SIGNATURE_BYTES, 'That signature is too large.'),
          }),
        )
        .min(1, 'Enter at least one passenger.')
        .max(MAX_PASSENGERS, `At most ${MAX_PASSENGERS} passengers check in together.`),
      customerEmail: emailSchema.optional(),
      customerPhone: phoneSchema.optional(),
      origin: shortText(100),
      referralSource: shortText(100),
      tripPurpose: z.enum(TRIP_PURPOSES, 'Pick the purpose of the trip.').optional(),
      language: shortText(40),
      contactConsent: z.boolean(),
      preferredFlightAt: z.iso.datetime({ offset: true }).optional(),
      waiverVersionId: idSchema,
      waiverAgreed: z.literal(true, 'Read the waiver and tick that you agree to it.'),
    }),
    access: 'public',
    example: {
      deviceToken: EXAMPLE_TOKEN,
      passengers: [{ name: 'Ana Silva', signature: EXAMPLE_PNG }],
      customerEmail: 'ana@example.com',
      origin: 'Lisbon',
      referralSource: 'Hotel',
      tripPurpose: 'birthday',
      language: 'English',
      contactConsent: false,
      waiverVersionId: EXAMPLE_ID,
      waiverAgreed: true,
    },
  }),
  'checkin.waiting': channel<WaitingCheckin[]>()({
    summary: 'Self check-ins waiting for the crew, oldest first.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'checkin.unsignedFlights': channel<UnsignedFlight[]>()({
    summary:
      'Today’s and upcoming unsold flights this person may open that have no signed waiver yet, newest first.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'checkin.convert': channel<{ recordingId: string }>()({
    summary:
      'Turns a waiting self check-in into a flight with the pilot and time chosen, or adds it to an existing flight without a waiver (recordingId); the signatures go with it.',
    input: z.strictObject({
      id: idSchema,
      pilotId: idSchema.nullable(),
      flightAt: z.iso.datetime({ offset: true }),
      /** Add the check-in to this flight instead of making one: its pilot and time stay, pilotId/flightAt are not used. */
      recordingId: idSchema.optional(),
    }),
    access: GROUND_CREW,
    example: { id: EXAMPLE_ID, pilotId: null, flightAt: '2025-06-01T09:30:00.000Z' },
  }),
  'checkin.dismiss': channel<{ dismissed: true }>()({
    summary: 'Removes a waiting self check-in from the list (a mistake, a duplicate, passengers who left).',
    input: z.strictObject({ id: idSchema }),
    access: GROUND_CREW,
    example: { id: EXAMPLE_ID },
  }),
  'checkin.waivers': channel<WaiverVersionView[]>()({
    summary: 'Every version of the waiver, newest first.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'checkin.publishWaiver': channel<WaiverVersionView>()({
    summary: 'Publishes a new waiver text as the next version; older versions and their signatures are kept.',
    input: z.strictObject({
      text: z
        .string()
        .trim()
        .min(20, 'Write the full waiver text.')
        .max(WAIVER_TEXT_MAX, `The waiver can be at most ${WAIVER_TEXT_MAX} characters.`),
    }),
    access: ADMIN_ONLY,
    example: {
      text: 'Flying carries risks. I confirm I am fit to fly and will follow the crew’s instructions.',
    },
  }),
};
