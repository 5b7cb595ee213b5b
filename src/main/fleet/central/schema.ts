// The kysely table types of the fleet's central PostgreSQL database. Each mirrored table is the kiosk's row type
// cut down to the columns src/main/fleet/tables.ts pushes, plus `station_id` (the kiosk the row comes from).
// The migrations in ./migrations are the source of truth for the schema; these types describe what a row
// looks like to TypeScript (ISO-8601 text times and 0/1 flags, as on the kiosk).
import type { Insertable, Selectable } from 'kysely';
import type {
  AuditLogsTable,
  BundlesTable,
  ExportJobsTable,
  FlightRecordingsTable,
  SalesTable,
  SceneRecordingsTable,
  SceneSegmentsTable,
  StorageUsageTable,
  Timestamp,
  UsersTable,
  VideoSlotsTable,
} from '../../../../db/schema';
import { SYNCED_TABLES } from '../tables';
import type { SyncedTableName } from '../tables';

/** The columns tables.ts pushes for one table. */
type PushedColumn<Name extends SyncedTableName> = Extract<
  (typeof SYNCED_TABLES)[number],
  { table: Name }
>['columns'][number];

/**
 * A kiosk table as the central copy holds it: the pushed columns with the kiosk's values (no defaults: a kiosk
 * sends every column), plus the station it belongs to.
 */
type Mirror<KioskTable, Name extends SyncedTableName> = Pick<
  Selectable<KioskTable>,
  Extract<PushedColumn<Name>, keyof Selectable<KioskTable>>
> & { station_id: string };

export interface StationsTable {
  /** Chosen by the kiosk's operator when it joins the fleet (e.g. "lsza-hangar-2"). */
  id: string;
  name: string;
  /** IANA zone ("Europe/Zurich"): reports split days where the airfield does. */
  time_zone: string;
  /** ISO 4217, as sales.currency. */
  currency: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FleetSyncCursorsTable {
  station_id: string;
  /** The last kiosk change-log sequence number the central copy holds. */
  last_seq: number;
  updated_at: Timestamp;
}

export interface CentralDatabase {
  stations: StationsTable;
  fleet_sync_cursors: FleetSyncCursorsTable;
  users: Mirror<UsersTable, 'users'>;
  bundles: Mirror<BundlesTable, 'bundles'>;
  flight_recordings: Mirror<FlightRecordingsTable, 'flight_recordings'>;
  scene_recordings: Mirror<SceneRecordingsTable, 'scene_recordings'>;
  scene_segments: Mirror<SceneSegmentsTable, 'scene_segments'>;
  video_slots: Mirror<VideoSlotsTable, 'video_slots'>;
  sales: Mirror<SalesTable, 'sales'>;
  export_jobs: Mirror<ExportJobsTable, 'export_jobs'>;
  storage_usage: Mirror<StorageUsageTable, 'storage_usage'>;
  audit_logs: Mirror<AuditLogsTable, 'audit_logs'>;
}

// A table in tables.ts without a line above is a compile error here.
type MissingMirror = Exclude<SyncedTableName, keyof CentralDatabase>;
const everyTableMirrored: MissingMirror extends never ? true : MissingMirror = true;
void everyTableMirrored;

export type CentralTableName = keyof CentralDatabase;

/** Every table of the central schema: what the app role is granted, in the order they were created. */
export const CENTRAL_TABLES: readonly CentralTableName[] = [
  'stations',
  'fleet_sync_cursors',
  ...SYNCED_TABLES.map((entry) => entry.table),
];

export type Station = Selectable<StationsTable>;
export type NewStation = Insertable<StationsTable>;
export type CentralRow<Name extends SyncedTableName> = Selectable<CentralDatabase[Name]>;
