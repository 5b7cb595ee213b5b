// Migration 10: passengers check themselves in on a locked screen and sign the liability waiver (issue 19).
// - waiver_versions: the waiver's text, one row per published version (old ones kept: a signature names the
//   version it agreed to); version 1 is seeded;
// - checkin_screens: screens an admin turned into passenger check-in; only the SHA-256 of each screen's random
//   token is kept, so a copied database holds nothing that opens the form;
// - self_checkins: what a passenger entered, waiting until the crew turn it into a flight (or dismiss it);
// - waiver_signatures: one finger signature per passenger (a PNG under <data>/waivers/, its hash here), later
//   linked to the flight it became.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;
const at = (column: string) => `${column} TEXT NOT NULL DEFAULT ${NOW} CHECK (${column} GLOB ${ISO_UTC})`;
const maybeAt = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} GLOB ${ISO_UTC})`;
const maybeText = (column: string, max: number) =>
  `${column} TEXT CHECK (${column} IS NULL OR length(${column}) <= ${max})`;

/** Plain words a passenger can read on a tablet; an admin publishes the operator's own text as version 2. */
export const FIRST_WAIVER_TEXT = [
  'Flying in a light aircraft or helicopter carries risks that cannot be removed completely, including injury and, in rare cases, death.',
  'I confirm that I am fit to fly, that I have told the crew about any medical condition, pregnancy or reduced mobility that may matter, and that I am not under the influence of alcohol or drugs.',
  'I will follow the pilot’s and the ground crew’s instructions at all times, keep my seat belt fastened, and keep loose objects secured.',
  'I understand that the flight may be shortened, changed or cancelled for weather, safety or operational reasons.',
  'I accept these risks for myself. Nothing in this waiver limits the operator’s liability where the law does not allow it to be limited, including for gross negligence.',
  'I agree that the flight may be filmed for the souvenir video offered to me.',
].join('\n\n');

const statements = [
  `CREATE TABLE waiver_versions (
    id TEXT PRIMARY KEY NOT NULL,
    version INTEGER NOT NULL UNIQUE CHECK (version >= 1),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= 20000),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('created_at')}
  ) STRICT`,

  `CREATE TABLE checkin_screens (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('created_at')},
    ${maybeAt('revoked_at')},
    revoked_by TEXT REFERENCES users (id) ON DELETE SET NULL
  ) STRICT`,

  `CREATE TABLE self_checkins (
    id TEXT PRIMARY KEY NOT NULL,
    checkin_screen_id TEXT REFERENCES checkin_screens (id) ON DELETE SET NULL,
    passenger_names TEXT NOT NULL CHECK (length(trim(passenger_names)) > 0 AND length(passenger_names) <= 200),
    ${maybeText('customer_email', 200)},
    ${maybeText('customer_phone', 40)},
    ${maybeText('origin', 100)},
    ${maybeText('referral_source', 100)},
    trip_purpose TEXT CONSTRAINT chk_self_checkin_trip_purpose
      CHECK (trip_purpose IS NULL OR trip_purpose IN ('vacation', 'birthday', 'special_event', 'bucket_list', 'other')),
    ${maybeText('language', 40)},
    contact_consent INTEGER NOT NULL DEFAULT 0 CHECK (contact_consent IN (0, 1)),
    ${maybeAt('preferred_flight_at')},
    status TEXT NOT NULL DEFAULT 'waiting' CONSTRAINT chk_self_checkin_status
      CHECK (status IN ('waiting', 'converted', 'dismissed')),
    recording_id TEXT REFERENCES flight_recordings (id) ON DELETE SET NULL,
    handled_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('created_at')},
    ${maybeAt('converted_at')},
    ${maybeAt('dismissed_at')},
    CONSTRAINT chk_self_checkin_converted CHECK ((status = 'converted') = (converted_at IS NOT NULL)),
    CONSTRAINT chk_self_checkin_dismissed CHECK ((status = 'dismissed') = (dismissed_at IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX idx_self_checkins_waiting ON self_checkins (created_at) WHERE status = 'waiting'`,
  `CREATE INDEX idx_self_checkins_recording_id ON self_checkins (recording_id)`,

  `CREATE TABLE waiver_signatures (
    id TEXT PRIMARY KEY NOT NULL,
    self_checkin_id TEXT NOT NULL REFERENCES self_checkins (id) ON DELETE CASCADE,
    recording_id TEXT REFERENCES flight_recordings (id) ON DELETE SET NULL,
    passenger_name TEXT NOT NULL CHECK (length(trim(passenger_name)) > 0 AND length(passenger_name) <= 100),
    waiver_version_id TEXT NOT NULL REFERENCES waiver_versions (id) ON DELETE RESTRICT,
    -- Relative to the data folder: waivers/<self_checkin_id>/<id>.png.
    signature_path TEXT NOT NULL CHECK (signature_path GLOB 'waivers/*.png'),
    -- SHA-256 (hex) of the PNG's bytes, one NUL byte, then the waiver version's text in UTF-8.
    signature_sha256 TEXT NOT NULL CHECK (length(signature_sha256) = 64),
    ${at('signed_at')}
  ) STRICT`,
  `CREATE INDEX idx_waiver_signatures_self_checkin_id ON waiver_signatures (self_checkin_id)`,
  `CREATE INDEX idx_waiver_signatures_recording_id ON waiver_signatures (recording_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO waiver_versions (id, version, text) VALUES (${'6f1d0c2a-3b4e-4f5a-8b6c-7d8e9f0a1b2c'}, 1, ${FIRST_WAIVER_TEXT})`.execute(
    db,
  );
  await sql`INSERT INTO schema_version (version) VALUES (10)`.execute(db);
}
