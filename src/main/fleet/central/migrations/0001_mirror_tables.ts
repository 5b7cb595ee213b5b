// Central migration 1: the stations, each station's sync cursor, and one mirror table per table a kiosk pushes
// (src/main/fleet/tables.ts as it stood when this landed). The columns are written out here, not read from
// tables.ts: a landed migration must build the same schema for ever. A column added to tables.ts later needs a
// new migration (central-schema.test.ts fails until it has one).
//
// Kiosk storage types, so a report reads exactly what the kiosk's own report reads: ISO-8601 text times
// compared byte by byte (COLLATE "C", as SQLite compares text), integer 0/1 flags and counts, double precision
// for SQLite's REAL, bigint for file sizes. Every mirrored row carries `station_id`, the kiosk it comes from
// (its one home, which alone changes it); the key is (station_id, <kiosk key>).
//
// Deliberately absent: foreign keys and UNIQUE constraints between or within mirrored rows. The home kiosk
// enforces those; after a cut, rows arrive in change-log order, not in the order the kiosk's rules need (a
// scene before its flight, a slot number taken over before the old slot row moves), and a rule the kiosk
// already checked must never stop a push. The data model's CHECKs on values alone are kept.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const TEXT = 'text COLLATE "C"';
/** Same text as JavaScript's Date.toISOString() (and the kiosk's DEFAULT), for rows the central side writes. */
const NOW = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const STATION = `station_id ${TEXT} NOT NULL REFERENCES stations (id)`;

const tables = [
  `CREATE TABLE stations (
    id ${TEXT} PRIMARY KEY CHECK (length(trim(id)) > 0),
    name ${TEXT} NOT NULL CHECK (length(trim(name)) > 0),
    time_zone ${TEXT} NOT NULL CHECK (length(trim(time_zone)) > 0),
    currency ${TEXT} NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at ${TEXT} NOT NULL DEFAULT ${NOW},
    updated_at ${TEXT} NOT NULL DEFAULT ${NOW}
  )`,

  `CREATE TABLE fleet_sync_cursors (
    station_id ${TEXT} PRIMARY KEY REFERENCES stations (id),
    last_seq bigint NOT NULL CHECK (last_seq >= 0),
    updated_at ${TEXT} NOT NULL DEFAULT ${NOW}
  )`,

  `CREATE TABLE users (
    ${STATION},
    id ${TEXT} NOT NULL,
    name ${TEXT} NOT NULL,
    role ${TEXT} NOT NULL,
    active integer NOT NULL,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, id)
  )`,

  `CREATE TABLE bundles (
    ${STATION},
    code ${TEXT} NOT NULL,
    label ${TEXT} NOT NULL,
    price_cents integer NOT NULL,
    includes_video integer NOT NULL,
    includes_photos integer NOT NULL,
    includes_airtour_photos integer NOT NULL,
    active integer NOT NULL,
    sort_order integer NOT NULL,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, code)
  )`,

  `CREATE TABLE flight_recordings (
    ${STATION},
    id ${TEXT} NOT NULL,
    passenger_names ${TEXT} NOT NULL,
    customer_email ${TEXT},
    customer_phone ${TEXT},
    pilot_id ${TEXT},
    staff_member ${TEXT},
    created_by ${TEXT},
    flight_at ${TEXT} NOT NULL,
    notes ${TEXT},
    language ${TEXT},
    origin ${TEXT},
    referral_source ${TEXT},
    trip_purpose ${TEXT},
    contact_consent integer NOT NULL,
    waiver_accepted_at ${TEXT},
    template_id ${TEXT},
    export_status ${TEXT} NOT NULL,
    sold integer NOT NULL,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, id)
  )`,

  `CREATE TABLE scene_recordings (
    ${STATION},
    id ${TEXT} NOT NULL,
    recording_id ${TEXT} NOT NULL,
    scene_type ${TEXT} NOT NULL CONSTRAINT chk_scene_type CHECK (scene_type IN ('cruising', 'chase', 'arrival')),
    scene_index integer NOT NULL CONSTRAINT chk_scene_index CHECK (scene_index IN (1, 2, 3)),
    camera1_source ${TEXT} NOT NULL,
    camera2_source ${TEXT} NOT NULL,
    camera1_duration double precision
      CONSTRAINT chk_camera1_duration CHECK (camera1_duration IS NULL OR camera1_duration > 0),
    camera2_duration double precision
      CONSTRAINT chk_camera2_duration CHECK (camera2_duration IS NULL OR camera2_duration > 0),
    camera_offset_ms integer,
    mime_type ${TEXT},
    codec ${TEXT},
    status ${TEXT} NOT NULL,
    started_at ${TEXT},
    ended_at ${TEXT},
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, id),
    CONSTRAINT chk_scene_type_index CHECK (
      (scene_type = 'cruising' AND scene_index = 1) OR
      (scene_type = 'chase' AND scene_index = 2) OR
      (scene_type = 'arrival' AND scene_index = 3)
    )
  )`,

  `CREATE TABLE scene_segments (
    ${STATION},
    id ${TEXT} NOT NULL,
    scene_id ${TEXT} NOT NULL,
    segment_number integer NOT NULL CONSTRAINT chk_segment_number CHECK (segment_number > 0),
    start_time double precision NOT NULL CONSTRAINT chk_positive_start_time CHECK (start_time >= 0),
    duration double precision NOT NULL CONSTRAINT chk_positive_duration CHECK (duration > 0),
    camera_angle integer NOT NULL CONSTRAINT chk_camera_angle CHECK (camera_angle IN (1, 2)),
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, id)
  )`,

  `CREATE TABLE video_slots (
    ${STATION},
    id ${TEXT} NOT NULL,
    recording_id ${TEXT} NOT NULL,
    scene_id ${TEXT} NOT NULL,
    slot_number integer NOT NULL CONSTRAINT chk_slot_number CHECK (slot_number >= 1 AND slot_number <= 8),
    camera_angle integer NOT NULL CONSTRAINT chk_camera_angle CHECK (camera_angle IN (1, 2)),
    window_start double precision NOT NULL CONSTRAINT chk_window_start CHECK (window_start >= 0),
    slot_duration double precision NOT NULL CONSTRAINT chk_slot_duration CHECK (slot_duration > 0),
    seamless_with_previous integer NOT NULL,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, id)
  )`,

  `CREATE TABLE sales (
    ${STATION},
    id ${TEXT} NOT NULL,
    recording_id ${TEXT} NOT NULL,
    bundle ${TEXT} NOT NULL,
    amount_cents integer NOT NULL,
    list_price_cents integer,
    discount_cents integer NOT NULL,
    price_rule_id ${TEXT},
    price_rule_name ${TEXT},
    price_change_reason ${TEXT},
    currency ${TEXT} NOT NULL,
    sale_date ${TEXT} NOT NULL,
    staff_member ${TEXT},
    payment_method ${TEXT} NOT NULL,
    customer_email ${TEXT},
    customer_phone ${TEXT},
    status ${TEXT} NOT NULL,
    void_reason ${TEXT},
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, id)
  )`,

  `CREATE TABLE export_jobs (
    ${STATION},
    id ${TEXT} NOT NULL,
    recording_id ${TEXT} NOT NULL,
    kind ${TEXT} NOT NULL,
    status ${TEXT} NOT NULL,
    progress double precision NOT NULL,
    output_path ${TEXT},
    error ${TEXT},
    attempts integer NOT NULL,
    created_at ${TEXT} NOT NULL,
    started_at ${TEXT},
    finished_at ${TEXT},
    updated_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, id)
  )`,

  `CREATE TABLE storage_usage (
    ${STATION},
    id ${TEXT} NOT NULL,
    recording_id ${TEXT} NOT NULL,
    scene_id ${TEXT},
    kind ${TEXT} NOT NULL,
    path ${TEXT} NOT NULL,
    bytes bigint NOT NULL,
    recorded_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, id)
  )`,

  `CREATE TABLE audit_logs (
    ${STATION},
    id ${TEXT} NOT NULL,
    user_id ${TEXT},
    action ${TEXT} NOT NULL,
    entity_type ${TEXT} NOT NULL,
    entity_id ${TEXT},
    before_summary ${TEXT},
    after_summary ${TEXT},
    created_at ${TEXT} NOT NULL,
    PRIMARY KEY (station_id, id)
  )`,
];

