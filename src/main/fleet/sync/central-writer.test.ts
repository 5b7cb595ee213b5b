// Writing change-log batches into the central database as the kiosks' role, over TCP: every row lands once
// under its station with the kiosk's values; the same batch twice changes nothing; deletes arrive; the cursor
// only moves forward; a batch the database refuses leaves nothing behind; and no batch reaches another
// station's rows, whatever its rows claim.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCentral } from '../central/connect';
import type { CentralDb } from '../central/connect';
import * as rows from '../test-support/rows';
import { pushBatch, readCentralCursor } from './central-writer';
import type { PushingStation } from './central-writer';
import type { SyncEntry, SyncValue } from './change-log';
import { centralCursor, centralRows, startFleetDatabase } from './test-support';
import type { FleetDatabase } from './test-support';

let fleet: FleetDatabase;
let central: CentralDb;

beforeAll(async () => {
  fleet = await startFleetDatabase();
  central = openCentral(fleet.appUrl);
});

afterAll(async () => {
  await central?.destroy();
  await fleet?.stop();
});

/** Each test pushes as a station of its own, so the tests do not see each other's rows. */
let stationCount = 0;
let station: PushingStation;
let seq = 0;
beforeEach(() => {
  stationCount += 1;
  seq = 0;
  station = {
    id: `station-${stationCount}`,
    name: 'Alpine Field',
    timeZone: 'Europe/Zurich',
    currency: 'CHF',
  };
});

/** A test row as a kiosk's change log carries it: the contract's columns, no station. */
function kioskRow(centralRow: Record<string, unknown>): Record<string, SyncValue> {
  const { station_id: _station, ...row } = centralRow;
  return row as Record<string, SyncValue>;
}

function upsert(table: SyncEntry['table'], row: Record<string, unknown>): SyncEntry {
  const values = kioskRow(row);
  const key = String(values[table === 'bundles' ? 'code' : 'id']);
  seq += 1;
  return { seq, table, key, op: 'upsert', row: values };
}
function remove(table: SyncEntry['table'], key: string): SyncEntry {
  seq += 1;
  return { seq, table, key, op: 'delete' };
}

const withoutStation = (list: Array<Record<string, unknown>>) => list.map(kioskRow);

