// Migration 6: photo_imports remembers every photo brought in from a card, by the SHA-256 of its bytes, and the
// flight it went into. A card keeps its photos after an import, so without this the same photo could go into a
// second flight (and out to a second customer) by accident; with it, the import marks such a photo and copies it
// only when the crew confirm it on purpose (duplicate_confirmed = 1 records that they did).
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;

const statements = [
  `CREATE TABLE photo_imports (
    id TEXT PRIMARY KEY NOT NULL,
    recording_id TEXT NOT NULL REFERENCES flight_recordings (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    path TEXT NOT NULL CONSTRAINT uk_photo_imports_path UNIQUE CHECK (length(path) > 0),
    original_name TEXT NOT NULL CHECK (length(original_name) > 0),
    taken_at TEXT NOT NULL CHECK (taken_at GLOB ${ISO_UTC}),
    bytes INTEGER NOT NULL CHECK (bytes > 0),
    duplicate_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (duplicate_confirmed IN (0, 1)),
    imported_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    imported_at TEXT NOT NULL DEFAULT ${NOW} CHECK (imported_at GLOB ${ISO_UTC}),
    CONSTRAINT uk_photo_imports_recording_sha256 UNIQUE (recording_id, sha256)
  ) STRICT`,
  `CREATE INDEX idx_photo_imports_sha256 ON photo_imports (sha256)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO schema_version (version) VALUES (6)`.execute(db);
}
