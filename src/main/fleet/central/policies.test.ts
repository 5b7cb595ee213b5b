// The data model's row rules, enforced by PostgreSQL itself. Every query here runs AS THE APP ROLE kiosks use,
// over TCP, and most are a bare `SELECT * FROM <table>` with no WHERE: what comes back is what the database
// lets that identity see, not what the query asked for.
//
// Two airfields: lsza (an admin, two crew, a pilot, three flights) and lsgs (one crew member, one flight).
//   f1: staff crew-1, created by crew-2, flown by pilot-1     sales: sale-1 (crew-1), sale-4 (crew-2)
//   f2: staff crew-2, created by crew-2                        sales: sale-2 (crew-2)
//   f3: staff crew-2, created by crew-1                        sales: sale-3 (crew-2)
//   lsgs fb1: staff b-crew                                     sales: sale-b1 (b-crew)
// Each flight has a scene, a segment, a slot, an export and a storage row; lsza also holds a scene whose flight
// has not arrived yet (rows arrive in any order after a cut).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres } from '../test-support/postgres';
import type { TestPostgres } from '../test-support/postgres';
import * as rows from '../test-support/rows';
import { asStation, asUser, openCentral } from './connect';
import type { ActingUser, CentralDb, CentralTransaction } from './connect';
import type { CentralTableName } from './schema';
import { setUpCentral } from './setup';
import { SYNCED_TABLES } from '../tables';

const APP_PASSWORD = 'kiosk-app-password-1';
let server: TestPostgres;
let db: CentralDb;

const BIG_FILE = 5_000_000_000; // past 2^32: a bigint that must come back as this number

async function seedLsza(trx: CentralTransaction): Promise<void> {
  const at = 'lsza';
  await trx.insertInto('stations').values(rows.stationRow(at)).execute();
  await trx
    .insertInto('fleet_sync_cursors')
    .values({ station_id: at, last_seq: 17, updated_at: rows.AT })
    .execute();
  await trx
    .insertInto('users')
    .values([
      rows.userRow(at, 'a-admin', 'admin'),
      rows.userRow(at, 'crew-1', 'crew'),
      rows.userRow(at, 'crew-2', 'crew'),
      rows.userRow(at, 'pilot-1', 'pilot'),
    ])
    .execute();
  await trx.insertInto('bundles').values(rows.bundleRow(at, 'video')).execute();
  await trx
    .insertInto('flight_recordings')
    .values([
      rows.flightRow(at, 'f1', { staff_member: 'crew-1', created_by: 'crew-2', pilot_id: 'pilot-1' }),
      rows.flightRow(at, 'f2', { staff_member: 'crew-2', created_by: 'crew-2' }),
      rows.flightRow(at, 'f3', { staff_member: 'crew-2', created_by: 'crew-1' }),
    ])
    .execute();
  for (const flight of ['f1', 'f2', 'f3']) await seedFlightParts(trx, at, flight);
  await trx
    .insertInto('scene_recordings')
    .values(rows.sceneRow(at, 'sc-orphan', 'f-not-yet-pushed'))
    .execute();
  await trx
    .insertInto('sales')
    .values([
      rows.saleRow(at, 'sale-1', 'f1', 'crew-1'),
      rows.saleRow(at, 'sale-2', 'f2', 'crew-2'),
      rows.saleRow(at, 'sale-3', 'f3', 'crew-2'),
      rows.saleRow(at, 'sale-4', 'f1', 'crew-2'),
    ])
    .execute();
  await trx
    .insertInto('audit_logs')
    .values([
      rows.auditRow(at, 'au-1', 'crew-1'),
      rows.auditRow(at, 'au-2', 'crew-2'),
      rows.auditRow(at, 'au-3', 'a-admin'),
    ])
    .execute();
}

