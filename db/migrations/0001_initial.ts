// Migration 1: every table of the data model with its rules in the database itself (CHECK, UNIQUE, FK),
// and every index it names. Landed migrations are never edited: change the schema in a new migration.
//
// Tables are STRICT so a wrong type (text in a REAL column) is refused, not silently stored.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Same text as JavaScript's Date.toISOString(), so timestamps written by either sort and compare alike. */
const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;

/** A timestamp column: exactly the toISOString() shape, so text order is time order. */
function timestamp(column: string, opts: { nullable?: boolean; defaultNow?: boolean } = {}): string {
  const shape = `${column} GLOB ${ISO_UTC}`;
  if (opts.nullable) return `${column} TEXT CHECK (${column} IS NULL OR ${shape})`;
  return `${column} TEXT NOT NULL${opts.defaultNow === false ? '' : ` DEFAULT ${NOW}`} CHECK (${shape})`;
}
const bool = (column: string, def: 0 | 1) =>
  `${column} INTEGER NOT NULL DEFAULT ${def} CHECK (${column} IN (0, 1))`;
const json = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR json_valid(${column}))`;
const nonEmpty = (column: string) => `${column} TEXT NOT NULL CHECK (length(trim(${column})) > 0)`;
const email = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} LIKE '%_@_%')`;

