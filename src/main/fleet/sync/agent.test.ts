// The sync agent between real kiosks (data folders with every kiosk migration, flights and sales made by the
// kiosk's own services) and a real PostgreSQL set up by fleet:setup, as the kiosks' role over TCP. Each test
// ends by comparing every synced table of each kiosk with its station's rows in the central database, row by
// row and value by value. kill -9 mid-sync is in agent-kill.test.ts.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../../../../db/test-support';
import { createSale, voidSale } from '../../sales/service';
import { recordSceneMedia } from '../../recordings/scenes';
import { createFlightRecording } from '../../recordings/service';
import { updateFlightRecording } from '../../recordings/corrections';
import { pendingCount, readSyncState } from './change-log';
import { highestSeqHandedOut } from './resume';
import {
  APP_PASSWORD,
  centralCursor,
  centralMirror,
  centralRows,
  counts,
  kioskMirror,
  openNetworkLink,
  openTestKiosk,
  startFleetDatabase,
  until,
} from './test-support';
import type { FleetDatabase, TestKiosk } from './test-support';

/** Quick waits, so a test sees several retries in a second. */
const FAST = { checkEveryMs: 50, firstRetryMs: 100, lastRetryMs: 400 };

let fleet: FleetDatabase;
const kiosks: TestKiosk[] = [];

beforeAll(async () => {
  fleet = await startFleetDatabase();
});
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) await kiosk.close();
});
afterAll(async () => {
  await fleet?.stop();
});

async function newKiosk(dir?: string): Promise<TestKiosk> {
  const kiosk = await openTestKiosk(dir);
  kiosks.push(kiosk);
  return kiosk;
}

/** A crew member (the kiosk's users screen writes the same row). */
function crewOf(kiosk: TestKiosk, name = 'Tom Reed') {
  return { id: fixtures(kiosk.database.sqlite).user({ name, role: 'crew' }).id, role: 'crew' as const };
}

/** A flight checked in, its first scene filmed and a video bundle sold: what a kiosk does all day. */
async function sellAFlight(kiosk: TestKiosk, crew: { id: string; role: 'crew' }, passengers = 'Anna Keller') {
  const db = kiosk.database.db;
  const { recording, scenes } = await createFlightRecording(db, { passenger_names: passengers }, crew.id);
  const scene = scenes[0]!;
  const file = (camera: 1 | 2) => ({
    path: `media/${recording.id}/cruising/camera${camera}.webm`,
    duration: 42.5 + camera / 10,
    bytes: 4_000_000_000 + camera, // past 2^32: a bigint centrally, the same number back
  });
  await recordSceneMedia(
    db,
    scene.id,
    { camera1: file(1), camera2: file(2), camera_offset_ms: 12, status: 'recorded', codec: 'vp9' },
    crew.id,
  );
  const sale = await createSale(
    db,
    { recording_id: recording.id, bundle: 'video_only', payment_method: 'card' },
    crew,
  );
  return { recording, scene, sale };
}

/** Waits until the kiosk's log is empty and the central copy equals the kiosk, then checks the cursor. */
async function expectInSync(kiosk: TestKiosk): Promise<void> {
  await until('the change log to empty', async () => (await pendingCount(kiosk.database.db)) === 0);
  // Read after the agent's first push made the station id (the kiosk-id file), not in a race with it.
  const stationId = await kiosk.stationId();
  const mine = kioskMirror(kiosk.database.sqlite);
  const central = await centralMirror(fleet.owner, stationId);
  expect(counts(central)).toEqual(counts(mine));
  expect(central).toEqual(mine);
  expect(await centralCursor(fleet.owner, stationId)).toBe(await highestSeqHandedOut(kiosk.database.db));
}

