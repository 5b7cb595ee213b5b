// Migration 8: what running a kiosk for months needs (issue 17).
// - problem_reports: a problem anyone signed in reports (category, text, optional flight), which an admin
//   resolves with a note;
// - slow_queries: statements that took longer than the health threshold, for the admin's health screen
//   (kept short: the newest few hundred, trimmed by the daily maintenance);
// - media_removals: what the storage rules removed from disk, per flight and kind, so screens can say "the
//   footage was removed on … and is in the backup of …" instead of a broken player.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;
const at = (column: string) => `${column} TEXT NOT NULL DEFAULT ${NOW} CHECK (${column} GLOB ${ISO_UTC})`;
const maybeAt = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} GLOB ${ISO_UTC})`;

const statements = [
  `CREATE TABLE problem_reports (
    id TEXT PRIMARY KEY NOT NULL,
    reported_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    category TEXT NOT NULL CONSTRAINT chk_problem_category
      CHECK (category IN ('camera', 'recording', 'export', 'sale', 'delivery', 'kiosk', 'other')),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0 AND length(description) <= 2000),
    recording_id TEXT REFERENCES flight_recordings (id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'open' CONSTRAINT chk_problem_status CHECK (status IN ('open', 'resolved')),
    resolution_note TEXT CHECK (resolution_note IS NULL OR length(resolution_note) <= 2000),
    resolved_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${maybeAt('resolved_at')},
    ${at('created_at')},
    CONSTRAINT chk_problem_resolved CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX idx_problem_reports_status ON problem_reports (status, created_at DESC)`,
  `CREATE INDEX idx_problem_reports_recording_id ON problem_reports (recording_id)`,

  `CREATE TABLE slow_queries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    statement TEXT NOT NULL CHECK (length(statement) <= 4000),
    duration_ms REAL NOT NULL CHECK (duration_ms >= 0),
    ${at('recorded_at')}
  ) STRICT`,
  `CREATE INDEX idx_slow_queries_recorded_at ON slow_queries (recorded_at)`,

  `CREATE TABLE media_removals (
    id TEXT PRIMARY KEY NOT NULL,
    recording_id TEXT NOT NULL REFERENCES flight_recordings (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CONSTRAINT chk_media_removal_kind CHECK (kind IN ('raw', 'export', 'photo', 'thumbnail')),
    files INTEGER NOT NULL CHECK (files >= 0),
    bytes INTEGER NOT NULL CHECK (bytes >= 0),
    -- The verified backup generation that holds the files, or NULL when an admin confirmed by name that
    -- files that were in no verified backup may go.
    backup_generation TEXT,
    removed_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('removed_at')}
  ) STRICT`,
  `CREATE INDEX idx_media_removals_recording_id ON media_removals (recording_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO schema_version (version) VALUES (8)`.execute(db);
}
