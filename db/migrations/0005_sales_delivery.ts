// Migration 5: what checkout and delivery need.
// - sales keep the catalogue price beside the amount charged, and an admin's reason when the two differ;
// - sale_downloads are the unguessable, expiring links a customer's phone downloads a sale's files from
//   over the kiosk's network (only the SHA-256 of a link's token is stored);
// - delivery_outbox holds deliveries that need a connection (e-mail) until one exists, across restarts;
// - flight_recordings gain an index on flight_at for the reports' "flights in this period".
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;
const at = (column: string) => `${column} TEXT NOT NULL DEFAULT ${NOW} CHECK (${column} GLOB ${ISO_UTC})`;
const maybeAt = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} GLOB ${ISO_UTC})`;

const statements = [
  `ALTER TABLE sales ADD COLUMN list_price_cents INTEGER
    CONSTRAINT chk_sale_list_price_positive CHECK (list_price_cents IS NULL OR list_price_cents > 0)`,
  `ALTER TABLE sales ADD COLUMN price_change_reason TEXT
    CONSTRAINT chk_sale_price_change_reason CHECK (
      (price_change_reason IS NULL AND (list_price_cents IS NULL OR amount_cents = list_price_cents)) OR
      (price_change_reason IS NOT NULL AND length(trim(price_change_reason)) > 0)
    )`,
  // Every sale before this migration was sold at the catalogue price (nothing could change it).
  `UPDATE sales SET list_price_cents = amount_cents WHERE list_price_cents IS NULL`,

  `CREATE TABLE sale_downloads (
    id TEXT PRIMARY KEY NOT NULL,
    sale_id TEXT NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL CONSTRAINT uk_sale_downloads_token_hash UNIQUE CHECK (length(token_hash) = 64),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('created_at')},
    expires_at TEXT NOT NULL CHECK (expires_at GLOB ${ISO_UTC}),
    ${maybeAt('revoked_at')},
    download_count INTEGER NOT NULL DEFAULT 0 CHECK (download_count >= 0),
    ${maybeAt('last_download_at')},
    CONSTRAINT chk_sale_download_expiry CHECK (expires_at > created_at)
  ) STRICT`,
  `CREATE INDEX idx_sale_downloads_sale_id ON sale_downloads (sale_id, created_at)`,

  `CREATE TABLE delivery_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    sale_id TEXT NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CONSTRAINT chk_delivery_outbox_channel CHECK (channel IN ('email')),
    recipient TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT chk_delivery_outbox_status
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error TEXT,
    next_attempt_at TEXT NOT NULL CHECK (next_attempt_at GLOB ${ISO_UTC}),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('created_at')},
    ${at('updated_at')},
    ${maybeAt('sent_at')},
    CONSTRAINT chk_delivery_outbox_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX idx_delivery_outbox_due ON delivery_outbox (next_attempt_at) WHERE status = 'pending'`,
  `CREATE INDEX idx_delivery_outbox_sale_id ON delivery_outbox (sale_id)`,

  `CREATE INDEX idx_flight_recordings_flight_at ON flight_recordings (flight_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO schema_version (version) VALUES (5)`.execute(db);
}
