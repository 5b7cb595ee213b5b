// Flight recordings: check-in creates the recording with its three scenes and eight slots; the dashboard
// lists the latest unsold ones with their figures.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import { SCENE_INDEX, SCENE_TYPES } from '../../../db/schema';
import type {
  Database,
  FlightRecording,
  SceneRecording,
  SceneSegment,
  SlotLayoutEntry,
  TripPurpose,
  VideoSlot,
} from '../../../db/schema';
import { AppFailure } from '../errors';
import { DEFAULT_CAMERA_SOURCES } from '../devices/service';
import { DEFAULT_SLOT_LAYOUT, parseSlotLayout } from '../templates/slot-layout';
import { defaultFlightTime } from '../../shared/flight-time';
import { assertUserRole, normaliseText, optionalEmail, toUtcTimestamp } from './input-rules';
import { slotWindowStarts } from './slot-windows';

/** What check-in (crew form or customer intake) knows about a flight. */
export interface CheckInInput {
  passenger_names: string;
  /** ISO-8601 UTC; defaults to now rounded to the next half hour. */
  flight_at?: string;
  customer_email?: string | null;
  customer_phone?: string | null;
  pilot_id?: string | null;
  /** users.id of the crew member looking after the flight. */
  staff_member?: string | null;
  notes?: string | null;
  language?: string | null;
  origin?: string | null;
  referral_source?: string | null;
  trip_purpose?: TripPurpose | null;
  contact_consent?: boolean;
  waiver_accepted_at?: string | null;
}

export interface FlightRecordingDetail {
  recording: FlightRecording;
  /** In scene order: cruising, chase, arrival. */
  scenes: SceneRecording[];
  /** Slot 1 to 8. */
  slots: VideoSlot[];
  segments: SceneSegment[];
}

/**
 * Creates a flight recording, its three scenes (cameras from the active camera setup) and its eight slots
 * (from the active template, or the default layout when none is active), all in one transaction: a flight
 * never exists without its scenes and slots.
 */
export async function createFlightRecording(
  db: Kysely<Database>,
  input: CheckInInput,
  actingUserId: string | null,
): Promise<FlightRecordingDetail> {
  return db.transaction().execute((trx) => insertFlightRecording(trx, input, actingUserId));
}

/**
 * The flight with its scenes and slots, inside a transaction the caller holds: a self check-in becomes its
 * flight in the same transaction that marks it converted, so a crash never leaves one without the other.
 */