async function seedFlightParts(trx: CentralTransaction, at: string, flight: string): Promise<void> {
  await trx
    .insertInto('scene_recordings')
    .values(rows.sceneRow(at, `sc-${flight}`, flight))
    .execute();
  await trx
    .insertInto('scene_segments')
    .values(rows.segmentRow(at, `seg-${flight}`, `sc-${flight}`))
    .execute();
  await trx
    .insertInto('video_slots')
    .values(rows.slotRow(at, `slot-${flight}`, flight, `sc-${flight}`))
    .execute();
  await trx
    .insertInto('export_jobs')
    .values(rows.exportRow(at, `exp-${flight}`, flight))
    .execute();
  const bytes = flight === 'f1' ? BIG_FILE : 1_000;
  await trx
    .insertInto('storage_usage')
    .values(rows.storageRow(at, `st-${flight}`, flight, bytes))
    .execute();
}

async function seedLsgs(trx: CentralTransaction): Promise<void> {
  const at = 'lsgs';
  await trx
    .insertInto('stations')
    .values(rows.stationRow(at, { currency: 'EUR' }))
    .execute();
  await trx
    .insertInto('fleet_sync_cursors')
    .values({ station_id: at, last_seq: 5, updated_at: rows.AT })
    .execute();
  await trx
    .insertInto('users')
    .values(rows.userRow(at, 'b-crew', 'crew'))
    .execute();
  await trx.insertInto('bundles').values(rows.bundleRow(at, 'video')).execute();
  await trx
    .insertInto('flight_recordings')
    .values(rows.flightRow(at, 'fb1', { staff_member: 'b-crew' }))
    .execute();
  await seedFlightParts(trx, at, 'fb1');
  await trx
    .insertInto('sales')
    .values(rows.saleRow(at, 'sale-b1', 'fb1', 'b-crew'))
    .execute();
  await trx
    .insertInto('audit_logs')
    .values(rows.auditRow(at, 'au-b1', 'b-crew'))
    .execute();
}

beforeAll(async () => {
  server = await startTestPostgres();
  const superUrl = await server.createDatabase('fleet');
  await setUpCentral({ ownerUrl: superUrl, appRole: 'magnum_app', appPassword: APP_PASSWORD });
  const appUrl = new URL(superUrl);
  appUrl.username = 'magnum_app';
  appUrl.password = APP_PASSWORD;
  db = openCentral(appUrl.toString());
  // Each kiosk pushes its own rows, through the same policies the tests below probe.
  await asStation(db, 'lsza', seedLsza);
  await asStation(db, 'lsgs', seedLsgs);
});

afterAll(async () => {
  await db?.destroy();
  await server?.stop();
});

const KEY: Partial<Record<CentralTableName, string>> = { bundles: 'code', fleet_sync_cursors: 'station_id' };

/** `SELECT * FROM <table>`, no WHERE: the keys of every row this transaction's identity gets back. */
async function everyRow(trx: CentralDb | CentralTransaction, table: CentralTableName): Promise<string[]> {
  const result = await sql<Record<string, string>>`SELECT * FROM ${sql.table(table)}`.execute(trx);
  return result.rows.map((row) => `${row[KEY[table] ?? 'id']}`).sort();
}

const seenBy = (user: ActingUser, table: CentralTableName) => asUser(db, user, (trx) => everyRow(trx, table));

const crew1: ActingUser = { userId: 'crew-1', role: 'crew' };
const crew2: ActingUser = { userId: 'crew-2', role: 'crew' };
const pilot1: ActingUser = { userId: 'pilot-1', role: 'pilot' };
const admin: ActingUser = { userId: 'a-admin', role: 'admin' };

