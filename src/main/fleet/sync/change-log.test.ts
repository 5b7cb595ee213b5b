// The change log as a push uses it, on real database files through the real migrations, with flights checked
// in and sold by the real services: batches in change order with the rows' current values, resumed after a
// cut without gaps or duplicates, and a push that is marked done only up to what it sent.
import { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MagnumSqliteDialect } from '../../../../db/migrate';
import type { Database } from '../../../../db/schema';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../../db/test-support';
import { createFlightRecording } from '../../recordings/service';
import { createSale, voidSale } from '../../sales/service';
import { SYNCED_TABLES, syncedTable } from '../tables';
import {
  markPushed,
  pendingCount,
  plainFailure,
  readBatch,
  readSyncState,
  recordFailure,
  type SyncEntry,
} from './change-log';

let t: TempDatabase;
let crewId: string;

beforeEach(async () => {
  t = await openTempDatabase();
  crewId = fixtures(t.sqlite).user({ role: 'crew', name: 'Maya Lindqvist' }).id;
});
afterEach(() => t.dispose());

/** A flight checked in by the crew, its cruising scene filmed (what a video sale needs). */
async function checkIn(passengerNames: string) {
  const { recording } = await createFlightRecording(
    t.db,
    { passenger_names: passengerNames, staff_member: crewId },
    crewId,
  );
  t.sqlite
    .prepare(
      `UPDATE scene_recordings SET status = 'recorded' WHERE recording_id = ? AND scene_type = 'cruising'`,
    )
    .run(recording.id);
  return recording;
}
const sell = (recordingId: string) =>
  createSale(
    t.db,
    { recording_id: recordingId, bundle: 'video_only', payment_method: 'card' },
    { id: crewId, role: 'crew' },
  );
/** Everything that waits, read in batches of `size` the way a push walks the log. */
async function readAll(size: number, afterSeq = 0): Promise<SyncEntry[]> {
  const all: SyncEntry[] = [];
  for (;;) {
    const batch = await readBatch(t.db, { afterSeq, limit: size });
    if (batch.length === 0) return all;
    all.push(...batch);
    afterSeq = batch.at(-1)!.seq;
  }
}
const pushEverything = async () => {
  const entries = await readAll(1000);
  if (entries.length > 0) await markPushed(t.db, entries.at(-1)!.seq);
};

