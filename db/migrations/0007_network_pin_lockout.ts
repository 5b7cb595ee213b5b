// Migration 7: a second wrong-PIN counter for tries that come over the network. A machine on the kiosk's
// network could otherwise keep even the only admin locked out of the kiosk's own screen, one burst per lock
// period, for ever. failed_pin_attempts / locked_until now count the tries made on the kiosk machine itself;
// network_failed_pin_attempts / network_locked_until count every other address's
// (src/main/auth/kiosk-machine.ts says which is which).
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;

const statements = [
  `ALTER TABLE users ADD COLUMN network_failed_pin_attempts INTEGER NOT NULL DEFAULT 0
    CONSTRAINT chk_user_network_failed_pin_attempts CHECK (network_failed_pin_attempts >= 0)`,
  `ALTER TABLE users ADD COLUMN network_locked_until TEXT
    CONSTRAINT chk_user_network_locked_until CHECK (network_locked_until IS NULL OR network_locked_until GLOB ${ISO_UTC})`,
  // Nobody can tell where the tries counted so far came from: the network counter starts where the one
  // counter stood, so an attacker's lock (and how long the next one lasts) survives the upgrade.
  `UPDATE users SET network_failed_pin_attempts = failed_pin_attempts, network_locked_until = locked_until`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO schema_version (version) VALUES (7)`.execute(db);
}