describe('two kiosks syncing into one database', () => {
  it('holds each kiosk’s rows once, under its own station, with the kiosk’s values', async () => {
    const north = await newKiosk();
    const south = await newKiosk();
    await north.saveCentral(fleet.appUrl, { airfieldName: 'North Field' });
    await south.saveCentral(fleet.appUrl, { airfieldName: 'South Field' });
    const northCrew = crewOf(north);
    const southCrew = crewOf(south, 'Ada Quist');
    for (let i = 0; i < 5; i++) await sellAFlight(north, northCrew, `North passenger ${i}`);
    for (let i = 0; i < 3; i++) await sellAFlight(south, southCrew, `South passenger ${i}`);
    // The same key at both airfields (a copied id, a bundle code both have): two rows, one per station.
    const shared = fixtures(north.database.sqlite).recording({ passenger_names: 'North’s' }).id;
    fixtures(south.database.sqlite).recording({ id: shared, passenger_names: 'South’s' });

    north.startAgent(FAST);
    south.startAgent(FAST);
    await expectInSync(north);
    await expectInSync(south);

    const [northId, southId] = [await north.stationId(), await south.stationId()];
    expect(northId).not.toBe(southId);
    const stations = await fleet.owner
      .selectFrom('stations')
      .select(['id', 'name'])
      .orderBy('name')
      .execute();
    expect(stations).toEqual([
      { id: northId, name: 'North Field' },
      { id: southId, name: 'South Field' },
    ]);
    const sharedRows = (await centralRows(fleet.owner, 'flight_recordings')).filter(
      (row) => row.id === shared,
    );
    expect(sharedRows.map((row) => [row.station_id, row.passenger_names]).sort()).toEqual(
      [
        [northId, 'North’s'],
        [southId, 'South’s'],
      ].sort(),
    );
    // Every station's sales: 5 and 3, none counted twice.
    expect((await centralRows(fleet.owner, 'sales', northId)).length).toBe(5);
    expect((await centralRows(fleet.owner, 'sales', southId)).length).toBe(3);
  });

  it('sends what changes afterwards by itself: updates, and deletes with what they cascade to', async () => {
    const kiosk = await newKiosk();
    await kiosk.saveCentral(fleet.appUrl);
    const crew = crewOf(kiosk);
    const kept = await sellAFlight(kiosk, crew, 'Kept');
    const doomed = await sellAFlight(kiosk, crew, 'Doomed');
    kiosk.startAgent(FAST);
    await expectInSync(kiosk);

    const db = kiosk.database.db;
    await updateFlightRecording(db, kept.recording.id, { notes: 'window seat, left' }, crew.id);
    await voidSale(db, kept.sale.id, { reason: 'rang up twice' }, null);
    // The take filmed again: the scene's earlier storage rows are replaced (deleted) by the service.
    await recordSceneMedia(
      db,
      kept.scene.id,
      {
        camera1: { path: `media/${kept.recording.id}/cruising/take2-1.webm`, duration: 50, bytes: 10 },
        camera2: null,
        camera_offset_ms: null,
        status: 'recorded',
      },
      crew.id,
    );
    // No screen deletes a flight; the database's cascades are what is tested here.
    kiosk.database.sqlite.prepare('DELETE FROM flight_recordings WHERE id = ?').run(doomed.recording.id);
    await expectInSync(kiosk);

    const stationId = await kiosk.stationId();
    const flights = await centralRows(fleet.owner, 'flight_recordings', stationId);
    expect(flights.map((row) => [row.id, row.notes])).toEqual([[kept.recording.id, 'window seat, left']]);
    const sales = await centralRows(fleet.owner, 'sales', stationId);
    expect(sales.map((row) => [row.id, row.status, row.void_reason])).toEqual([
      [kept.sale.id, 'voided', 'rang up twice'],
    ]);
    for (const table of ['scene_recordings', 'video_slots', 'storage_usage'] as const) {
      const rows = await centralRows(fleet.owner, table, stationId);
      expect(
        rows.some((row) => row.recording_id === doomed.recording.id),
        table,
      ).toBe(false);
    }
    const sync = await readSyncState(db);
    expect(sync).toMatchObject({ last_error: null, last_pushed_seq: await highestSeqHandedOut(db) });
  });

  it('sends a new sale within 2 s without Sync now, at the agent’s usual pace', async () => {
    const kiosk = await newKiosk();
    await kiosk.saveCentral(fleet.appUrl);
    const crew = crewOf(kiosk);
    kiosk.startAgent(); // SYNC_TIMING: the log is looked at every 500 ms
    await expectInSync(kiosk);

    const { sale } = await sellAFlight(kiosk, crew);
    const soldAt = performance.now();
    const stationId = await kiosk.stationId();
    await until('the sale centrally', async () => {
      const row = await fleet.owner
        .selectFrom('sales')
        .select('id')
        .where('station_id', '=', stationId)
        .where('id', '=', sale.id)
        .executeTakeFirst();
      return row !== undefined;
    });
    expect(performance.now() - soldAt).toBeLessThan(2_000);
  });
});