describe('readBatch', () => {
  it('gives each changed row once, in the order it last changed, with the contract’s columns as stored', async () => {
    await pushEverything();
    const flight = await checkIn('Anna Keller');
    const sale = await sell(flight.id);
    const entries = await readBatch(t.db, { limit: 100 });

    expect(entries.map((entry) => entry.seq)).toEqual(
      [...entries.map((entry) => entry.seq)].sort((a, b) => a - b),
    );
    const keys = entries.map((entry) => `${entry.table}:${entry.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Check-in made the flight, its scenes and slots; the sale marked the flight sold after that, so the
    // flight's one entry comes after the sale's.
    expect(keys.indexOf(`sales:${sale.id}`)).toBeLessThan(keys.indexOf(`flight_recordings:${flight.id}`));
    expect(entries.filter((entry) => entry.table === 'scene_recordings')).toHaveLength(3);
    expect(entries.filter((entry) => entry.table === 'video_slots')).toHaveLength(8);
    expect(entries.some((entry) => entry.table === 'audit_logs')).toBe(true);

    for (const entry of entries) {
      expect(entry.op).toBe('upsert');
      if (entry.op !== 'upsert') continue;
      const { table, key, columns } = syncedTable(entry.table)!;
      const stored = t.sqlite
        .prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE ${key} = ?`)
        .get(entry.key) as Record<string, unknown>;
      expect(entry.row, `${table} ${entry.key}`).toEqual(stored);
      expect(Object.keys(entry.row)).toEqual([...columns]);
    }
    const soldFlight = entries.find((entry) => entry.key === flight.id);
    expect(soldFlight?.op === 'upsert' && soldFlight.row).toMatchObject({ sold: 1, staff_member: crewId });
  });

  it('never sends a PIN hash, lockout counters or footage paths', async () => {
    t.sqlite
      .prepare(`UPDATE users SET pin_hash = 'scrypt$secret-hash', failed_pin_attempts = 2 WHERE id = ?`)
      .run(crewId);
    const flight = await checkIn('Anna Keller');
    t.sqlite
      .prepare(
        `UPDATE scene_recordings SET camera1_path = 'media/x/cam1.webm', status = 'recorded' WHERE recording_id = ?`,
      )
      .run(flight.id);
    const text = JSON.stringify(await readAll(1000));
    expect(text).not.toContain('secret-hash');
    expect(text).not.toContain('cam1.webm');
    expect(text).not.toContain('failed_pin_attempts');
  });

  it('reads one query per table per batch, not one per row', async () => {
    await pushEverything();
    for (let i = 0; i < 5; i++) await sell((await checkIn(`Passenger ${i}`)).id);
    const statements: string[] = [];
    const counted = new Kysely<Database>({
      dialect: new MagnumSqliteDialect({ database: t.sqlite }),
      log: (event) => {
        statements.push(event.query.sql);
      },
    });
    const entries = await readBatch(counted, { limit: 1000 });
    const tables = new Set(entries.map((entry) => entry.table));
    expect(entries.length).toBeGreaterThan(50);
    expect(tables.size).toBeGreaterThanOrEqual(5);
    // The log itself, then each table once.
    expect(statements.filter((text) => /^select/i.test(text))).toHaveLength(1 + tables.size);
  });

  it('sends a deleted row as its key alone, and an entry whose row is gone as a delete', async () => {
    const flight = await checkIn('Doomed Flight');
    await pushEverything();
    t.sqlite.prepare('DELETE FROM flight_recordings WHERE id = ?').run(flight.id);
    // A row gone without its delete in the log: what an old backup put back under a newer log could leave.
    const ghost = fixtures(t.sqlite).recording({ passenger_names: 'Ghost' });
    t.sqlite.prepare('DROP TRIGGER sync_log_flight_recordings_delete').run();
    t.sqlite.prepare('DELETE FROM flight_recordings WHERE id = ?').run(ghost.id);

    const entries = await readBatch(t.db, { limit: 100 });
    const flightEntry = entries.find((entry) => entry.key === flight.id);
    expect(flightEntry).toEqual({
      seq: flightEntry!.seq,
      table: 'flight_recordings',
      key: flight.id,
      op: 'delete',
    });
    expect(entries.filter((entry) => entry.table === 'scene_recordings').map((entry) => entry.op)).toEqual([
      'delete',
      'delete',
      'delete',
    ]);
    expect(entries.find((entry) => entry.key === ghost.id)).toMatchObject({ op: 'delete' });
    expect(entries.every((entry) => !('row' in entry) || entry.op === 'upsert')).toBe(true);
  });

  it('walks the whole log in small batches without missing or repeating a row', async () => {
    for (let i = 0; i < 4; i++) await checkIn(`Passenger ${i}`);
    const inOneGo = await readBatch(t.db, { limit: 1000 });
    const inSmallSteps = await readAll(7);
    expect(inSmallSteps).toEqual(inOneGo);
    expect(inOneGo).toHaveLength(await pendingCount(t.db));
  });
});

