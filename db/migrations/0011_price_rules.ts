// Migration 11: price rules (issue 19).
// - price_rules: the admin's discounts and combos — a closed set of kinds (the Nth sale of a flight, flights
//   between two local times, a bundle for less), each with one effect (percent off, an amount off, or a fixed
//   price), an optional day range and a bundle filter. `conditions` is JSON validated by zod in main
//   (src/shared/pricing.ts); the columns the database can check are checked here.
// - sales gain the rule that priced them: its discount in cents, its id (SET NULL when the rule is deleted)
//   and its name as the receipt printed it, copied so the receipt stays true after the rule is edited.
//   A rule's sale also carries its reason in price_change_reason (migration 5 requires one whenever the amount
//   differs from the list price); an admin's manual change keeps the admin's reason there instead.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const ISO_UTC = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;
const at = (column: string) => `${column} TEXT NOT NULL DEFAULT ${NOW} CHECK (${column} GLOB ${ISO_UTC})`;
const DAY = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const maybeDay = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} GLOB ${DAY})`;

const statements = [
  `CREATE TABLE price_rules (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 60),
    kind TEXT NOT NULL CONSTRAINT chk_price_rule_kind CHECK (kind IN ('nth_sale', 'flight_time', 'bundle')),
    conditions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(conditions)),
    effect TEXT NOT NULL CONSTRAINT chk_price_rule_effect
      CHECK (effect IN ('percent_off', 'amount_off', 'fixed_price')),
    effect_value INTEGER NOT NULL CHECK (effect_value > 0),
    ${maybeDay('valid_from')},
    ${maybeDay('valid_until')},
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    ${at('created_at')},
    ${at('updated_at')},
    CONSTRAINT chk_price_rule_percent CHECK (effect <> 'percent_off' OR effect_value <= 99),
    CONSTRAINT chk_price_rule_days CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until)
  ) STRICT`,
  `CREATE INDEX idx_price_rules_active ON price_rules (sort_order, created_at) WHERE active = 1`,

  `ALTER TABLE sales ADD COLUMN discount_cents INTEGER NOT NULL DEFAULT 0
    CONSTRAINT chk_sale_discount CHECK (discount_cents >= 0)`,
  `ALTER TABLE sales ADD COLUMN price_rule_id TEXT REFERENCES price_rules (id) ON DELETE SET NULL`,
  `ALTER TABLE sales ADD COLUMN price_rule_name TEXT
    CONSTRAINT chk_sale_price_rule CHECK ((discount_cents > 0) = (price_rule_name IS NOT NULL))`,
  `CREATE INDEX idx_sales_price_rule_id ON sales (price_rule_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO schema_version (version) VALUES (11)`.execute(db);
}
