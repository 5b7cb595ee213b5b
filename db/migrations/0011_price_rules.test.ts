// Migration 11 on a kiosk with sales: they keep every figure, with no discount and no rule, and the new
// columns hold together (a discount always names its rule; deleting a rule leaves its sales' text).
import type Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../migrate';
import type { Database } from '../schema';
import { fixtures } from '../test-support';
import { openDatabaseMigratedTo } from './test-support';

let sqlite: Sqlite.Database;
let db: Kysely<Database>;

beforeEach(async () => {
  ({ sqlite, db } = await openDatabaseMigratedTo('0009_default_music_bed'));
});

afterEach(async () => {
  await db.destroy();
});

const insertSale = (id: string, recording: string, o: Record<string, unknown> = {}) => {
  const row = { amount_cents: 2500, list_price_cents: 2500, price_change_reason: null, ...o };
  const columns = Object.keys(row);
  sqlite
    .prepare(
      `INSERT INTO sales (id, recording_id, bundle, currency, payment_method, ${columns.join(', ')})
       VALUES (?, ?, 'video_only', 'USD', 'cash', ${columns.map(() => '?').join(', ')})`,
    )
    .run(id, recording, ...Object.values(row));
};

describe('migration 0011_price_rules', () => {
  it('keeps past sales as they were, with no discount and no rule', async () => {
    const recording = fixtures(sqlite).recording().id;
    insertSale('s1', recording);
    insertSale('s2', recording, { amount_cents: 2000, price_change_reason: 'returning customer' });
    expect(await migrateToLatest(db)).toContain('0011_price_rules');
    expect(
      sqlite
        .prepare(
          `SELECT id, amount_cents, list_price_cents, price_change_reason, discount_cents, price_rule_id,
             price_rule_name FROM sales ORDER BY id`,
        )
        .all(),
    ).toEqual([
      { id: 's1', amount_cents: 2500, list_price_cents: 2500, price_change_reason: null, discount_cents: 0,
        price_rule_id: null, price_rule_name: null }, // prettier-ignore
      { id: 's2', amount_cents: 2000, list_price_cents: 2500, price_change_reason: 'returning customer',
        discount_cents: 0, price_rule_id: null, price_rule_name: null }, // prettier-ignore
    ]);
    expect(sqlite.prepare('SELECT version FROM schema_version').pluck().all()).toContain(11);
  });

  it('refuses a discount without its rule text, and keeps the text when the rule is deleted', async () => {
    await migrateToLatest(db);
    const recording = fixtures(sqlite).recording().id;
    expect(() =>
      insertSale('s1', recording, { amount_cents: 2000, discount_cents: 500, price_change_reason: 'x' }),
    ).toThrow(/chk_sale_price_rule/);
    sqlite
      .prepare(
        `INSERT INTO price_rules (id, name, kind, effect, effect_value) VALUES ('r1', 'Combo', 'bundle', 'amount_off', 500)`,
      )
      .run();
    insertSale('s2', recording, {
      amount_cents: 2000,
      discount_cents: 500,
      price_rule_id: 'r1',
      price_rule_name: 'Combo',
      price_change_reason: 'Combo',
    });
    sqlite.prepare(`DELETE FROM price_rules WHERE id = 'r1'`).run();
    expect(
      sqlite
        .prepare(`SELECT price_rule_id, price_rule_name, discount_cents FROM sales WHERE id = 's2'`)
        .get(),
    ).toEqual({ price_rule_id: null, price_rule_name: 'Combo', discount_cents: 500 });
  });
});