describe('pushBatch', () => {
  it('writes every row once under its station, with the kiosk’s values and types', async () => {
    const s = station.id;
    const flight = rows.flightRow(s, 'f1', { staff_member: 'crew-1' });
    const scene = {
      ...rows.sceneRow(s, 'sc1', 'f1'),
      camera1_duration: 62.123456789012,
      camera_offset_ms: -40,
    };
    const storage = rows.storageRow(s, 'st1', 'f1', 5_000_000_000);
    const sale = { ...rows.saleRow(s, 'sale-1', 'f1', 'crew-1'), customer_email: 'zoë@example.org' };
    const batch = [
      upsert('users', rows.userRow(s, 'crew-1', 'crew')),
      upsert('bundles', rows.bundleRow(s, 'video')),
      upsert('flight_recordings', flight),
      upsert('scene_recordings', scene),
      upsert('scene_segments', rows.segmentRow(s, 'seg1', 'sc1')),
      upsert('video_slots', rows.slotRow(s, 'slot1', 'f1', 'sc1')),
      upsert('sales', sale),
      upsert('export_jobs', rows.exportRow(s, 'exp1', 'f1')),
      upsert('storage_usage', storage),
      upsert('audit_logs', rows.auditRow(s, 'au1', 'crew-1')),
    ];
    const result = await pushBatch(central, station, batch, seq);

    expect(result).toEqual({ rows: 10, cursor: seq });
    expect(await centralRows(fleet.owner, 'flight_recordings', s)).toEqual([flight]);
    expect(await centralRows(fleet.owner, 'scene_recordings', s)).toEqual([scene]);
    expect(await centralRows(fleet.owner, 'storage_usage', s)).toEqual([storage]);
    expect(await centralRows(fleet.owner, 'sales', s)).toEqual([sale]);
    expect((await centralRows(fleet.owner, 'users', s)).map((row) => row.id)).toEqual(['crew-1']);
    expect(await centralCursor(fleet.owner, s)).toBe(seq);
    const [stationRow] = await fleet.owner.selectFrom('stations').selectAll().where('id', '=', s).execute();
    expect(stationRow).toMatchObject({ name: 'Alpine Field', time_zone: 'Europe/Zurich', currency: 'CHF' });
  });

  it('leaves the same rows when the same batch is pushed again', async () => {
    const s = station.id;
    const batch = [
      upsert('flight_recordings', rows.flightRow(s, 'f1')),
      upsert('flight_recordings', rows.flightRow(s, 'f2')),
      upsert('sales', rows.saleRow(s, 'sale-1', 'f1', null)),
    ];
    await pushBatch(central, station, batch, seq);
    const before = await centralRows(fleet.owner, 'flight_recordings', s);
    const again = await pushBatch(central, station, batch, seq);

    expect(again.cursor).toBe(seq);
    expect(await centralRows(fleet.owner, 'flight_recordings', s)).toEqual(before);
    expect(await centralRows(fleet.owner, 'sales', s)).toHaveLength(1);
  });

  it('updates a row to the kiosk’s newer values, every column, nulls included', async () => {
    const s = station.id;
    const first = { ...rows.flightRow(s, 'f1'), notes: 'window seat', customer_phone: '+41 79 000 00 00' };
    await pushBatch(central, station, [upsert('flight_recordings', first)], seq);
    const changed = {
      ...first,
      notes: null,
      customer_phone: null,
      sold: 1,
      updated_at: '2025-06-02T10:00:00.000Z',
    };
    await pushBatch(central, station, [upsert('flight_recordings', changed)], seq);

    expect(await centralRows(fleet.owner, 'flight_recordings', s)).toEqual([changed]);
  });

  it('deletes rows by key, and a delete of a row it never had is no error', async () => {
    const s = station.id;
    await pushBatch(
      central,
      station,
      [
        upsert('flight_recordings', rows.flightRow(s, 'f1')),
        upsert('scene_recordings', rows.sceneRow(s, 'sc1', 'f1')),
        upsert('bundles', rows.bundleRow(s, 'sunset')),
      ],
      seq,
    );
    const result = await pushBatch(
      central,
      station,
      [
        remove('scene_recordings', 'sc1'),
        remove('flight_recordings', 'f1'),
        remove('bundles', 'sunset'),
        remove('sales', 'never-pushed'),
      ],
      seq,
    );

    expect(result.rows).toBe(3);
    expect(await centralRows(fleet.owner, 'flight_recordings', s)).toEqual([]);
    expect(await centralRows(fleet.owner, 'scene_recordings', s)).toEqual([]);
    expect(await centralRows(fleet.owner, 'bundles', s)).toEqual([]);
  });

  it('leaves each row as its last entry in seq order says, however the entries were handed over', async () => {
    const s = station.id;
    const added = upsert('flight_recordings', rows.flightRow(s, 'f1'));
    const gone = remove('flight_recordings', 'f1');
    const back = upsert('flight_recordings', { ...rows.flightRow(s, 'f1'), notes: 'back again' });
    const briefly = upsert('flight_recordings', rows.flightRow(s, 'f2'));
    const scene = upsert('scene_recordings', rows.sceneRow(s, 'sc2', 'f2'));
    const brieflyGone = remove('flight_recordings', 'f2');
    await pushBatch(central, station, [back, brieflyGone, gone, scene, briefly, added], seq);

    expect(withoutStation(await centralRows(fleet.owner, 'flight_recordings', s))).toEqual([
      expect.objectContaining({ id: 'f1', notes: 'back again' }),
    ]);
    expect((await centralRows(fleet.owner, 'scene_recordings', s)).map((row) => row.id)).toEqual(['sc2']);
  });

  it('writes runs of thousands of rows in several statements', async () => {
    const s = station.id;
    const audit = Array.from({ length: 2_600 }, (_, i) =>
      upsert('audit_logs', rows.auditRow(s, `au-${String(i).padStart(5, '0')}`, null)),
    );
    const result = await pushBatch(central, station, audit, seq);

    expect(result.rows).toBe(2_600);
    expect(await centralRows(fleet.owner, 'audit_logs', s)).toHaveLength(2_600);
  });

  it('never moves the cursor back', async () => {
    const s = station.id;
    await pushBatch(central, station, [], 500);
    const result = await pushBatch(central, station, [upsert('users', rows.userRow(s, 'late', 'crew'))], 120);

    expect(result.cursor).toBe(500);
    expect(await readCentralCursor(central, s)).toBe(500);
    expect(await centralRows(fleet.owner, 'users', s)).toHaveLength(1);
  });

  it('keeps nothing of a batch the database refuses, and leaves the cursor where it was', async () => {
    const s = station.id;
    await pushBatch(central, station, [upsert('flight_recordings', rows.flightRow(s, 'f0'))], 10);
    const impossible = { ...rows.sceneRow(s, 'sc-bad', 'f1'), scene_index: 7 }; // the central CHECK refuses it
    const batch = [
      upsert('flight_recordings', rows.flightRow(s, 'f1')),
      upsert('scene_recordings', impossible),
    ];
    await expect(pushBatch(central, station, batch, 20)).rejects.toThrow(/chk_scene_index/);

    expect((await centralRows(fleet.owner, 'flight_recordings', s)).map((row) => row.id)).toEqual(['f0']);
    expect(await centralCursor(fleet.owner, s)).toBe(10);
  });

  it('refuses entries beyond the batch’s end and a table outside the contract', async () => {
    const entry = upsert('users', rows.userRow(station.id, 'u1', 'crew'));
    await expect(pushBatch(central, station, [entry], entry.seq - 1)).rejects.toThrow(/beyond the batch/);
    const stranger = { ...entry, table: 'user_sessions' } as unknown as SyncEntry;
    await expect(pushBatch(central, station, [stranger], entry.seq)).rejects.toThrow(/does not know/);
    expect(await centralCursor(fleet.owner, station.id)).toBeUndefined();
  });

  it('keeps the station’s row up to date, and untouched while nothing about it changed', async () => {
    const read = () =>
      fleet.owner.selectFrom('stations').selectAll().where('id', '=', station.id).executeTakeFirstOrThrow();
    await pushBatch(central, station, [], 1, new Date('2026-01-01T08:00:00.000Z'));
    await pushBatch(central, station, [], 2, new Date('2026-01-02T08:00:00.000Z'));
    expect(await read()).toMatchObject({ name: 'Alpine Field', updated_at: '2026-01-01T08:00:00.000Z' });

    station = { ...station, name: 'Alpine Field North', currency: 'EUR' };
    await pushBatch(central, station, [], 3, new Date('2026-01-03T08:00:00.000Z'));
    expect(await read()).toMatchObject({
      name: 'Alpine Field North',
      currency: 'EUR',
      created_at: '2026-01-01T08:00:00.000Z',
      updated_at: '2026-01-03T08:00:00.000Z',
    });
  });

  it('names a station without an airfield name by its id', async () => {
    await pushBatch(central, { ...station, name: '  ' }, [], 1);
    const row = await fleet.owner
      .selectFrom('stations')
      .select('name')
      .where('id', '=', station.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(station.id);
  });
});

describe('two stations', () => {
  it('keeps rows of the same key apart, each under its own station', async () => {
    const north: PushingStation = { ...station, id: `${station.id}-north` };
    const south: PushingStation = { ...station, id: `${station.id}-south` };
    await pushBatch(central, north, [upsert('flight_recordings', rows.flightRow(north.id, 'f1'))], seq);
    await pushBatch(central, south, [upsert('flight_recordings', rows.flightRow(south.id, 'f1'))], seq);

    expect((await centralRows(fleet.owner, 'flight_recordings', north.id)).map((r) => r.id)).toEqual(['f1']);
    expect((await centralRows(fleet.owner, 'flight_recordings', south.id)).map((r) => r.id)).toEqual(['f1']);
  });

  it('cannot overwrite or delete another station’s row, even when its log claims it', async () => {
    const home: PushingStation = { ...station, id: `${station.id}-home` };
    const other: PushingStation = { ...station, id: `${station.id}-other` };
    const original = { ...rows.flightRow(home.id, 'f1'), notes: 'the home kiosk’s' };
    await pushBatch(central, home, [upsert('flight_recordings', original)], seq);

    // The other kiosk's entry names the same key and even carries the home station's id in its row.
    const entry = upsert('flight_recordings', { ...rows.flightRow(home.id, 'f1'), notes: 'overwritten' });
    const claim = { ...entry, row: { ...(entry as { row: object }).row, station_id: home.id } } as SyncEntry;
    await pushBatch(central, other, [claim], seq);
    await pushBatch(central, other, [remove('flight_recordings', 'f1')], seq);

    expect(await centralRows(fleet.owner, 'flight_recordings', home.id)).toEqual([original]);
    expect(await centralRows(fleet.owner, 'flight_recordings', other.id)).toEqual([]);
  });
});
