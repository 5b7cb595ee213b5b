// Migration 12 on a kiosk with e-mails already in its outbox: every row is kept as a receipt with its own
// stable Message-ID, the indexes are back, and a follow-up (no sale) can now be stored, once per flight.
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

describe('migration 0012_mail', () => {
  it('keeps every outbox row as a receipt with a message id, and the indexes', async () => {
    const f = fixtures(sqlite);
    const recordingId = f.recording({ passenger_names: 'Anna Keller' }).id;
    const saleId = f.sale(recordingId).id;
    sqlite
      .prepare(
        `INSERT INTO delivery_outbox (id, sale_id, channel, recipient, status, attempts, next_attempt_at, sent_at)
         VALUES ('o1', ?, 'email', 'anna@example.com', 'sent', 1, '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:05.000Z'),
                ('o2', ?, 'email', 'anna@example.com', 'pending', 0, '2026-01-02T10:00:00.000Z', NULL)`,
      )
      .run(saleId, saleId);
    expect(await migrateToLatest(db)).toContain('0012_mail');
    expect(
      sqlite
        .prepare(
          'SELECT id, kind, sale_id, recording_id, status, message_id FROM delivery_outbox ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        id: 'o1',
        kind: 'receipt',
        sale_id: saleId,
        recording_id: recordingId,
        status: 'sent',
        message_id: '<o1@magnumstream.kiosk>',
      },
      {
        id: 'o2',
        kind: 'receipt',
        sale_id: saleId,
        recording_id: recordingId,
        status: 'pending',
        message_id: '<o2@magnumstream.kiosk>',
      },
    ]);
    const indexes = sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'delivery_outbox' AND sql IS NOT NULL`,
      )
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        'idx_delivery_outbox_due',
        'idx_delivery_outbox_sale_id',
        'idx_delivery_outbox_recording_id',
        'uk_delivery_outbox_follow_up',
      ]),
    );
    expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('stores one follow-up per flight, without a sale, and refuses one without a flight', async () => {
    await migrateToLatest(db);
    const recordingId = fixtures(sqlite).recording({ passenger_names: 'Ben Ode' }).id;
    const insert = sqlite.prepare(
      `INSERT INTO delivery_outbox (id, kind, recording_id, channel, recipient, next_attempt_at, message_id)
       VALUES (?, 'follow_up', ?, 'email', 'ben@example.com', '2026-01-02T10:00:00.000Z', ?)`,
    );
    insert.run('f1', recordingId, '<f1@magnumstream.kiosk>');
    expect(() => insert.run('f2', recordingId, '<f2@magnumstream.kiosk>')).toThrow(/UNIQUE/);
    expect(() => insert.run('f3', null, '<f3@magnumstream.kiosk>')).toThrow(/CHECK/);
  });

  it('keeps the SMTP password only as an encrypted blob with the box that can open it', async () => {
    await migrateToLatest(db);
    const insert = sqlite.prepare(
      `INSERT INTO mail_settings (id, host, port, tls_mode, from_address, password_encrypted, password_box)
       VALUES (1, 'smtp.example.com', 587, 'starttls', 'kiosk@example.com', ?, ?)`,
    );
    expect(() => insert.run(Buffer.from([1, 2, 3]), null)).toThrow(/CHECK/);
    insert.run(Buffer.from([1, 2, 3]), 'local-key');
    expect(sqlite.prepare('SELECT follow_up_hours, follow_up_enabled FROM mail_settings').get()).toEqual({
      follow_up_hours: 24,
      follow_up_enabled: 1,
    });
  });
});