export async function insertFlightRecording(
  trx: Transaction<Database>,
  input: CheckInInput,
  actingUserId: string | null,
): Promise<FlightRecordingDetail> {
  const passengerNames = normaliseText(input.passenger_names);
  if (!passengerNames) {
    throw new AppFailure('VALIDATION', 'Enter at least one passenger name.', [
      { path: 'passenger_names', message: 'required' },
    ]);
  }
  const flightAt = input.flight_at
    ? toUtcTimestamp(input.flight_at, 'flight_at')
    : defaultFlightTime(new Date()).toISOString();
  const customerEmail = optionalEmail(input.customer_email, 'customer_email') ?? null;
  const waiverAcceptedAt = input.waiver_accepted_at
    ? toUtcTimestamp(input.waiver_accepted_at, 'waiver_accepted_at')
    : null;

  if (input.pilot_id) await assertUserRole(trx, input.pilot_id, ['pilot'], 'pilot');
  if (input.staff_member) await assertUserRole(trx, input.staff_member, ['crew', 'admin'], 'staff member');

  const template = await trx
    .selectFrom('project_templates')
    .select(['id', 'slot_layout'])
    .where('is_active', '=', 1)
    .executeTakeFirst();
  const layout: readonly SlotLayoutEntry[] = template
    ? parseSlotLayout(template.slot_layout)
    : DEFAULT_SLOT_LAYOUT;
  const device = await trx
    .selectFrom('device_configurations')
    .select(['id', 'camera1_source', 'camera2_source'])
    .where('is_active', '=', 1)
    .executeTakeFirst();

  const recording = await trx
    .insertInto('flight_recordings')
    .values({
      id: randomUUID(),
      passenger_names: passengerNames,
      flight_at: flightAt,
      customer_email: customerEmail,
      customer_phone: normaliseText(input.customer_phone),
      pilot_id: input.pilot_id ?? null,
      staff_member: input.staff_member ?? null,
      created_by: actingUserId,
      notes: normaliseText(input.notes),
      language: normaliseText(input.language),
      origin: normaliseText(input.origin),
      referral_source: normaliseText(input.referral_source),
      trip_purpose: input.trip_purpose ?? null,
      contact_consent: input.contact_consent ? 1 : 0,
      waiver_accepted_at: waiverAcceptedAt,
      template_id: template?.id ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  const scenes = await trx
    .insertInto('scene_recordings')
    .values(
      SCENE_TYPES.map((scene_type) => ({
        id: randomUUID(),
        recording_id: recording.id,
        scene_type,
        scene_index: SCENE_INDEX[scene_type],
        camera1_source: device?.camera1_source ?? DEFAULT_CAMERA_SOURCES.camera1_source,
        camera2_source: device?.camera2_source ?? DEFAULT_CAMERA_SOURCES.camera2_source,
        device_configuration_id: device?.id ?? null,
      })),
    )
    .returningAll()
    .execute();
  const sceneIdOf = new Map(scenes.map((s) => [s.scene_type, s.id]));

  // Every slot is saved, including ones nobody will touch (the old system exported untouched slots from 0 s).
  const windowStarts = slotWindowStarts(layout, () => null);
  const slots = await trx
    .insertInto('video_slots')
    .values(
      layout.map((entry, i) => ({
        id: randomUUID(),
        recording_id: recording.id,
        scene_id: sceneIdOf.get(entry.scene_type) ?? '',
        slot_number: entry.slot_number,
        camera_angle: entry.camera_angle,
        window_start: windowStarts[i] ?? 0,
        slot_duration: entry.duration,
        seamless_with_previous: entry.seamless_with_previous ? 1 : 0,
      })),
    )
    .returningAll()
    .execute();

  // One entry for the check-in: the scenes and slots are part of it, not separate decisions.
  await writeAuditLog(trx, {
    userId: actingUserId,
    action: 'create',
    entityType: 'recording',
    entityId: recording.id,
    after: {
      passenger_names: recording.passenger_names,
      flight_at: recording.flight_at,
      pilot_id: recording.pilot_id,
      staff_member: recording.staff_member,
      scenes: scenes.length,
      slots: slots.length,
    },
  });
  return { recording, scenes: sortScenes(scenes), slots: sortSlots(slots), segments: [] };
}

const sortScenes = (scenes: SceneRecording[]) => [...scenes].sort((a, b) => a.scene_index - b.scene_index);
const sortSlots = (slots: VideoSlot[]) => [...slots].sort((a, b) => a.slot_number - b.slot_number);

export async function getFlightRecording(
  db: Kysely<Database>,
  recordingId: string,
): Promise<FlightRecordingDetail> {
  const recording = await db
    .selectFrom('flight_recordings')
    .selectAll()
    .where('id', '=', recordingId)
    .executeTakeFirst();
  if (!recording) throw new AppFailure('NOT_FOUND', 'That flight no longer exists.');
  const [scenes, slots, segments] = await Promise.all([
    db
      .selectFrom('scene_recordings')
      .selectAll()
      .where('recording_id', '=', recordingId)
      .orderBy('scene_index')
      .execute(),
    db
      .selectFrom('video_slots')
      .selectAll()
      .where('recording_id', '=', recordingId)
      .orderBy('slot_number')
      .execute(),
    db
      .selectFrom('scene_segments')
      .innerJoin('scene_recordings', 'scene_recordings.id', 'scene_segments.scene_id')
      .selectAll('scene_segments')
      .where('scene_recordings.recording_id', '=', recordingId)
      .orderBy('scene_recordings.scene_index')
      .orderBy('scene_segments.segment_number')
      .execute(),
  ]);
  return { recording, scenes, slots, segments };
}
