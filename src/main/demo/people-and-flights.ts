// Who flies and who works in the demo. Realistic enough to try every screen; obviously invented.
import type { TripPurpose, UserRole } from '../../../db/schema';

export interface DemoPerson {
  name: string;
  role: Extract<UserRole, 'pilot' | 'crew'>;
}

export const DEMO_STAFF: readonly DemoPerson[] = [
  { name: 'Capt. Erik Halvorsen', role: 'pilot' },
  { name: 'Capt. Jo Whitaker', role: 'pilot' },
  { name: 'Maya Lindqvist', role: 'crew' },
  { name: 'Tom Reyes', role: 'crew' },
];

export interface DemoFlight {
  passenger_names: string;
  customer_email: string | null;
  customer_phone: string | null;
  pilot: string;
  crew: string;
  /** How long before now the flight took off. */
  hoursAgo: number;
  trip_purpose: TripPurpose;
  origin: string;
  referral_source: string;
  language: string;
  notes: string | null;
  contact_consent: boolean;
  /** Sold on the spot (bundle code), or not yet. */
  soldBundle: string | null;
  /** Moments marked in the scene editor, as [scene, start s, duration s, camera]. */
  segments: ReadonlyArray<readonly ['cruising' | 'chase' | 'arrival', number, number, 1 | 2]>;
  /** Camera 2's start after camera 1's, ms. */
  cameraOffsetMs: number;
}

export const DEMO_FLIGHTS: readonly DemoFlight[] = [
  {
    passenger_names: 'Anna & Ben Keller',
    customer_email: 'anna.keller@example.com',
    customer_phone: '+49 170 5550123',
    pilot: 'Capt. Erik Halvorsen',
    crew: 'Maya Lindqvist',
    hoursAgo: 3,
    trip_purpose: 'vacation',
    origin: 'Munich, Germany',
    referral_source: 'hotel front desk',
    language: 'de',
    notes: 'Honeymoon; asked for the glacier pass.',
    contact_consent: true,
    soldBundle: 'video_photos',
    segments: [],
    cameraOffsetMs: 120,
  },
  {
    passenger_names: 'Priya Natarajan',
    customer_email: 'priya.n@example.com',
    customer_phone: null,
    pilot: 'Capt. Jo Whitaker',
    crew: 'Tom Reyes',
    hoursAgo: 2,
    trip_purpose: 'birthday',
    origin: 'Leicester, UK',
    referral_source: 'Instagram',
    language: 'en',
    notes: '40th birthday, surprise from her sister.',
    contact_consent: true,
    soldBundle: null,
    segments: [
      ['cruising', 2.5, 4, 1],
      ['cruising', 11, 3, 2],
      ['chase', 6, 5, 2],
      ['arrival', 1, 3, 1],
    ],
    cameraOffsetMs: 240,
  },
  {
    passenger_names: 'Lukas Brandt',
    customer_email: null,
    customer_phone: '+41 79 555 01 88',
    pilot: 'Capt. Erik Halvorsen',
    crew: 'Tom Reyes',
    hoursAgo: 1,
    trip_purpose: 'bucket_list',
    origin: 'Zurich, Switzerland',
    referral_source: 'walk-in',
    language: 'de',
    notes: null,
    contact_consent: false,
    soldBundle: null,
    segments: [],
    cameraOffsetMs: 80,
  },
  {
    passenger_names: 'Sofia Martínez & Diego Ruiz',
    customer_email: 'sofia.martinez@example.com',
    customer_phone: '+34 600 555 271',
    pilot: 'Capt. Jo Whitaker',
    crew: 'Maya Lindqvist',
    hoursAgo: 0.5,
    trip_purpose: 'special_event',
    origin: 'Valencia, Spain',
    referral_source: 'tour operator',
    language: 'es',
    notes: 'Proposal on the arrival leg; she said yes.',
    contact_consent: true,
    soldBundle: null,
    segments: [],
    cameraOffsetMs: 320,
  },
];
