// Valid central rows for tests, every pushed column filled as a kiosk would send it; a test names only what it
// is about (whose flight, which station) and overrides the rest.
import type { Insertable } from 'kysely';
import type { CentralDatabase } from '../central/schema';

type Row<Name extends keyof CentralDatabase> = Insertable<CentralDatabase[Name]>;

export const AT = '2025-06-01T09:30:00.000Z';
const stamps = { created_at: AT, updated_at: AT };

export const stationRow = (id: string, extra: Partial<Row<'stations'>> = {}): Row<'stations'> => ({
  id,
  name: `Airfield ${id}`,
  time_zone: 'Europe/Zurich',
  currency: 'CHF',
  ...stamps,
  ...extra,
});

export const userRow = (
  station_id: string,
  id: string,
  role: 'admin' | 'crew' | 'pilot',
  extra: Partial<Row<'users'>> = {},
): Row<'users'> => ({ station_id, id, name: `Person ${id}`, role, active: 1, ...stamps, ...extra });

export const bundleRow = (station_id: string, code: string): Row<'bundles'> => ({
  station_id,
  code,
  label: `Bundle ${code}`,
  price_cents: 4900,
  includes_video: 1,
  includes_photos: 0,
  includes_airtour_photos: 0,
  active: 1,
  sort_order: 0,
  ...stamps,
});

export interface FlightPeople {
  staff_member?: string | null;
  created_by?: string | null;
  pilot_id?: string | null;
}

export const flightRow = (
  station_id: string,
  id: string,
  people: FlightPeople = {},
): Row<'flight_recordings'> => ({
  station_id,
  id,
  passenger_names: `Passengers of ${id}`,
  customer_email: null,
  customer_phone: null,
  pilot_id: people.pilot_id ?? null,
  staff_member: people.staff_member ?? null,
  created_by: people.created_by ?? null,
  flight_at: AT,
  notes: null,
  language: 'en',
  origin: null,
  referral_source: null,
  trip_purpose: null,
  contact_consent: 0,
  waiver_accepted_at: null,
  template_id: null,
  export_status: 'not_exported',
  sold: 0,
  ...stamps,
});

export const sceneRow = (station_id: string, id: string, recording_id: string): Row<'scene_recordings'> => ({
  station_id,
  id,
  recording_id,
  scene_type: 'cruising',
  scene_index: 1,
  camera1_source: 'front',
  camera2_source: 'rear',
  camera1_duration: 42.5,
  camera2_duration: 42.4,
  camera_offset_ms: 12,
  mime_type: 'video/webm',
  codec: 'vp9',
  status: 'recorded',
  started_at: AT,
  ended_at: AT,
  ...stamps,
});

export const segmentRow = (station_id: string, id: string, scene_id: string): Row<'scene_segments'> => ({
  station_id,
  id,
  scene_id,
  segment_number: 1,
  start_time: 0,
  duration: 3,
  camera_angle: 1,
  ...stamps,
});

export const slotRow = (
  station_id: string,
  id: string,
  recording_id: string,
  scene_id: string,
): Row<'video_slots'> => ({
  station_id,
  id,
  recording_id,
  scene_id,
  slot_number: 1,
  camera_angle: 2,
  window_start: 0,
  slot_duration: 3,
  seamless_with_previous: 0,
  ...stamps,
});

export const saleRow = (
  station_id: string,
  id: string,
  recording_id: string,
  staff_member: string | null,
): Row<'sales'> => ({
  station_id,
  id,
  recording_id,
  bundle: 'video',
  amount_cents: 4900,
  list_price_cents: 4900,
  discount_cents: 0,
  price_rule_id: null,
  price_rule_name: null,
  price_change_reason: null,
  currency: 'CHF',
  sale_date: AT,
  staff_member,
  payment_method: 'card',
  customer_email: null,
  customer_phone: null,
  status: 'completed',
  void_reason: null,
  ...stamps,
});

export const exportRow = (station_id: string, id: string, recording_id: string): Row<'export_jobs'> => ({
  station_id,
  id,
  recording_id,
  kind: 'video',
  status: 'completed',
  progress: 1,
  output_path: `media/${recording_id}/exports/video.mp4`,
  error: null,
  attempts: 1,
  created_at: AT,
  started_at: AT,
  finished_at: AT,
  updated_at: AT,
});

export const storageRow = (
  station_id: string,
  id: string,
  recording_id: string,
  bytes = 1_000,
): Row<'storage_usage'> => ({
  station_id,
  id,
  recording_id,
  scene_id: null,
  kind: 'export',
  path: `media/${recording_id}/exports/${id}.mp4`,
  bytes,
  recorded_at: AT,
});

export const auditRow = (station_id: string, id: string, user_id: string | null): Row<'audit_logs'> => ({
  station_id,
  id,
  user_id,
  action: 'sale.create',
  entity_type: 'sale',
  entity_id: null,
  before_summary: null,
  after_summary: '{}',
  created_at: AT,
});
