// Migration 5 on a kiosk that already sold at 1-4: past sales get their list price (the amount they were
// sold at), and the new price-change rule holds on them.
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator } from 'kysely';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MagnumSqliteDialect, migrateToLatest } from '../migrate';
import type { Database } from '../schema';
import { fixtures, makeTempDir } from '../test-support';
import { migrations } from './index';

let sqlite: Sqlite.Database;
let db: Kysely<Database>;

beforeEach(async () => {
  sqlite = new Sqlite(join(makeTempDir('magnum-0005-'), 'magnum.db'));
  sqlite.pragma('foreign_keys = ON');
  db = new Kysely<Database>({ dialect: new MagnumSqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo('0004_default_template_assets');
  if (error) throw error;
});

afterEach(async () => {
  await db.destroy();
});

describe('migration 0005_sales_delivery', () => {
  it('gives every past sale its amount as list price and needs no reason for it', async () => {
    const recording = fixtures(sqlite).recording().id;
    const insert = sqlite.prepare(
      `INSERT INTO sales (id, recording_id, bundle, amount_cents, currency, payment_method)
       VALUES (?, ?, 'video_only', ?, 'USD', 'cash')`,
    );
    insert.run('s1', recording, 2500);
    insert.run('s2', recording, 1999);
    expect(await migrateToLatest(db)).toContain('0005_sales_delivery');
    expect(
      sqlite.prepare('SELECT id, list_price_cents, price_change_reason FROM sales ORDER BY id').all(),
    ).toEqual([
      { id: 's1', list_price_cents: 2500, price_change_reason: null },
      { id: 's2', list_price_cents: 1999, price_change_reason: null },
    ]);
    expect(sqlite.prepare('SELECT version FROM schema_version').pluck().all()).toContain(5);
  });

  it('refuses a sale charged below the list price without a reason', async () => {
    await migrateToLatest(db);
    const recording = fixtures(sqlite).recording().id;
    const insert = sqlite.prepare(
      `INSERT INTO sales (id, recording_id, bundle, amount_cents, list_price_cents, price_change_reason,
         currency, payment_method) VALUES (?, ?, 'video_only', ?, 2500, ?, 'USD', 'cash')`,
    );
    expect(() => insert.run('s1', recording, 2000, null)).toThrow(/chk_sale_price_change_reason/);
    expect(() => insert.run('s2', recording, 2000, '  ')).toThrow(/chk_sale_price_change_reason/);
    expect(() => insert.run('s3', recording, 2000, 'returning customer')).not.toThrow();
    expect(() => insert.run('s4', recording, 2500, null)).not.toThrow();
  });
});