describe('row security for people reading reports', () => {
  it('runs as the app role over TCP, not as an owner or superuser', async () => {
    const who = await sql<{ user: string; superuser: string; address: string }>`
      SELECT current_user AS user, current_setting('is_superuser') AS superuser,
        host(inet_client_addr()) AS address`.execute(db);
    expect(who.rows[0]).toEqual({ user: 'magnum_app', superuser: 'off', address: '127.0.0.1' });
  });

  it('shows a crew member only their own sales, to a query with no WHERE', async () => {
    expect(await seenBy(crew1, 'sales')).toEqual(['sale-1']);
    expect(await seenBy(crew2, 'sales')).toEqual(['sale-2', 'sale-3', 'sale-4']);
    const typed = await asUser(db, crew1, (trx) => trx.selectFrom('sales').selectAll().execute());
    expect(typed.map((sale) => sale.id)).toEqual(['sale-1']);
  });

  it('shows a crew member the flights they were staff on or created', async () => {
    expect(await seenBy(crew1, 'flight_recordings')).toEqual(['f1', 'f3']);
    expect(await seenBy(crew2, 'flight_recordings')).toEqual(['f1', 'f2', 'f3']);
    expect(await seenBy({ userId: 'b-crew', role: 'crew' }, 'flight_recordings')).toEqual(['fb1']);
  });

  it('shows a pilot the flights they flew, and no sales', async () => {
    expect(await seenBy(pilot1, 'flight_recordings')).toEqual(['f1']);
    expect(await seenBy(pilot1, 'sales')).toEqual([]);
  });

  it('shows an admin every row of every airfield', async () => {
    expect(await seenBy(admin, 'flight_recordings')).toEqual(['f1', 'f2', 'f3', 'fb1']);
    expect(await seenBy(admin, 'sales')).toEqual(['sale-1', 'sale-2', 'sale-3', 'sale-4', 'sale-b1']);
    expect(await seenBy(admin, 'users')).toEqual(['a-admin', 'b-crew', 'crew-1', 'crew-2', 'pilot-1']);
    expect(await seenBy(admin, 'scene_recordings')).toEqual([
      'sc-f1',
      'sc-f2',
      'sc-f3',
      'sc-fb1',
      'sc-orphan',
    ]);
    expect(await seenBy(admin, 'audit_logs')).toEqual(['au-1', 'au-2', 'au-3', 'au-b1']);
    expect(await seenBy(admin, 'fleet_sync_cursors')).toEqual(['lsgs', 'lsza']);
  });

  it('shows everyone else only their own user row', async () => {
    expect(await seenBy(crew1, 'users')).toEqual(['crew-1']);
    expect(await seenBy(pilot1, 'users')).toEqual(['pilot-1']);
  });

  it('lets a flight’s scenes, segments, slots, exports and files follow the flight', async () => {
    expect(await seenBy(crew1, 'scene_recordings')).toEqual(['sc-f1', 'sc-f3']);
    expect(await seenBy(crew1, 'scene_segments')).toEqual(['seg-f1', 'seg-f3']);
    expect(await seenBy(crew1, 'video_slots')).toEqual(['slot-f1', 'slot-f3']);
    expect(await seenBy(crew1, 'export_jobs')).toEqual(['exp-f1', 'exp-f3']);
    expect(await seenBy(crew1, 'storage_usage')).toEqual(['st-f1', 'st-f3']);
    expect(await seenBy(pilot1, 'scene_segments')).toEqual(['seg-f1']);
  });

  it('shows audit entries to their author only (and admins)', async () => {
    expect(await seenBy(crew1, 'audit_logs')).toEqual(['au-1']);
    expect(await seenBy(pilot1, 'audit_logs')).toEqual([]);
  });

  it('shows every acting user the airfields and bundles, but no sync cursors', async () => {
    expect(await seenBy(pilot1, 'stations')).toEqual(['lsgs', 'lsza']);
    expect(await seenBy(crew1, 'bundles')).toEqual(['video', 'video']);
    expect(await seenBy(crew1, 'fleet_sync_cursors')).toEqual([]);
  });

  it('returns bigint file sizes as numbers', async () => {
    const files = await asUser(db, admin, (trx) =>
      trx.selectFrom('storage_usage').select(['id', 'bytes']).where('id', '=', 'st-f1').execute(),
    );
    expect(files).toEqual([{ id: 'st-f1', bytes: BIG_FILE }]);
  });

  it.each<CentralTableName>(['stations', 'fleet_sync_cursors', ...SYNCED_TABLES.map((entry) => entry.table)])(
    'shows nothing of %s when no identity is set',
    async (table) => {
      expect(await everyRow(db, table)).toEqual([]);
      await db.transaction().execute(async (trx) => {
        expect(await everyRow(trx, table)).toEqual([]);
      });
    },
  );

  it('shows nothing to a role the kiosk does not have, or a user id without a role', async () => {
    const asSetting = (settings: Record<string, string>) =>
      db.transaction().execute(async (trx) => {
        for (const [name, value] of Object.entries(settings)) {
          await sql`SELECT set_config(${name}, ${value}, true)`.execute(trx);
        }
        return await everyRow(trx, 'sales');
      });
    expect(await asSetting({ 'app.current_user_id': 'a-admin', 'app.current_role': 'superadmin' })).toEqual(
      [],
    );
    expect(await asSetting({ 'app.current_user_id': 'a-admin' })).toEqual([]);
    expect(await asSetting({ 'app.current_user_id': '', 'app.current_role': 'admin' })).toEqual([]);
  });

  it('lets an acting user, even an admin, write nothing', async () => {
    for (const user of [crew1, admin]) {
      await expect(
        asUser(db, user, (trx) =>
          trx
            .insertInto('sales')
            .values(rows.saleRow('lsza', 'sale-new', 'f1', user.userId))
            .execute(),
        ),
      ).rejects.toMatchObject({ code: '42501' });
      const updated = await asUser(db, user, (trx) =>
        trx.updateTable('sales').set({ amount_cents: 1 }).executeTakeFirstOrThrow(),
      );
      expect(updated.numUpdatedRows).toBe(0n);
      const deleted = await asUser(db, user, (trx) =>
        trx.deleteFrom('flight_recordings').executeTakeFirstOrThrow(),
      );
      expect(deleted.numDeletedRows).toBe(0n);
      await expect(
        asUser(db, user, (trx) => trx.insertInto('stations').values(rows.stationRow('lsxx')).execute()),
      ).rejects.toMatchObject({ code: '42501' });
    }
    expect(await seenBy(admin, 'sales')).toEqual(['sale-1', 'sale-2', 'sale-3', 'sale-4', 'sale-b1']);
  });
});