describe('a kiosk cut off from the central database', () => {
  it('keeps its changes, says why in plain words, backs off, and sends everything once back', async () => {
    const kiosk = await newKiosk();
    const link = await openNetworkLink(fleet.server.port);
    try {
      await kiosk.saveCentral(link.through(fleet.appUrl));
      const crew = crewOf(kiosk);
      await sellAFlight(kiosk, crew, 'Before the cut');
      const { agent, watch } = kiosk.startAgent(FAST);
      await expectInSync(kiosk);

      await link.cut('drop');
      // A day's work while offline.
      for (let i = 0; i < 12; i++) await sellAFlight(kiosk, crew, `Offline passenger ${i}`);
      const failing = await until('the failure on the status strip', async () => {
        const status = await watch.refresh();
        return status.lastError ? status : null;
      });
      expect(failing.lastError).toMatch(
        new RegExp(
          `^Cannot reach the central database \\(database fleet on 127\\.0\\.0\\.1:${link.port} as magnum_app\\)`,
        ),
      );
      expect(failing.pending).toBeGreaterThan(12 * 5);
      await expect(agent.syncNow()).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        message: failing.lastError,
      });

      // It tries again after 0.1 s, 0.2, 0.4, 0.4... (FAST), not at every look at the log (every 50 ms).
      const attemptsBefore = link.attempts;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const tries = link.attempts - attemptsBefore;
      expect(tries).toBeGreaterThanOrEqual(2);
      expect(tries).toBeLessThanOrEqual(9);

      await link.mend();
      await expectInSync(kiosk);
      const synced = await watch.refresh();
      expect(synced).toMatchObject({ configured: true, pending: 0, lastError: null });
      expect(synced.lastPushAt).not.toBeNull();
      // Said once, not at every retry; and never with the password.
      const logged = kiosk.logs.join('\n');
      expect(logged.match(/fleet sync failed; it tries again/g)).toHaveLength(1);
      expect(logged).toMatch(/fleet sync works again/);
      expect(logged).not.toContain(APP_PASSWORD);
    } finally {
      await link.close();
    }
  });

  it('says plainly when nothing answers at the address, and goes on once the settings are corrected', async () => {
    const kiosk = await newKiosk();
    const link = await openNetworkLink(fleet.server.port);
    await link.close(); // a port on 127.0.0.1 where nothing listens
    await kiosk.saveCentral(link.through(fleet.appUrl));
    await sellAFlight(kiosk, crewOf(kiosk));
    const { watch } = kiosk.startAgent(FAST);
    const failing = await until('the failure', async () => (await watch.refresh()).lastError);
    expect(failing).toMatch(/nothing answers at that address and port/);

    await kiosk.saveCentral(fleet.appUrl);
    await expectInSync(kiosk);
    expect((await watch.refresh()).lastError).toBeNull();
  });

  it('never makes the kiosk wait, even for a server that accepts and never answers', async () => {
    const kiosk = await newKiosk();
    const link = await openNetworkLink(fleet.server.port);
    let syncing: Promise<void> | undefined;
    try {
      await link.cut('hang');
      await kiosk.saveCentral(link.through(fleet.appUrl));
      const crew = crewOf(kiosk);
      const { agent } = kiosk.startAgent({ ...FAST, connectTimeoutMs: 20_000, closeWaitMs: 300 });
      syncing = agent.syncNow().catch(() => {});
      const started = performance.now();
      for (let i = 0; i < 5; i++) await sellAFlight(kiosk, crew);
      expect(performance.now() - started).toBeLessThan(2_000);
      // Closing lets the kiosk stop: it waits closeWaitMs for the batch in flight, not for the server.
      const closing = performance.now();
      await agent.close();
      expect(performance.now() - closing).toBeLessThan(2_000);
    } finally {
      await link.close();
      await syncing; // answered once the link is gone
    }
  });

  it('refuses nothing silently: a batch the database will not take is retried whole, later rows wait', async () => {
    const kiosk = await newKiosk();
    await kiosk.saveCentral(fleet.appUrl);
    const crew = crewOf(kiosk);
    const { watch } = kiosk.startAgent(FAST);
    await expectInSync(kiosk);
    const stationId = await kiosk.stationId();
    const cursorBefore = await centralCursor(fleet.owner, stationId);

    await sql`REVOKE INSERT ON flight_recordings FROM magnum_app`.execute(fleet.owner);
    try {
      // The flight is the oldest entry, so every batch holds it and is refused; its sale waits behind it.
      await sellAFlight(kiosk, crew, 'Sold while refused');
      const reason = await until('the refusal', async () => (await watch.refresh()).lastError);
      expect(reason).toMatch(/has no rights on the fleet tables/);
      await new Promise((resolve) => setTimeout(resolve, 300)); // a few more tries (FAST)
      expect(await centralCursor(fleet.owner, stationId)).toBe(cursorBefore);
      expect(await centralRows(fleet.owner, 'flight_recordings', stationId)).toHaveLength(0);
      expect(await centralRows(fleet.owner, 'sales', stationId)).toHaveLength(0);
    } finally {
      await sql`GRANT INSERT ON flight_recordings TO magnum_app`.execute(fleet.owner);
    }
    await expectInSync(kiosk);
  });
});

