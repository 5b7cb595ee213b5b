// Central migration 2: the data model's row rules as PostgreSQL policies, so the database itself refuses other
// people's rows, also to a query that forgets its WHERE. ENABLE and FORCE on every table: FORCE holds the
// tables' owner to the same rules, and the app's role is neither owner nor BYPASSRLS (npm run fleet:setup).
//
// Who is asking is set by the app per transaction (set_config(name, value, true), src/main/fleet/central/
// connect.ts), and is one of two kinds:
// - an acting user, reading reports: app.current_user_id + app.current_role ('admin' | 'crew' | 'pilot').
//   Admins read every row; others their own user row, the flights they were staff on, created or flew (and
//   what belongs to those flights), their own sales and their own audit entries; every acting user reads the
//   stations and bundles. An acting user writes nothing: there is no write policy for them.
// - a station, a kiosk pushing its rows: app.current_station. It reads, inserts, updates and deletes rows of
//   its own station_id only, and its own stations row (no delete) and cursor row.
// A setting that is unset (NULL) or empty (what a setting reverts to after its transaction) matches nothing.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Schema-qualified and self-contained (no call to each other, no table), so a search_path a session sets
// cannot change what they mean; plain SQL, so the planner inlines them into each policy.
const functions = [
  `CREATE FUNCTION fleet_acting_user() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN pg_catalog.current_setting('app.current_role', true) IN ('admin', 'crew', 'pilot')
      THEN NULLIF(pg_catalog.current_setting('app.current_user_id', true), '') END
  $$`,
  `CREATE FUNCTION fleet_acting_admin() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE(pg_catalog.current_setting('app.current_role', true) = 'admin'
      AND NULLIF(pg_catalog.current_setting('app.current_user_id', true), '') IS NOT NULL, false)
  $$`,
  `CREATE FUNCTION fleet_acting_station() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT NULLIF(pg_catalog.current_setting('app.current_station', true), '')
  $$`,
];

const MIRRORED = [
  'users',
  'bundles',
  'flight_recordings',
  'scene_recordings',
  'scene_segments',
  'video_slots',
  'sales',
  'export_jobs',
  'storage_usage',
  'audit_logs',
];

/** A flight's parts are seen by whoever sees the flight (flight_recordings' own policy filters the EXISTS). */
const followsFlight = (table: string) =>
  `fleet_acting_admin() OR EXISTS (SELECT 1 FROM flight_recordings f
    WHERE f.station_id = ${table}.station_id AND f.id = ${table}.recording_id)`;

const readerRules: Record<string, string> = {
  users: `fleet_acting_admin() OR id = fleet_acting_user()`,
  bundles: `fleet_acting_user() IS NOT NULL`,
  flight_recordings: `fleet_acting_admin() OR fleet_acting_user() IN (staff_member, created_by, pilot_id)`,
  scene_recordings: followsFlight('scene_recordings'),
  // A segment follows its scene, which follows its flight.
  scene_segments: `fleet_acting_admin() OR EXISTS (SELECT 1 FROM scene_recordings s
    WHERE s.station_id = scene_segments.station_id AND s.id = scene_segments.scene_id)`,
  video_slots: followsFlight('video_slots'),
  sales: `fleet_acting_admin() OR staff_member = fleet_acting_user()`,
  export_jobs: followsFlight('export_jobs'),
  storage_usage: followsFlight('storage_usage'),
  audit_logs: `fleet_acting_admin() OR user_id = fleet_acting_user()`,
};

const policies = [
  ...MIRRORED.flatMap((table) => [
    `CREATE POLICY ${table}_station ON ${table} FOR ALL
      USING (station_id = fleet_acting_station()) WITH CHECK (station_id = fleet_acting_station())`,
    `CREATE POLICY ${table}_reader ON ${table} FOR SELECT USING (${readerRules[table]})`,
  ]),

  `CREATE POLICY stations_station_read ON stations FOR SELECT USING (id = fleet_acting_station())`,
  `CREATE POLICY stations_station_insert ON stations FOR INSERT WITH CHECK (id = fleet_acting_station())`,
  `CREATE POLICY stations_station_update ON stations FOR UPDATE
    USING (id = fleet_acting_station()) WITH CHECK (id = fleet_acting_station())`,
  `CREATE POLICY stations_reader ON stations FOR SELECT USING (fleet_acting_user() IS NOT NULL)`,

  `CREATE POLICY fleet_sync_cursors_station_read ON fleet_sync_cursors FOR SELECT
    USING (station_id = fleet_acting_station())`,
  `CREATE POLICY fleet_sync_cursors_station_insert ON fleet_sync_cursors FOR INSERT
    WITH CHECK (station_id = fleet_acting_station())`,
  `CREATE POLICY fleet_sync_cursors_station_update ON fleet_sync_cursors FOR UPDATE
    USING (station_id = fleet_acting_station()) WITH CHECK (station_id = fleet_acting_station())`,
  // When each station last pushed: an admin's fleet overview.
  `CREATE POLICY fleet_sync_cursors_reader ON fleet_sync_cursors FOR SELECT USING (fleet_acting_admin())`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of functions) await sql.raw(statement).execute(db);
  for (const table of ['stations', 'fleet_sync_cursors', ...MIRRORED]) {
    await sql.raw(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`).execute(db);
    await sql.raw(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`).execute(db);
  }
  for (const statement of policies) await sql.raw(statement).execute(db);
}