describe('row security for a station pushing its rows', () => {
  /** Runs `work` as lsza and rolls everything back, so each test starts from the seeded rows. */
  async function asLszaThenUndo<T>(work: (trx: CentralTransaction) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await expect(
      asStation(db, 'lsza', async (trx) => {
        result = await work(trx);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    return result as T;
  }

  it('reads only its own rows, its own airfield and its own cursor', async () => {
    await asStation(db, 'lsza', async (trx) => {
      expect(await everyRow(trx, 'flight_recordings')).toEqual(['f1', 'f2', 'f3']);
      expect(await everyRow(trx, 'sales')).toEqual(['sale-1', 'sale-2', 'sale-3', 'sale-4']);
      expect(await everyRow(trx, 'users')).toEqual(['a-admin', 'crew-1', 'crew-2', 'pilot-1']);
      expect(await everyRow(trx, 'stations')).toEqual(['lsza']);
      expect(await everyRow(trx, 'fleet_sync_cursors')).toEqual(['lsza']);
    });
  });

  it('cannot insert a row for another station', async () => {
    await expect(
      asStation(db, 'lsza', (trx) =>
        trx
          .insertInto('sales')
          .values(rows.saleRow('lsgs', 'sale-x', 'fb1', null))
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/row-level security/) });
  });

  it('cannot update or delete another station’s rows, even with no WHERE', async () => {
    const touched = await asLszaThenUndo(async (trx) => {
      const updated = await trx.updateTable('sales').set({ amount_cents: 1 }).executeTakeFirstOrThrow();
      const aimed = await trx
        .updateTable('sales')
        .set({ amount_cents: 1 })
        .where('station_id', '=', 'lsgs')
        .executeTakeFirstOrThrow();
      const deleted = await trx
        .deleteFrom('flight_recordings')
        .where('id', '=', 'fb1')
        .executeTakeFirstOrThrow();
      return {
        updated: updated.numUpdatedRows,
        aimed: aimed.numUpdatedRows,
        deleted: deleted.numDeletedRows,
      };
    });
    expect(touched).toEqual({ updated: 4n, aimed: 0n, deleted: 0n });
    const lsgs = await asStation(db, 'lsgs', (trx) =>
      trx.selectFrom('sales').select('amount_cents').execute(),
    );
    expect(lsgs).toEqual([{ amount_cents: 4900 }]);
  });

  it('cannot move its own row to another station', async () => {
    await expect(
      asStation(db, 'lsza', (trx) =>
        trx.updateTable('sales').set({ station_id: 'lsgs' }).where('id', '=', 'sale-1').execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('cannot take over another station’s row with an upsert', async () => {
    const upsert = (onConflict: 'update' | 'nothing') =>
      asStation(db, 'lsza', (trx) =>
        trx
          .insertInto('sales')
          .values({ ...rows.saleRow('lsgs', 'sale-b1', 'fb1', 'crew-1'), amount_cents: 1 })
          .onConflict((oc) =>
            onConflict === 'update'
              ? oc.columns(['station_id', 'id']).doUpdateSet({ amount_cents: 1, staff_member: 'crew-1' })
              : oc.columns(['station_id', 'id']).doNothing(),
          )
          .execute(),
      );
    await expect(upsert('update')).rejects.toMatchObject({ code: '42501' });
    await expect(upsert('nothing')).rejects.toMatchObject({ code: '42501' });
    const sale = await asUser(db, admin, (trx) =>
      trx.selectFrom('sales').select(['amount_cents', 'staff_member']).where('id', '=', 'sale-b1').execute(),
    );
    expect(sale).toEqual([{ amount_cents: 4900, staff_member: 'b-crew' }]);
  });

  it('upserts its own airfield and cursor, never another’s', async () => {
    const mine = await asLszaThenUndo(async (trx) => {
      await trx
        .insertInto('stations')
        .values(rows.stationRow('lsza', { name: 'Zurich hangar 2' }))
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: 'Zurich hangar 2' }))
        .execute();
      await trx.updateTable('fleet_sync_cursors').set({ last_seq: 18 }).execute();
      return {
        stations: await trx.selectFrom('stations').select(['id', 'name']).execute(),
        cursors: await trx.selectFrom('fleet_sync_cursors').select(['station_id', 'last_seq']).execute(),
      };
    });
    expect(mine).toEqual({
      stations: [{ id: 'lsza', name: 'Zurich hangar 2' }],
      cursors: [{ station_id: 'lsza', last_seq: 18 }],
    });
    for (const write of [
      (trx: CentralTransaction) => trx.insertInto('stations').values(rows.stationRow('lsgs')).execute(),
      (trx: CentralTransaction) =>
        trx
          .insertInto('fleet_sync_cursors')
          .values({ station_id: 'lsgs', last_seq: 99, updated_at: rows.AT })
          .execute(),
    ]) {
      await expect(asStation(db, 'lsza', write)).rejects.toMatchObject({ code: '42501' });
    }
    const renamed = await asLszaThenUndo(async (trx) => {
      const result = await trx
        .updateTable('stations')
        .set({ name: 'taken' })
        .where('id', '=', 'lsgs')
        .executeTakeFirst();
      const deleted = await trx.deleteFrom('stations').executeTakeFirst();
      return [result.numUpdatedRows, deleted.numDeletedRows];
    });
    expect(renamed).toEqual([0n, 0n]);
    expect(await seenBy(admin, 'fleet_sync_cursors')).toEqual(['lsgs', 'lsza']);
  });
});
