// The kysely table types for the data model in DATABASE_RELATIONSHIPS.md. The migrations are the source of
// truth for the rules; these types describe what a row looks like to TypeScript.
//
// Conventions: ids are UUID text; timestamps are ISO-8601 UTC text ("2025-06-01T09:30:00.000Z"), so they
// sort as text; booleans are INTEGER 0|1 (SQLite has no boolean); JSON columns are TEXT checked by json_valid.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  CameraAngle,
  ExportJobKind,
  ExportJobStatus,
  ExportStatus,
  PaymentMethod,
  SaleStatus,
  SceneStatus,
  SceneType,
  StorageKind,
  TripPurpose,
  UserRole,
} from './enums';

/** A column the database fills in by DEFAULT on insert; callers may still set it. */
type Defaulted<T> = Generated<T>;
export type SqlBoolean = 0 | 1;
/** ISO-8601 UTC timestamp text. */
export type Timestamp = string;

export * from './enums';

/** One entry of project_templates.slot_layout (a JSON array of exactly eight). */
export interface SlotLayoutEntry {
  slot_number: number;
  scene_type: SceneType;
  camera_angle: CameraAngle;
  duration: number;
  seamless_with_previous: boolean;
}

export interface UsersTable {
  id: string;
  name: string;
  role: UserRole;
  /** NULL until a PIN is set (PIN hashing belongs to the sign-in issue). */
  pin_hash: string | null;
  active: Defaulted<SqlBoolean>;
  /** Wrong PINs in a row tried on the kiosk machine itself, and the lock they set. */
  failed_pin_attempts: Defaulted<number>;
  locked_until: Timestamp | null;
  /** The same for tries from any other address, which never lock the kiosk's own screen (migration 7). */
  network_failed_pin_attempts: Defaulted<number>;
  network_locked_until: Timestamp | null;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

export interface UserSessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Defaulted<Timestamp>;
  expires_at: Timestamp;
  last_seen_at: Defaulted<Timestamp>;
}

