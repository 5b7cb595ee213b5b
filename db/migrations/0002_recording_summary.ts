// Migration 2: the recording_summary view the dashboard reads.
//
// Every figure is its own correlated scalar subquery, never a join: the old view joined scenes x slots x
// segments x sales and summed over the product, inflating sales totals and storage (PRODUCT.md). Subqueries
// also keep "latest 50 unsold" cheap: SQLite flattens the view, walks idx_flight_recordings_unsold and
// computes the figures only for the 50 rows it returns.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE VIEW recording_summary AS
    SELECT
      r.id, r.passenger_names, r.customer_email, r.customer_phone, r.pilot_id, r.staff_member, r.created_by,
      r.flight_at, r.notes, r.language, r.origin, r.referral_source, r.trip_purpose, r.contact_consent,
      r.waiver_accepted_at, r.template_id, r.export_status, r.sold, r.created_at, r.updated_at,
      (SELECT count(*) FROM scene_recordings s WHERE s.recording_id = r.id) AS scene_count,
      (SELECT count(*) FROM scene_recordings s
        WHERE s.recording_id = r.id AND s.status IN ('recorded', 'recovered')) AS recorded_scene_count,
      (SELECT count(*) FROM scene_recordings s JOIN scene_segments g ON g.scene_id = s.id
        WHERE s.recording_id = r.id) AS segment_count,
      (SELECT count(*) FROM video_slots v WHERE v.recording_id = r.id) AS slot_count,
      (SELECT count(*) FROM sales x WHERE x.recording_id = r.id AND x.status = 'completed') AS sales_count,
      (SELECT coalesce(sum(x.amount_cents), 0) FROM sales x
        WHERE x.recording_id = r.id AND x.status = 'completed') AS sales_total_cents,
      (SELECT coalesce(sum(u.bytes), 0) FROM storage_usage u WHERE u.recording_id = r.id) AS storage_bytes,
      (SELECT e.status FROM export_jobs e WHERE e.recording_id = r.id
        ORDER BY e.created_at DESC, e.rowid DESC LIMIT 1) AS latest_export_status
    FROM flight_recordings r
  `.execute(db);
  await sql`INSERT INTO schema_version (version) VALUES (2)`.execute(db);
}
