// Migration 13: the fleet's change log (issue 21). A kiosk pushes its rows to the fleet's central database
// whenever it can reach it; this records which rows changed since the last push, so a push after a cut sends
// exactly those, in order, once each.
// - sync_changes: one pending entry per changed row (table, key, upsert or delete), filled by triggers. A row
//   that changes again moves to the end of the log (its old entry is deleted, a new one added), so the log is as
//   long as the number of rows changed since the last push, and never longer than the kiosk's rows. `seq` is
//   AUTOINCREMENT: a number is never used twice, even after the pushed entries are deleted, so "everything up
//   to seq N is pushed" stays true whatever changes meanwhile.
// - sync_state: what the last push did (the highest seq pushed, when, the last failure in plain words).
// - fleet_settings: the central database's address, with its password sealed in a SecretBox like the SMTP
//   password (migration 12); the address is stored without it, and the database refuses one that holds it.
//
// The tables and columns are written out here, not read from src/main/fleet/tables.ts: a landed migration must
// build the same schema forever, and a later change of the list needs a migration of its own.
//
// Why DELETE then INSERT and not INSERT OR REPLACE: SQLite lets the statement that fired a trigger impose its
// conflict policy on the trigger's statements. Under an `INSERT OR IGNORE INTO sales` the trigger's REPLACE
// would turn into IGNORE and keep a stale 'delete' entry for a row that exists again; under `INSERT OR ABORT`
// the kiosk's own write would fail. With the old entry deleted first, the INSERT never conflicts.
//
// Updates that change no synced column log nothing: PIN lockout counters on users, sign-in bookkeeping, and an
// export's progress ticks (progress and updated_at change once a second while a video is made; the row is pushed
// with its latest progress at its next real change: started, finished, failed).
//
// audit_logs has no delete trigger: the kiosk deletes its audit entries only after archiving them to a file at
// the end of their retention (db/maintenance.ts), and the fleet's copy is kept, not thinned out with it.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;
const at = (column: string) => `${column} TEXT NOT NULL DEFAULT ${NOW} CHECK (${column} GLOB ${ISO_UTC})`;
const maybeAt = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} GLOB ${ISO_UTC})`;

interface LoggedTable {
  table: string;
  key: string;
  /** The columns the kiosk pushes (the key first): an update that changes one of them is logged. */
  columns: string[];
  /** Pushed, but a change of only these is not worth an entry (see the header). */
  quiet?: string[];
  /** False: deletions are not sent (see the header). */
  logDeletes: boolean;
}

/** SYNCED_TABLES of src/main/fleet/tables.ts as it stood when this migration landed, in its order. */
const LOGGED_TABLES: LoggedTable[] = [
  {
    table: 'users',
    key: 'id',
    columns: ['id', 'name', 'role', 'active', 'created_at', 'updated_at'],
    logDeletes: true,
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
    logDeletes: true,
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
    logDeletes: true,
  },
  {
    table: 'scene_recordings',
    key: 'id',
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
    logDeletes: true,
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
    logDeletes: true,
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
    logDeletes: true,
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
    logDeletes: true,
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
    quiet: ['progress', 'updated_at'],
    logDeletes: true,
  },
  {
    table: 'storage_usage',
    key: 'id',
    columns: ['id', 'recording_id', 'scene_id', 'kind', 'path', 'bytes', 'recorded_at'],
    logDeletes: true,
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
    logDeletes: false,
  },
];

/** Moves the row's entry to the end of the log (see the header for why not INSERT OR REPLACE). */
const logEntry = (table: string, key: string, op: 'upsert' | 'delete') => `
    DELETE FROM sync_changes WHERE table_name = '${table}' AND row_key = ${key};
    INSERT INTO sync_changes (table_name, row_key, op) VALUES ('${table}', ${key}, '${op}');`;

function triggersOf({ table, key, columns, quiet = [], logDeletes }: LoggedTable): string[] {
  const watched = columns.filter((column) => !quiet.includes(column));
  const changed = watched.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ');
  const triggers = [
    `CREATE TRIGGER sync_log_${table}_insert AFTER INSERT ON ${table}
    BEGIN${logEntry(table, `NEW.${key}`, 'upsert')}
    END`,
    // A changed key (none of today's services changes one) is the old row gone and a new one.
    `CREATE TRIGGER sync_log_${table}_update AFTER UPDATE ON ${table}
    WHEN ${changed}
    BEGIN
    DELETE FROM sync_changes WHERE table_name = '${table}' AND row_key = OLD.${key} AND OLD.${key} IS NOT NEW.${key};
    INSERT INTO sync_changes (table_name, row_key, op)
      SELECT '${table}', OLD.${key}, 'delete' WHERE OLD.${key} IS NOT NEW.${key};${logEntry(table, `NEW.${key}`, 'upsert')}
    END`,
  ];
  if (logDeletes) {
    triggers.push(`CREATE TRIGGER sync_log_${table}_delete AFTER DELETE ON ${table}
    BEGIN${logEntry(table, `OLD.${key}`, 'delete')}
    END`);
  }
  return triggers;
}

const tableNames = LOGGED_TABLES.map(({ table }) => `'${table}'`).join(', ');

const statements = [
  `CREATE TABLE sync_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL CONSTRAINT chk_sync_changes_table CHECK (table_name IN (${tableNames})),
    row_key TEXT NOT NULL,
    op TEXT NOT NULL CONSTRAINT chk_sync_changes_op CHECK (op IN ('upsert', 'delete')),
    ${at('changed_at')},
    CONSTRAINT uk_sync_changes_row UNIQUE (table_name, row_key)
  ) STRICT`,

  `CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    last_pushed_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_pushed_seq >= 0),
    ${maybeAt('last_push_at')},
    last_error TEXT CHECK (last_error IS NULL OR length(last_error) <= 500),
    ${maybeAt('last_error_at')}
  ) STRICT`,
  `INSERT INTO sync_state (id) VALUES (1)`,

  `CREATE TABLE fleet_settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    url TEXT NOT NULL CONSTRAINT chk_fleet_url CHECK (
      (url GLOB 'postgres://?*' OR url GLOB 'postgresql://?*') AND length(url) <= 2000
      -- user:password@ is never stored: the password is only in password_encrypted.
      AND url NOT GLOB '*://*:*@*'
    ),
    password_encrypted BLOB,
    password_box TEXT CONSTRAINT chk_fleet_password_box CHECK (password_box IN ('os-keychain', 'local-key')),
    airfield_name TEXT NOT NULL DEFAULT '' CHECK (length(airfield_name) <= 100),
    updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('updated_at')},
    CONSTRAINT chk_fleet_password_pair CHECK ((password_encrypted IS NULL) = (password_box IS NULL))
  ) STRICT`,

  ...LOGGED_TABLES.flatMap(triggersOf),

  // Everything the kiosk already holds is pushed first, what others point at before what points at it.
  ...LOGGED_TABLES.map(
    ({ table, key }) =>
      `INSERT INTO sync_changes (table_name, row_key, op)
       SELECT '${table}', ${key}, 'upsert' FROM ${table} ORDER BY rowid`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO schema_version (version) VALUES (13)`.execute(db);
}