export interface ProjectTemplatesTable {
  id: string;
  name: string;
  is_active: Defaulted<SqlBoolean>;
  /** JSON text: SlotLayoutEntry[8]. */
  slot_layout: string;
  output_width: Defaulted<number>;
  output_height: Defaulted<number>;
  frame_rate: Defaulted<number>;
  title_pattern: Defaulted<string>;
  intro_asset: string | null;
  outro_asset: string | null;
  music_asset: string | null;
  created_by: string | null;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

export interface AuditLogsTable {
  id: string;
  user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** JSON text. */
  before_summary: string | null;
  /** JSON text. */
  after_summary: string | null;
  created_at: Defaulted<Timestamp>;
}

export interface FlightRecordingsTable {
  id: string;
  passenger_names: string;
  customer_email: string | null;
  customer_phone: string | null;
  pilot_id: string | null;
  /**
   * The staff member's users.id, not their name: names are not unique, so the data model's row rule
   * ("staff see recordings they created or are assigned to") compares ids.
   */
  staff_member: string | null;
  created_by: string | null;
  flight_at: Timestamp;
  notes: string | null;
  language: string | null;
  origin: string | null;
  referral_source: string | null;
  trip_purpose: TripPurpose | null;
  contact_consent: Defaulted<SqlBoolean>;
  waiver_accepted_at: Timestamp | null;
  template_id: string | null;
  export_status: Defaulted<ExportStatus>;
  sold: Defaulted<SqlBoolean>;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

export interface SceneRecordingsTable {
  id: string;
  recording_id: string;
  scene_type: SceneType;
  scene_index: 1 | 2 | 3;
  camera1_source: Defaulted<string>;
  camera2_source: Defaulted<string>;
  device_configuration_id: string | null;
  camera1_path: string | null;
  camera2_path: string | null;
  /** Seconds. */
  camera1_duration: number | null;
  /** Seconds. */
  camera2_duration: number | null;
  /** Camera 2's first frame minus camera 1's first frame, in ms on one clock (negative: camera 2 first). */
  camera_offset_ms: number | null;
  mime_type: string | null;
  codec: string | null;
  status: Defaulted<SceneStatus>;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

export interface SceneSegmentsTable {
  id: string;
  scene_id: string;
  segment_number: number;
  /** Seconds from the start of the scene. */
  start_time: number;
  /** Seconds. */
  duration: number;
  camera_angle: CameraAngle;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

export interface VideoSlotsTable {
  id: string;
  recording_id: string;
  scene_id: string;
  slot_number: number;
  camera_angle: CameraAngle;
  /** Seconds from the start of the scene. */
  window_start: Defaulted<number>;
  /** Seconds. */
  slot_duration: Defaulted<number>;
  seamless_with_previous: Defaulted<SqlBoolean>;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

export interface BundlesTable {
  code: string;
  label: string;
  price_cents: number;
  includes_video: Defaulted<SqlBoolean>;
  includes_photos: Defaulted<SqlBoolean>;
  includes_airtour_photos: Defaulted<SqlBoolean>;
  active: Defaulted<SqlBoolean>;
  sort_order: Defaulted<number>;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

export interface SalesTable {
  id: string;
  recording_id: string;
  bundle: string;
  /** The bundle's price at the moment of sale, so later price changes never alter past sales. */
  amount_cents: number;
  currency: string;
  sale_date: Timestamp;
  /** users.id of the staff member who sold it (ids, not names: names are not unique). */
  staff_member: string | null;
  payment_method: PaymentMethod;
  customer_email: string | null;
  customer_phone: string | null;
  status: Defaulted<SaleStatus>;
  void_reason: string | null;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
  /** The catalogue price when sold; amount_cents differs from it only with an admin's price_change_reason. */
  list_price_cents: number | null;
  price_change_reason: string | null;
  /** What the price rule took off the list price (migration 11); 0 when no rule applied. */
  discount_cents: Defaulted<number>;
  /** The rule that priced the sale; null when none applied or the rule was deleted since. */
  price_rule_id: string | null;
  /** The rule as the receipt printed it ("Sunset flight −10 %"), copied so later edits never change it. */
  price_rule_name: string | null;
}

export type PriceRuleKind = 'nth_sale' | 'flight_time' | 'bundle';
export type PriceRuleEffect = 'percent_off' | 'amount_off' | 'fixed_price';

/** An admin's discount or combo (migration 11); conditions are JSON checked by src/shared/pricing.ts. */
export interface PriceRulesTable {
  id: string;
  name: string;
  kind: PriceRuleKind;
  conditions: Defaulted<string>;
  effect: PriceRuleEffect;
  /** Percent (1–99) for percent_off, cents otherwise. */
  effect_value: number;
  /** Local 'YYYY-MM-DD' days, inclusive; null for no limit. */
  valid_from: string | null;
  valid_until: string | null;
  active: Defaulted<SqlBoolean>;
  sort_order: Defaulted<number>;
  created_by: string | null;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

/** A link a customer's phone downloads one sale's files from over the kiosk's network (migration 5). */
export interface SaleDownloadsTable {
  id: string;
  sale_id: string;
  /** SHA-256 (hex) of the URL's token: the token itself is never stored. */
  token_hash: string;
  created_by: string | null;
  created_at: Defaulted<Timestamp>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  download_count: Defaulted<number>;
  last_download_at: Timestamp | null;
}

export type OutboxChannel = 'email';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** A delivery waiting for a connection (migration 5). */
/** What an outbox item is (migration 12): a sale's receipt, or the one follow-up to a flight's non-buyer. */
export type OutboxKind = 'receipt' | 'follow_up';

export interface DeliveryOutboxTable {
  id: string;
  kind: Defaulted<OutboxKind>;
  /** Set for a receipt; a follow-up has none (the passenger bought nothing). */
  sale_id: string | null;
  /** The flight: a follow-up's subject, and a receipt's sale's flight. */
  recording_id: string | null;
  channel: OutboxChannel;
  recipient: string;
  status: Defaulted<OutboxStatus>;
  attempts: Defaulted<number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  /** `<uuid@host>`, the same on every try, so a message sent again is one message to the recipient. */
  message_id: string;
  /** What the mail server answered when it took the message (its queue id), for "did it leave?". */
  server_response: string | null;
  created_by: string | null;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
  sent_at: Timestamp | null;
}

export type MailTlsMode = 'none' | 'starttls' | 'tls';
export type SecretBoxKind = 'os-keychain' | 'local-key';

/** The one SMTP account the outbox sends with (migration 12); a single row, id 1. */
export interface MailSettingsTable {
  id: 1;
  host: string;
  port: number;
  tls_mode: MailTlsMode;
  username: string | null;
  from_address: string;
  /** Encrypted by the SecretBox named in password_box; never the password itself. */
  password_encrypted: Buffer | null;
  password_box: SecretBoxKind | null;
  /** Hours after a flight that a consenting non-buyer gets the follow-up. */
  follow_up_hours: Defaulted<number>;
  follow_up_enabled: Defaulted<SqlBoolean>;
  updated_by: string | null;
  updated_at: Defaulted<Timestamp>;
}

export type SyncOp = 'upsert' | 'delete';

/** A row changed since the last push to the fleet's central database (migration 13); one entry per row. */
export interface SyncChangesTable {
  /** Order of the changes; never reused, so "pushed up to seq N" stays true. */
  seq: Generated<number>;
  /** One of src/main/fleet/tables.ts's tables. */
  table_name: string;
  /** The row's key (its id; a bundle's code). */
  row_key: string;
  op: SyncOp;
  changed_at: Defaulted<Timestamp>;
}

/** What the last push did (migration 13); a single row, id 1. */
export interface SyncStateTable {
  id: 1;
  last_pushed_seq: Defaulted<number>;
  last_push_at: Timestamp | null;
  /** The last failure in plain words; cleared by the next push that goes through. */
  last_error: string | null;
  last_error_at: Timestamp | null;
}

/** The fleet's central database this kiosk pushes to (migration 13); a single row, id 1. */
export interface FleetSettingsTable {
  id: 1;
  enabled: Defaulted<SqlBoolean>;
  /** postgres://user@host:port/database[?options], never with the password (the table refuses it). */
  url: string;
  /** Encrypted by the SecretBox named in password_box; never the password itself. */
  password_encrypted: Buffer | null;
  password_box: SecretBoxKind | null;
  /** The airfield's name in the fleet's reports. */
  airfield_name: Defaulted<string>;
  updated_by: string | null;
  updated_at: Defaulted<Timestamp>;
}

/** A photo imported from a card into a flight, remembered by its content so it is not mixed up (migration 6). */
export interface PhotoImportsTable {
  id: string;
  recording_id: string;
  /** SHA-256 (hex) of the photo's bytes. One row per flight and photo. */
  sha256: string;
  /** The copy in the data folder (`media/<flight>/photos/imported/…`). */
  path: string;
  original_name: string;
  taken_at: Timestamp;
  bytes: number;
  /** 1 when the photo was already in another flight and the crew confirmed importing it anyway. */
  duplicate_confirmed: Defaulted<SqlBoolean>;
  imported_by: string | null;
  imported_at: Defaulted<Timestamp>;
}

/** A problem someone at the kiosk reported, until an admin resolves it (migration 8). */
export interface ProblemReportsTable {
  id: string;
  reported_by: string | null;
  category: 'camera' | 'recording' | 'export' | 'sale' | 'delivery' | 'kiosk' | 'other';
  description: string;
  recording_id: string | null;
  status: Defaulted<'open' | 'resolved'>;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  created_at: Defaulted<Timestamp>;
}

/** A statement slower than the health threshold (migration 8). */
export interface SlowQueriesTable {
  id: Generated<number>;
  statement: string;
  duration_ms: number;
  recorded_at: Defaulted<Timestamp>;
}

/** Files the storage rules removed from disk, per flight and kind (migration 8). */
export interface MediaRemovalsTable {
  id: string;
  recording_id: string;
  kind: StorageKind;
  files: number;
  bytes: number;
  backup_generation: string | null;
  removed_by: string | null;
  removed_at: Defaulted<Timestamp>;
}

/** A published text of the liability waiver (migration 10); old versions are kept. */
export interface WaiverVersionsTable {
  id: string;
  version: number;
  text: string;
  created_by: string | null;
  created_at: Defaulted<Timestamp>;
}

/** A screen an admin turned into passenger check-in (migration 10): only its token's SHA-256 is kept. */
export interface CheckinScreensTable {
  id: string;
  token_hash: string;
  created_by: string | null;
  created_at: Defaulted<Timestamp>;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export type SelfCheckinStatus = 'waiting' | 'converted' | 'dismissed';

/** What passengers entered on a check-in screen, waiting for the crew (migration 10). */
export interface SelfCheckinsTable {
  id: string;
  checkin_screen_id: string | null;
  passenger_names: string;
  customer_email: string | null;
  customer_phone: string | null;
  origin: string | null;
  referral_source: string | null;
  trip_purpose: TripPurpose | null;
  language: string | null;
  contact_consent: Defaulted<SqlBoolean>;
  preferred_flight_at: Timestamp | null;
  status: Defaulted<SelfCheckinStatus>;
  recording_id: string | null;
  handled_by: string | null;
  created_at: Defaulted<Timestamp>;
  converted_at: Timestamp | null;
  dismissed_at: Timestamp | null;
}

/** One passenger's finger signature of one waiver version (migration 10). */
export interface WaiverSignaturesTable {
  id: string;
  self_checkin_id: string;
  recording_id: string | null;
  passenger_name: string;
  waiver_version_id: string;
  /** Relative to the data folder. */
  signature_path: string;
  /** SHA-256 (hex) of the PNG bytes, a NUL byte, then the waiver version's text (UTF-8). */
  signature_sha256: string;
  signed_at: Defaulted<Timestamp>;
}

export interface ExportJobsTable {
  id: string;
  recording_id: string;
  kind: ExportJobKind;
  status: Defaulted<ExportJobStatus>;
  /** 0..1 */
  progress: Defaulted<number>;
  output_path: string | null;
  error: string | null;
  attempts: Defaulted<number>;
  created_at: Defaulted<Timestamp>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  updated_at: Defaulted<Timestamp>;
}

export interface StorageUsageTable {
  id: string;
  recording_id: string;
  scene_id: string | null;
  kind: StorageKind;
  path: string;
  bytes: number;
  recorded_at: Defaulted<Timestamp>;
}

export interface DeviceConfigurationsTable {
  id: string;
  name: string;
  is_active: Defaulted<SqlBoolean>;
  camera1_device_id: string | null;
  camera1_label: string | null;
  camera1_source: Defaulted<string>;
  camera2_device_id: string | null;
  camera2_label: string | null;
  camera2_source: Defaulted<string>;
  width: Defaulted<number>;
  height: Defaulted<number>;
  frame_rate: Defaulted<number>;
  /** Bits per second. */
  bitrate: Defaulted<number>;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: Defaulted<Timestamp>;
}

export interface SchemaVersionTable {
  version: number;
  applied_at: Defaulted<Timestamp>;
}

/** recording_summary: every flight_recordings column plus figures computed without join fan-out. */
export interface RecordingSummaryView extends Omit<
  FlightRecordingsTable,
  'contact_consent' | 'export_status' | 'sold' | 'created_at' | 'updated_at'
> {
  contact_consent: SqlBoolean;
  export_status: ExportStatus;
  sold: SqlBoolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  scene_count: number;
  recorded_scene_count: number;
  segment_count: number;
  slot_count: number;
  sales_count: number;
  sales_total_cents: number;
  storage_bytes: number;
  latest_export_status: ExportJobStatus | null;
}

export interface Database {
  users: UsersTable;
  user_sessions: UserSessionsTable;
  project_templates: ProjectTemplatesTable;
  audit_logs: AuditLogsTable;
  flight_recordings: FlightRecordingsTable;
  scene_recordings: SceneRecordingsTable;
  scene_segments: SceneSegmentsTable;
  video_slots: VideoSlotsTable;
  bundles: BundlesTable;
  sales: SalesTable;
  price_rules: PriceRulesTable;
  sale_downloads: SaleDownloadsTable;
  delivery_outbox: DeliveryOutboxTable;
  mail_settings: MailSettingsTable;
  sync_changes: SyncChangesTable;
  sync_state: SyncStateTable;
  fleet_settings: FleetSettingsTable;
  export_jobs: ExportJobsTable;
  storage_usage: StorageUsageTable;
  photo_imports: PhotoImportsTable;
  problem_reports: ProblemReportsTable;
  slow_queries: SlowQueriesTable;
  media_removals: MediaRemovalsTable;
  waiver_versions: WaiverVersionsTable;
  checkin_screens: CheckinScreensTable;
  self_checkins: SelfCheckinsTable;
  waiver_signatures: WaiverSignaturesTable;
  device_configurations: DeviceConfigurationsTable;
  settings: SettingsTable;
  schema_version: SchemaVersionTable;
  /** A view: read it, never write it. */
  recording_summary: RecordingSummaryView;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserSession = Selectable<UserSessionsTable>;
export type ProjectTemplate = Selectable<ProjectTemplatesTable>;
export type AuditLog = Selectable<AuditLogsTable>;
export type FlightRecording = Selectable<FlightRecordingsTable>;
export type NewFlightRecording = Insertable<FlightRecordingsTable>;
export type FlightRecordingUpdate = Updateable<FlightRecordingsTable>;
export type SceneRecording = Selectable<SceneRecordingsTable>;
export type SceneRecordingUpdate = Updateable<SceneRecordingsTable>;
export type SceneSegment = Selectable<SceneSegmentsTable>;
export type VideoSlot = Selectable<VideoSlotsTable>;
export type Bundle = Selectable<BundlesTable>;
export type Sale = Selectable<SalesTable>;
export type PriceRuleRow = Selectable<PriceRulesTable>;
export type SaleDownload = Selectable<SaleDownloadsTable>;
export type OutboxItem = Selectable<DeliveryOutboxTable>;
export type MailSettings = Selectable<MailSettingsTable>;
export type SyncChange = Selectable<SyncChangesTable>;
export type SyncState = Selectable<SyncStateTable>;
export type FleetSettings = Selectable<FleetSettingsTable>;
export type ExportJob = Selectable<ExportJobsTable>;
export type StorageUsage = Selectable<StorageUsageTable>;
export type DeviceConfiguration = Selectable<DeviceConfigurationsTable>;
export type Setting = Selectable<SettingsTable>;
export type RecordingSummary = Selectable<RecordingSummaryView>;
