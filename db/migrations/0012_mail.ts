// Migration 12: e-mail that really leaves the kiosk (issue 19).
// - mail_settings: the one SMTP account the outbox sends with. The password is stored only encrypted (by the
//   OS keychain through Electron's safeStorage, or by a key file beside the database on the browser-kiosk
//   host; password_box says which), so a copied database alone never gives it away;
// - delivery_outbox is rebuilt (SQLite cannot loosen a NOT NULL in place) so an item can be a follow-up to a
//   passenger who bought nothing: `kind` 'receipt' (a sale) or 'follow_up' (a flight, at most one each).
//   Each item gets a stable message_id, so a message sent again after a crash is the same message to the
//   recipient's mail system, and server_response keeps what the server answered when it took the message.
//   Every row and index is kept.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;
const at = (column: string) => `${column} TEXT NOT NULL DEFAULT ${NOW} CHECK (${column} GLOB ${ISO_UTC})`;
const maybeAt = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} GLOB ${ISO_UTC})`;

const statements = [
  `CREATE TABLE mail_settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    host TEXT NOT NULL CHECK (length(trim(host)) > 0 AND length(host) <= 253),
    port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls_mode TEXT NOT NULL CONSTRAINT chk_mail_tls_mode CHECK (tls_mode IN ('none', 'starttls', 'tls')),
    username TEXT CHECK (username IS NULL OR length(username) <= 254),
    from_address TEXT NOT NULL CHECK (length(trim(from_address)) > 0),
    password_encrypted BLOB,
    password_box TEXT CONSTRAINT chk_mail_password_box CHECK (password_box IN ('os-keychain', 'local-key')),
    follow_up_hours INTEGER NOT NULL DEFAULT 24 CHECK (follow_up_hours BETWEEN 1 AND 336),
    follow_up_enabled INTEGER NOT NULL DEFAULT 1 CHECK (follow_up_enabled IN (0, 1)),
    updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('updated_at')},
    CONSTRAINT chk_mail_password_pair CHECK ((password_encrypted IS NULL) = (password_box IS NULL))
  ) STRICT`,

  `CREATE TABLE delivery_outbox_new (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL DEFAULT 'receipt' CONSTRAINT chk_delivery_outbox_kind CHECK (kind IN ('receipt', 'follow_up')),
    sale_id TEXT REFERENCES sales (id) ON DELETE CASCADE,
    recording_id TEXT REFERENCES flight_recordings (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CONSTRAINT chk_delivery_outbox_channel CHECK (channel IN ('email')),
    recipient TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT chk_delivery_outbox_status
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error TEXT,
    next_attempt_at TEXT NOT NULL CHECK (next_attempt_at GLOB ${ISO_UTC}),
    message_id TEXT NOT NULL CONSTRAINT uk_delivery_outbox_message_id UNIQUE
      CHECK (message_id GLOB '<?*@?*>'),
    server_response TEXT CHECK (server_response IS NULL OR length(server_response) <= 500),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('created_at')},
    ${at('updated_at')},
    ${maybeAt('sent_at')},
    CONSTRAINT chk_delivery_outbox_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    CONSTRAINT chk_delivery_outbox_subject CHECK (
      (kind = 'receipt' AND sale_id IS NOT NULL) OR (kind = 'follow_up' AND recording_id IS NOT NULL)
    )
  ) STRICT`,
  `INSERT INTO delivery_outbox_new (id, kind, sale_id, recording_id, channel, recipient, status, attempts,
     last_error, next_attempt_at, message_id, created_by, created_at, updated_at, sent_at)
   SELECT o.id, 'receipt', o.sale_id, s.recording_id, o.channel, o.recipient, o.status, o.attempts, o.last_error,
     o.next_attempt_at, '<' || o.id || '@magnumstream.kiosk>', o.created_by, o.created_at, o.updated_at, o.sent_at
   FROM delivery_outbox o LEFT JOIN sales s ON s.id = o.sale_id`,
  `DROP TABLE delivery_outbox`,
  `ALTER TABLE delivery_outbox_new RENAME TO delivery_outbox`,
  `CREATE INDEX idx_delivery_outbox_due ON delivery_outbox (next_attempt_at) WHERE status = 'pending'`,
  `CREATE INDEX idx_delivery_outbox_sale_id ON delivery_outbox (sale_id)`,
  `CREATE INDEX idx_delivery_outbox_recording_id ON delivery_outbox (recording_id)`,
  // One follow-up per flight, however often the scheduler looks.
  `CREATE UNIQUE INDEX uk_delivery_outbox_follow_up ON delivery_outbox (recording_id) WHERE kind = 'follow_up'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO schema_version (version) VALUES (12)`.execute(db);
}