describe('resuming', () => {
  it('closes after the batch in flight, and the next agent goes on where it stopped', async () => {
    const kiosk = await newKiosk();
    await kiosk.saveCentral(fleet.appUrl);
    const crew = crewOf(kiosk);
    for (let i = 0; i < 40; i++) await sellAFlight(kiosk, crew, `Passenger ${i}`);
    const stationId = await kiosk.stationId();
    const first = kiosk.startAgent({ ...FAST, batchSize: 10 });
    await until('a first batch', async () => ((await centralCursor(fleet.owner, stationId)) ?? 0) > 0);
    await first.agent.close();

    // Whatever it had sent, it also took off the log: the two sides agree without the next agent's help.
    const cursor = (await centralCursor(fleet.owner, stationId)) ?? 0;
    expect((await readSyncState(kiosk.database.db)).last_pushed_seq).toBe(cursor);
    expect(await pendingCount(kiosk.database.db)).toBeGreaterThan(0);
    kiosk.startAgent(FAST);
    await expectInSync(kiosk);
  });

  it('drops what the central copy already holds when the kiosk stopped before taking it off its log', async () => {
    const kiosk = await newKiosk();
    await kiosk.saveCentral(fleet.appUrl);
    await sellAFlight(kiosk, crewOf(kiosk));
    const { agent } = kiosk.startAgent(FAST);
    await expectInSync(kiosk);
    await agent.close();
    // As after a cut between the central commit and the local removal: the entries are back in the log.
    const stationId = await kiosk.stationId();
    const cursor = (await centralCursor(fleet.owner, stationId)) ?? 0;
    kiosk.database.sqlite
      .prepare(
        `INSERT INTO sync_changes (seq, table_name, row_key, op) VALUES (?, 'bundles', 'video_only', 'upsert')`,
      )
      .run(cursor);
    await fleet.owner
      .updateTable('bundles')
      .set({ label: 'changed centrally, so a re-send would show' })
      .where('station_id', '=', stationId)
      .where('code', '=', 'video_only')
      .execute();

    kiosk.startAgent(FAST);
    await until('the log to empty', async () => (await pendingCount(kiosk.database.db)) === 0);
    const [bundle] = (await centralRows(fleet.owner, 'bundles', stationId)).filter(
      (b) => b.code === 'video_only',
    );
    expect(bundle?.label).toBe('changed centrally, so a re-send would show');
    expect(kiosk.logs.join('\n')).toMatch(/"resumed":\{"kind":"dropped","entries":1\}/);
  });

  it('sends the changes of a kiosk restored from an older backup, though its log counts from a lower number', async () => {
    const backupDir = mkdtempSync(join(tmpdir(), 'magnum-kiosk-backup-'));
    const kiosk = await newKiosk();
    await kiosk.saveCentral(fleet.appUrl);
    const crew = crewOf(kiosk);
    await sellAFlight(kiosk, crew, 'Before the backup');
    const first = kiosk.startAgent(FAST);
    await expectInSync(kiosk);
    await kiosk.database.sqlite.backup(join(backupDir, 'magnum.db'));
    copyFileSync(join(kiosk.dir, 'kiosk-id'), join(backupDir, 'kiosk-id'));
    copyFileSync(join(kiosk.dir, 'secret.key'), join(backupDir, 'secret.key'));
    for (let i = 0; i < 3; i++) await sellAFlight(kiosk, crew, `After the backup ${i}`);
    await expectInSync(kiosk);
    await first.agent.close();
    const stationId = await kiosk.stationId();
    const cursorBefore = (await centralCursor(fleet.owner, stationId)) ?? 0;

    // The restored kiosk: same station, a log that stopped at the backup, one new sale.
    const restored = await newKiosk(backupDir);
    expect(await restored.stationId()).toBe(stationId);
    expect(await highestSeqHandedOut(restored.database.db)).toBeLessThan(cursorBefore);
    const { sale } = await sellAFlight(restored, crew, 'After the restore');
    restored.startAgent(FAST);
    await until('the log to empty', async () => (await pendingCount(restored.database.db)) === 0);

    const sales = await centralRows(fleet.owner, 'sales', stationId);
    expect(sales.map((row) => row.id)).toContain(sale.id);
    expect((await centralCursor(fleet.owner, stationId)) ?? 0).toBeGreaterThan(cursorBefore);
    expect(restored.logs.join('\n')).toMatch(/restored from a backup\?/);
  });
});

describe('testConnection', () => {
  it('says what it found in plain words', async () => {
    const kiosk = await newKiosk();
    const { agent } = kiosk.startAgent(FAST);
    expect(await agent.testConnection()).toEqual({
      ok: false,
      message: 'Save the central database’s address first, then test it.',
    });
    await kiosk.saveCentral(fleet.appUrl, { enabled: false });
    const pending = await pendingCount(kiosk.database.db);
    expect(await agent.testConnection()).toEqual({
      ok: true,
      message:
        `Connected to the central database fleet on 127.0.0.1:${fleet.server.port} as magnum_app: the schema is ` +
        `up to date and it holds nothing from this kiosk yet; ${pending} changes wait to be sent. Syncing is ` +
        'off: switch it on to send them.',
    });
    const wrong = new URL(fleet.appUrl);
    wrong.password = 'not-the-password-1';
    await kiosk.saveCentral(wrong.toString());
    const refused = await agent.testConnection();
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/refused the sign-in/) });
    expect(refused.message).not.toContain('not-the-password-1');
  });
});