// The data model's indexes, station first where a report asks per airfield. The person columns lead their own
// indexes instead: the row rules (migration 2) ask "rows of this person" across every station.
const indexes = [
  `CREATE INDEX idx_flight_recordings_flight_at ON flight_recordings (station_id, flight_at)`,
  `CREATE INDEX idx_flight_recordings_created_at ON flight_recordings (station_id, created_at)`,
  `CREATE INDEX idx_flight_recordings_export_status ON flight_recordings (station_id, export_status)`,
  `CREATE INDEX idx_flight_recordings_unsold ON flight_recordings (station_id, created_at) WHERE sold = 0`,
  `CREATE INDEX idx_flight_recordings_staff_member ON flight_recordings (staff_member)`,
  `CREATE INDEX idx_flight_recordings_created_by ON flight_recordings (created_by)`,
  `CREATE INDEX idx_flight_recordings_pilot_id ON flight_recordings (pilot_id)`,
  `CREATE INDEX idx_scene_recordings_recording_type ON scene_recordings (station_id, recording_id, scene_type)`,
  `CREATE INDEX idx_scene_segments_scene_start ON scene_segments (station_id, scene_id, start_time)`,
  `CREATE INDEX idx_video_slots_recording_slot ON video_slots (station_id, recording_id, slot_number)`,
  `CREATE INDEX idx_video_slots_scene_slot ON video_slots (station_id, scene_id, slot_number)`,
  `CREATE INDEX idx_sales_sale_date ON sales (station_id, sale_date)`,
  `CREATE INDEX idx_sales_recording_id ON sales (station_id, recording_id)`,
  `CREATE INDEX idx_sales_staff_member ON sales (staff_member, sale_date)`,
  `CREATE INDEX idx_export_jobs_recording_id ON export_jobs (station_id, recording_id, created_at)`,
  `CREATE INDEX idx_export_jobs_active ON export_jobs (station_id, created_at)
    WHERE status IN ('pending', 'processing')`,
  `CREATE INDEX idx_storage_usage_recording_id ON storage_usage (station_id, recording_id)`,
  `CREATE INDEX idx_audit_logs_created_at ON audit_logs (station_id, created_at)`,
  `CREATE INDEX idx_audit_logs_user_id ON audit_logs (user_id, created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [...tables, ...indexes]) await sql.raw(statement).execute(db);
}