const tables = [
  `CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    ${timestamp('applied_at')}
  ) STRICT`,

  `CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    ${nonEmpty('name')},
    role TEXT NOT NULL CONSTRAINT chk_user_role CHECK (role IN ('admin', 'crew', 'pilot')),
    pin_hash TEXT,
    ${bool('active', 1)},
    failed_pin_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_pin_attempts >= 0),
    ${timestamp('locked_until', { nullable: true })},
    ${timestamp('created_at')},
    ${timestamp('updated_at')}
  ) STRICT`,

  `CREATE TABLE user_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL CONSTRAINT uk_user_sessions_token_hash UNIQUE,
    ${timestamp('created_at')},
    ${timestamp('expires_at', { defaultNow: false })},
    ${timestamp('last_seen_at')}
  ) STRICT`,

  `CREATE TABLE audit_logs (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${nonEmpty('action')},
    ${nonEmpty('entity_type')},
    entity_id TEXT,
    ${json('before_summary')},
    ${json('after_summary')},
    ${timestamp('created_at')}
  ) STRICT`,

  `CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL CHECK (length(trim(key)) > 0),
    value TEXT NOT NULL CHECK (json_valid(value)),
    ${timestamp('updated_at')}
  ) STRICT`,

  `CREATE TABLE device_configurations (
    id TEXT PRIMARY KEY NOT NULL,
    ${nonEmpty('name')},
    ${bool('is_active', 0)},
    camera1_device_id TEXT,
    camera1_label TEXT,
    camera1_source TEXT NOT NULL DEFAULT 'front' CHECK (length(trim(camera1_source)) > 0),
    camera2_device_id TEXT,
    camera2_label TEXT,
    camera2_source TEXT NOT NULL DEFAULT 'rear' CHECK (length(trim(camera2_source)) > 0),
    width INTEGER NOT NULL DEFAULT 1280 CHECK (width > 0 AND width % 2 = 0),
    height INTEGER NOT NULL DEFAULT 720 CHECK (height > 0 AND height % 2 = 0),
    frame_rate INTEGER NOT NULL DEFAULT 30 CHECK (frame_rate BETWEEN 1 AND 120),
    bitrate INTEGER NOT NULL DEFAULT 4000000 CHECK (bitrate > 0),
    ${timestamp('created_at')},
    ${timestamp('updated_at')}
  ) STRICT`,

  `CREATE TABLE project_templates (
    id TEXT PRIMARY KEY NOT NULL,
    ${nonEmpty('name')},
    ${bool('is_active', 0)},
    slot_layout TEXT NOT NULL CONSTRAINT chk_slot_layout_eight_slots CHECK (
      CASE WHEN json_valid(slot_layout)
        THEN json_type(slot_layout) = 'array' AND json_array_length(slot_layout) = 8
        ELSE 0 END
    ),
    output_width INTEGER NOT NULL DEFAULT 1920 CHECK (output_width > 0 AND output_width % 2 = 0),
    output_height INTEGER NOT NULL DEFAULT 1080 CHECK (output_height > 0 AND output_height % 2 = 0),
    frame_rate INTEGER NOT NULL DEFAULT 30 CHECK (frame_rate BETWEEN 1 AND 120),
    title_pattern TEXT NOT NULL DEFAULT '{passenger_names} - {flight_date}',
    intro_asset TEXT,
    outro_asset TEXT,
    music_asset TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${timestamp('created_at')},
    ${timestamp('updated_at')}
  ) STRICT`,

  `CREATE TABLE bundles (
    code TEXT PRIMARY KEY NOT NULL CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
    ${nonEmpty('label')},
    price_cents INTEGER NOT NULL CONSTRAINT chk_bundle_price_positive CHECK (price_cents > 0),
    ${bool('includes_video', 0)},
    ${bool('includes_photos', 0)},
    ${bool('includes_airtour_photos', 0)},
    ${bool('active', 1)},
    sort_order INTEGER NOT NULL DEFAULT 0,
    ${timestamp('created_at')},
    ${timestamp('updated_at')},
    CONSTRAINT chk_bundle_includes_something
      CHECK (includes_video + includes_photos + includes_airtour_photos >= 1)
  ) STRICT`,

  `CREATE TABLE flight_recordings (
    id TEXT PRIMARY KEY NOT NULL,
    ${nonEmpty('passenger_names')},
    ${email('customer_email')},
    customer_phone TEXT,
    pilot_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    staff_member TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${timestamp('flight_at', { defaultNow: false })},
    notes TEXT,
    language TEXT,
    origin TEXT,
    referral_source TEXT,
    trip_purpose TEXT CONSTRAINT chk_trip_purpose
      CHECK (trip_purpose IS NULL OR trip_purpose IN ('vacation', 'birthday', 'special_event', 'bucket_list', 'other')),
    ${bool('contact_consent', 0)},
    ${timestamp('waiver_accepted_at', { nullable: true })},
    template_id TEXT REFERENCES project_templates (id) ON DELETE SET NULL,
    export_status TEXT NOT NULL DEFAULT 'not_exported' CONSTRAINT chk_export_status
      CHECK (export_status IN ('not_exported', 'pending', 'processing', 'completed', 'failed')),
    sold INTEGER NOT NULL DEFAULT 0 CONSTRAINT chk_sold CHECK (sold IN (0, 1)),
    ${timestamp('created_at')},
    ${timestamp('updated_at')}
  ) STRICT`,

  // The pairing check plus UNIQUE (recording_id, scene_type) (idx_scene_recordings_recording_type below)
  // allow at most one scene of each type, so at most three scenes, per recording.
  `CREATE TABLE scene_recordings (
    id TEXT PRIMARY KEY NOT NULL,
    recording_id TEXT NOT NULL REFERENCES flight_recordings (id) ON DELETE CASCADE,
    scene_type TEXT NOT NULL CONSTRAINT chk_scene_type CHECK (scene_type IN ('cruising', 'chase', 'arrival')),
    scene_index INTEGER NOT NULL CONSTRAINT chk_scene_index CHECK (scene_index IN (1, 2, 3)),
    camera1_source TEXT NOT NULL DEFAULT 'front' CHECK (length(trim(camera1_source)) > 0),
    camera2_source TEXT NOT NULL DEFAULT 'rear' CHECK (length(trim(camera2_source)) > 0),
    device_configuration_id TEXT REFERENCES device_configurations (id) ON DELETE SET NULL,
    camera1_path TEXT,
    camera2_path TEXT,
    camera1_duration REAL CONSTRAINT chk_camera1_duration CHECK (camera1_duration IS NULL OR camera1_duration > 0),
    camera2_duration REAL CONSTRAINT chk_camera2_duration CHECK (camera2_duration IS NULL OR camera2_duration > 0),
    camera_offset_ms INTEGER,
    mime_type TEXT,
    codec TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT chk_scene_status
      CHECK (status IN ('pending', 'recording', 'recorded', 'recovered', 'failed')),
    ${timestamp('started_at', { nullable: true })},
    ${timestamp('ended_at', { nullable: true })},
    ${timestamp('created_at')},
    ${timestamp('updated_at')},
    CONSTRAINT chk_scene_type_index CHECK (
      (scene_type = 'cruising' AND scene_index = 1) OR
      (scene_type = 'chase' AND scene_index = 2) OR
      (scene_type = 'arrival' AND scene_index = 3)
    ),
    CONSTRAINT uk_scene_recordings_recording_scene UNIQUE (recording_id, scene_type, scene_index),
    -- Lets slots and storage rows reference (scene, recording) together, so a slot can never point at
    -- another flight's scene (the old system mixed clips up between projects).
    CONSTRAINT uk_scene_recordings_id_recording UNIQUE (id, recording_id)
  ) STRICT`,

  `CREATE TABLE scene_segments (
    id TEXT PRIMARY KEY NOT NULL,
    scene_id TEXT NOT NULL REFERENCES scene_recordings (id) ON DELETE CASCADE,
    segment_number INTEGER NOT NULL CONSTRAINT chk_segment_number CHECK (segment_number > 0),
    start_time REAL NOT NULL CONSTRAINT chk_positive_start_time CHECK (start_time >= 0),
    duration REAL NOT NULL CONSTRAINT chk_positive_duration CHECK (duration > 0),
    camera_angle INTEGER NOT NULL CONSTRAINT chk_camera_angle CHECK (camera_angle IN (1, 2)),
    ${timestamp('created_at')},
    ${timestamp('updated_at')},
    CONSTRAINT uk_scene_segments_scene_segment UNIQUE (scene_id, segment_number)
  ) STRICT`,

  `CREATE TABLE video_slots (
    id TEXT PRIMARY KEY NOT NULL,
    recording_id TEXT NOT NULL REFERENCES flight_recordings (id) ON DELETE CASCADE,
    scene_id TEXT NOT NULL,
    slot_number INTEGER NOT NULL CONSTRAINT chk_slot_number CHECK (slot_number >= 1 AND slot_number <= 8),
    camera_angle INTEGER NOT NULL CONSTRAINT chk_camera_angle CHECK (camera_angle IN (1, 2)),
    window_start REAL NOT NULL DEFAULT 0 CONSTRAINT chk_window_start CHECK (window_start >= 0),
    slot_duration REAL NOT NULL DEFAULT 3.0 CONSTRAINT chk_slot_duration CHECK (slot_duration > 0),
    ${bool('seamless_with_previous', 0)},
    ${timestamp('created_at')},
    ${timestamp('updated_at')},
    CONSTRAINT chk_first_slot_not_seamless CHECK (slot_number > 1 OR seamless_with_previous = 0),
    CONSTRAINT uk_video_slots_recording_slot UNIQUE (recording_id, slot_number),
    CONSTRAINT fk_video_slots_scene FOREIGN KEY (scene_id, recording_id)
      REFERENCES scene_recordings (id, recording_id) ON DELETE CASCADE
  ) STRICT`,

  // ON DELETE RESTRICT on bundle: a catalogue row that has been sold can be deactivated, never deleted.
  `CREATE TABLE sales (
    id TEXT PRIMARY KEY NOT NULL,
    recording_id TEXT NOT NULL REFERENCES flight_recordings (id) ON DELETE CASCADE,
    bundle TEXT NOT NULL REFERENCES bundles (code) ON DELETE RESTRICT ON UPDATE RESTRICT,
    amount_cents INTEGER NOT NULL CONSTRAINT chk_sale_amount_positive CHECK (amount_cents > 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    ${timestamp('sale_date')},
    staff_member TEXT REFERENCES users (id) ON DELETE SET NULL,
    payment_method TEXT NOT NULL CONSTRAINT chk_payment_method CHECK (payment_method IN ('cash', 'card', 'other')),
    ${email('customer_email')},
    customer_phone TEXT,
    status TEXT NOT NULL DEFAULT 'completed' CONSTRAINT chk_sale_status
      CHECK (status IN ('completed', 'voided', 'refunded')),
    void_reason TEXT,
    ${timestamp('created_at')},
    ${timestamp('updated_at')},
    CONSTRAINT chk_sale_void_reason CHECK (
      (status = 'completed' AND void_reason IS NULL) OR
      (status <> 'completed' AND void_reason IS NOT NULL AND length(trim(void_reason)) > 0)
    )
  ) STRICT`,

  `CREATE TABLE export_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    recording_id TEXT NOT NULL REFERENCES flight_recordings (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CONSTRAINT chk_export_job_kind CHECK (kind IN ('video', 'photos')),
    status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT chk_export_job_status
      CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'cancelled')),
    progress REAL NOT NULL DEFAULT 0 CONSTRAINT chk_export_job_progress CHECK (progress >= 0 AND progress <= 1),
    output_path TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ${timestamp('created_at')},
    ${timestamp('started_at', { nullable: true })},
    ${timestamp('finished_at', { nullable: true })},
    ${timestamp('updated_at')}
  ) STRICT`,

  `CREATE TABLE storage_usage (
    id TEXT PRIMARY KEY NOT NULL,
    recording_id TEXT NOT NULL REFERENCES flight_recordings (id) ON DELETE CASCADE,
    scene_id TEXT,
    kind TEXT NOT NULL CONSTRAINT chk_storage_kind CHECK (kind IN ('raw', 'export', 'photo', 'thumbnail')),
    path TEXT NOT NULL CONSTRAINT uk_storage_usage_path UNIQUE CHECK (length(trim(path)) > 0),
    bytes INTEGER NOT NULL CONSTRAINT chk_storage_bytes CHECK (bytes >= 0),
    ${timestamp('recorded_at')},
    CONSTRAINT fk_storage_usage_scene FOREIGN KEY (scene_id, recording_id)
      REFERENCES scene_recordings (id, recording_id) ON DELETE CASCADE
  ) STRICT`,
];

