// What a kiosk sends to the fleet's central PostgreSQL, table by table: the one list both sides read. The
// kiosk's change log (sync/) watches these tables and pushes these columns; the central schema (central/) has
// the same tables with the same columns, plus `station_id` (the kiosk the row comes from: its one home, which
// alone changes it). Values keep the kiosk's storage types (ISO-8601 text times, 0/1 integers for flags), so a
// report computed on the central copy reads exactly what the kiosk's own report reads.
// Never sent: PIN hashes and lockout state, sessions, tokens, mail settings and passwords, footage.

export interface SyncedTable {
  /** Table name, the same on both sides. */
  table: string;
  /** The kiosk's primary key column; centrally the key is (station_id, key). */
  key: string;
  /** Columns pushed, the key first; all exist in the kiosk's table under these names. */
  columns: readonly string[];
}

/** In the order a first push sends existing rows: what others point at comes first. */
export const SYNCED_TABLES = [
  {
    table: 'users',
    key: 'id',
    // The people of the kiosk (crew, pilots, admins): names and roles, never pin_hash or lockout counters.
    columns: ['id', 'name', 'role', 'active', 'created_at', 'updated_at'],
  },
  {
    table: 'bundles',
    key: 'code',
    columns: [
      'code',
      'label',
      'price_cents',
      'includes_video',
      'includes_photos',
      'includes_airtour_photos',
      'active',
      'sort_order',
      'created_at',
      'updated_at',
    ],
  },
  {
    table: 'flight_recordings',
    key: 'id',
    columns: [
      'id',
      'passenger_names',
      'customer_email',
      'customer_phone',
      'pilot_id',
      'staff_member',
      'created_by',
      'flight_at',
      'notes',
      'language',
      'origin',
      'referral_source',
      'trip_purpose',
      'contact_consent',
      'waiver_accepted_at',
      'template_id',
      'export_status',
      'sold',
      'created_at',
      'updated_at',
    ],
  },
  {
    table: 'scene_recordings',
    key: 'id',
    // Metadata only: the paths name files on the kiosk's disk, which never leave it.
    columns: [
      'id',
      'recording_id',
      'scene_type',
      'scene_index',
      'camera1_source',
      'camera2_source',
      'camera1_duration',
      'camera2_duration',
      'camera_offset_ms',
      'mime_type',
      'codec',
      'status',
      'started_at',
      'ended_at',
      'created_at',
      'updated_at',
    ],
  },
  {
    table: 'scene_segments',
    key: 'id',
    columns: [
      'id',
      'scene_id',
      'segment_number',
      'start_time',
      'duration',
      'camera_angle',
      'created_at',
      'updated_at',
    ],
  },
  {
    table: 'video_slots',
    key: 'id',
    columns: [
      'id',
      'recording_id',
      'scene_id',
      'slot_number',
      'camera_angle',
      'window_start',
      'slot_duration',
      'seamless_with_previous',
      'created_at',
      'updated_at',
    ],
  },
  {
    table: 'sales',
    key: 'id',
    columns: [
      'id',
      'recording_id',
      'bundle',
      'amount_cents',
      'list_price_cents',
      'discount_cents',
      'price_rule_id',
      'price_rule_name',
      'price_change_reason',
      'currency',
      'sale_date',
      'staff_member',
      'payment_method',
      'customer_email',
      'customer_phone',
      'status',
      'void_reason',
      'created_at',
      'updated_at',
    ],
  },
  {
    table: 'export_jobs',
    key: 'id',
    columns: [
      'id',
      'recording_id',
      'kind',
      'status',
      'progress',
      'output_path',
      'error',
      'attempts',
      'created_at',
      'started_at',
      'finished_at',
      'updated_at',
    ],
  },
  {
    table: 'storage_usage',
    key: 'id',
    // Which finished files a flight has (the report's "what could still be sold"), not the files.
    columns: ['id', 'recording_id', 'scene_id', 'kind', 'path', 'bytes', 'recorded_at'],
  },
  {
    table: 'audit_logs',
    key: 'id',
    columns: [
      'id',
      'user_id',
      'action',
      'entity_type',
      'entity_id',
      'before_summary',
      'after_summary',
      'created_at',
    ],
  },
] as const satisfies readonly SyncedTable[];

export type SyncedTableName = (typeof SYNCED_TABLES)[number]['table'];

export const syncedTable = (name: string): SyncedTable | undefined =>
  SYNCED_TABLES.find((table) => table.table === name);