describe('markPushed', () => {
  it('removes what was pushed, records when, and keeps what changed during the push', async () => {
    const flight = await checkIn('Anna Keller');
    const batch = await readBatch(t.db, { limit: 1000 });
    const uptoSeq = batch.at(-1)!.seq;
    // While the batch is on its way: the flight is sold (it changes again) and another is checked in.
    const sale = await sell(flight.id);
    const next = await checkIn('Ben Ode');
    await markPushed(t.db, uptoSeq, new Date('2026-06-01T10:00:00.000Z'));

    const left = await readBatch(t.db, { afterSeq: uptoSeq, limit: 1000 });
    expect(await pendingCount(t.db)).toBe(left.length);
    const keys = left.map((entry) => entry.key);
    expect(keys).toEqual(expect.arrayContaining([flight.id, sale.id, next.id]));
    const flightEntry = left.find((entry) => entry.key === flight.id);
    expect(flightEntry?.op === 'upsert' && flightEntry.row.sold).toBe(1);
    expect(await readSyncState(t.db)).toEqual({
      id: 1,
      last_pushed_seq: uptoSeq,
      last_push_at: '2026-06-01T10:00:00.000Z',
      last_error: null,
      last_error_at: null,
    });
  });

  it('resumes after a cut with the same entries, and a push repeated after the cut changes nothing', async () => {
    const flight = await checkIn('Anna Keller');
    await sell(flight.id);
    const first = await readBatch(t.db, { limit: 10 });
    // The kiosk stopped before markPushed: the next push starts over with the same entries.
    expect(await readBatch(t.db, { limit: 10 })).toEqual(first);
    await markPushed(t.db, first.at(-1)!.seq);
    const second = await readBatch(t.db, { limit: 10 });
    expect(second[0]!.seq).toBeGreaterThan(first.at(-1)!.seq);
    // The central side committed the first batch, but the kiosk's mark was lost and made again.
    await markPushed(t.db, first.at(-1)!.seq);
    expect(await readBatch(t.db, { limit: 10 })).toEqual(second);
    expect((await readSyncState(t.db)).last_pushed_seq).toBe(first.at(-1)!.seq);
  });

  it('sends a sale voided after its push again, with its new status', async () => {
    const flight = await checkIn('Anna Keller');
    const sale = await sell(flight.id);
    await pushEverything();
    expect(await pendingCount(t.db)).toBe(0);
    await voidSale(t.db, sale.id, { reason: 'Wrong bundle' }, crewId);
    const entries = await readBatch(t.db, { limit: 100 });
    const voided = entries.find((entry) => entry.key === sale.id);
    expect(voided?.op === 'upsert' && voided.row).toMatchObject({
      status: 'voided',
      void_reason: 'Wrong bundle',
    });
  });
});

describe('failures', () => {
  it('records the reason in plain words, without a password, until a push goes through', async () => {
    await recordFailure(
      t.db,
      'connect ECONNREFUSED 127.0.0.1:5432 (postgres://kiosk:Hangar-Door-42@127.0.0.1:5432/fleet)\n',
      { now: new Date('2026-06-01T10:00:00.000Z'), secrets: ['Hangar-Door-42'] },
    );
    const failed = await readSyncState(t.db);
    expect(failed.last_error).toBe(
      'connect ECONNREFUSED 127.0.0.1:5432 (postgres://kiosk@127.0.0.1:5432/fleet)',
    );
    expect(failed.last_error_at).toBe('2026-06-01T10:00:00.000Z');
    await pushEverything();
    expect(await readSyncState(t.db)).toMatchObject({ last_error: null, last_error_at: null });
  });

  it('takes every given secret out and keeps the reason short', () => {
    expect(plainFailure('password authentication failed: s3cr3t was wrong', ['s3cr3t'])).toBe(
      'password authentication failed: [password] was wrong',
    );
    expect(plainFailure('x'.repeat(900))).toHaveLength(500);
    expect(plainFailure('\n')).toMatch(/could not name/);
  });
});

describe('the triggers of migration 13', () => {
  it('watch exactly the contract’s tables and columns (a change of the contract needs a migration)', () => {
    const triggers = new Map(
      (
        t.sqlite
          .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'sync_log_*'`)
          .all() as Array<{ name: string; sql: string }>
      ).map((row) => [row.name, row.sql]),
    );
    const expected: string[] = [];
    for (const { table, columns } of SYNCED_TABLES) {
      // Archived audit entries stay in the fleet's copy (see the migration).
      expected.push(`sync_log_${table}_insert`, `sync_log_${table}_update`);
      if (table !== 'audit_logs') expected.push(`sync_log_${table}_delete`);
      const update = triggers.get(`sync_log_${table}_update`) ?? '';
      const watched = [...update.matchAll(/OLD\.(\w+) IS NOT NEW\.\1/g)].map((match) => match[1]);
      // An export's progress ticks alone are not logged (see the migration).
      const quiet: string[] = table === 'export_jobs' ? ['progress', 'updated_at'] : [];
      expect(new Set(watched), table).toEqual(new Set(columns.filter((column) => !quiet.includes(column))));
      // And every column the contract names exists in the kiosk's table.
      const existing = (t.sqlite.pragma(`table_info(${table})`) as Array<{ name: string }>).map(
        (c) => c.name,
      );
      expect(existing, table).toEqual(expect.arrayContaining([...columns]));
    }
    expect([...triggers.keys()].sort()).toEqual(expected.sort());
  });
});