const indexes = [
  // Named by the data model.
  `CREATE INDEX idx_flight_recordings_created_at ON flight_recordings (created_at DESC)`,
  `CREATE INDEX idx_flight_recordings_export_status ON flight_recordings (export_status)`,
  `CREATE INDEX idx_scene_segments_scene_id ON scene_segments (scene_id)`,
  `CREATE INDEX idx_scene_segments_start_time ON scene_segments (start_time)`,
  `CREATE INDEX idx_video_slots_recording_id ON video_slots (recording_id)`,
  `CREATE INDEX idx_video_slots_slot_number ON video_slots (slot_number)`,
  `CREATE INDEX idx_sales_sale_date ON sales (sale_date DESC)`,
  `CREATE INDEX idx_sales_staff_member ON sales (staff_member)`,
  // UNIQUE: one scene of each type per recording (see scene_recordings).
  `CREATE UNIQUE INDEX idx_scene_recordings_recording_type ON scene_recordings (recording_id, scene_type)`,
  `CREATE INDEX idx_scene_segments_scene_start ON scene_segments (scene_id, start_time)`,
  `CREATE INDEX idx_video_slots_scene_slot ON video_slots (scene_id, slot_number)`,
  // Partial. The predicate is "sold = 0", not "sold = false": SQLite only uses a partial index when the
  // query's WHERE contains the same term, and the dashboard query writes "sold = 0".
  `CREATE INDEX idx_flight_recordings_unsold ON flight_recordings (created_at DESC) WHERE sold = 0`,
  `CREATE INDEX idx_export_jobs_active ON export_jobs (created_at DESC) WHERE status IN ('pending', 'processing')`,

  // At most one active template and one active camera setup.
  `CREATE UNIQUE INDEX idx_project_templates_one_active ON project_templates (is_active) WHERE is_active = 1`,
  `CREATE UNIQUE INDEX idx_device_configurations_one_active ON device_configurations (is_active) WHERE is_active = 1`,

  // Foreign-key columns, so cascades and SET NULL on delete do not scan whole tables.
  `CREATE INDEX idx_user_sessions_user_id ON user_sessions (user_id)`,
  `CREATE INDEX idx_user_sessions_expires_at ON user_sessions (expires_at)`,
  `CREATE INDEX idx_audit_logs_user_id ON audit_logs (user_id)`,
  `CREATE INDEX idx_audit_logs_created_at ON audit_logs (created_at)`,
  `CREATE INDEX idx_flight_recordings_pilot_id ON flight_recordings (pilot_id)`,
  `CREATE INDEX idx_flight_recordings_staff_member ON flight_recordings (staff_member)`,
  `CREATE INDEX idx_flight_recordings_created_by ON flight_recordings (created_by)`,
  `CREATE INDEX idx_flight_recordings_template_id ON flight_recordings (template_id)`,
  `CREATE INDEX idx_scene_recordings_device_configuration_id ON scene_recordings (device_configuration_id)`,
  `CREATE INDEX idx_sales_recording_id ON sales (recording_id)`,
  `CREATE INDEX idx_sales_bundle ON sales (bundle)`,
  `CREATE INDEX idx_export_jobs_recording_id ON export_jobs (recording_id, created_at)`,
  `CREATE INDEX idx_storage_usage_recording_id ON storage_usage (recording_id)`,
  `CREATE INDEX idx_storage_usage_scene_id ON storage_usage (scene_id)`,
];

// The data model's "Data Migration Scripts". The column DEFAULTs already give new rows these values and
// the columns are NOT NULL, so on this database they change nothing; they stay to keep the contract's steps.
const dataModelSteps = [
  `UPDATE video_slots SET slot_duration = 3.0 WHERE slot_duration IS NULL`,
  `UPDATE scene_recordings SET camera1_source = 'front', camera2_source = 'rear' WHERE camera1_source IS NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [...tables, ...indexes, ...dataModelSteps]) {
    await sql.raw(statement).execute(db);
  }
  await sql`INSERT INTO schema_version (version) VALUES (1)`.execute(db);
}
