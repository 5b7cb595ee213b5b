// kill -9 mid-sync: the kiosk's main services run in a child process (autopilot/services-child.ts starts them as
// the app does, the sync agent with them), over a data folder with some 20,000 changes waiting, syncing on. The
// child is SIGKILLed while it pushes, twice, a flight and a sale are made while it is down, and a third run
// finishes. Then the central database holds exactly the kiosk's rows (counts and every value: no duplicates,
// no gaps) and the station's cursor is the last seq the log handed out.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBenchmarkData } from '../../../../bench/seed-db';
import { openDatabase } from '../../../../db/open';
import { fixtures } from '../../../../db/test-support';
import { createLocalKeyBox } from '../../mail/secret-box';
import { createFlightRecording } from '../../recordings/service';
import { saveFleetSettings } from '../settings';
import { centralMirror, counts, kioskMirror, startFleetDatabase, until } from './test-support';
import type { FleetDatabase } from './test-support';

const dir = mkdtempSync(path.join(tmpdir(), 'magnum-sync-kill-'));
const databasePath = path.join(dir, 'magnum.db');
let fleet: FleetDatabase;

beforeAll(async () => {
  fleet = await startFleetDatabase();
  const database = await openDatabase(databasePath);
  seedBenchmarkData(database.sqlite, { recordings: 1_000, salesTarget: 800, days: 2 });
  const box = createLocalKeyBox(dir);
  await saveFleetSettings(
    database.db,
    { preferred: box, all: [box] },
    { url: fleet.appUrl, airfieldName: 'Kill Field', enabled: true },
    null,
    new Date(),
  );
  await database.close();
}, 240_000);

afterAll(async () => {
  await fleet?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Services {
  child: ChildProcess;
  exited: Promise<void>;
  ready: Promise<void>;
}

function startServices(): Services {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/autopilot/services-child.ts', '--data-dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('\n').includes('ready')) resolve();
    });
    void exited.then(() => reject(new Error(`the services exited before they were ready:\n${output}`)));
  });
  return { child, exited, ready };
}

/** The kiosk's log, read from its file as another program would (the services hold their own connection). */
function readKiosk<T>(read: (sqlite: Sqlite.Database) => T): T {
  const sqlite = new Sqlite(databasePath, { readonly: true, fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}
const waiting = () =>
  readKiosk((s) => s.prepare('SELECT count(*) FROM sync_changes').pluck().get() as number);
const highestSeq = () =>
  readKiosk(
    (s) => s.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'sync_changes'`).pluck().get() as number,
  );

/** The one station's cursor (0 before its first push). */
async function cursor(): Promise<number> {
  const row = await fleet.owner.selectFrom('fleet_sync_cursors').select('last_seq').executeTakeFirst();
  return row?.last_seq ?? 0;
}

/** SIGKILL as soon as the cursor passed `after`: a push is then under way (many batches remain). */
async function killMidPush(after: number): Promise<number> {
  const services = startServices();
  await services.ready;
  await until('a push past the last cursor', async () => (await cursor()) > after, 120_000);
  services.child.kill('SIGKILL');
  await services.exited;
  return await cursor();
}

describe('kill -9 mid-sync', () => {
  it('resumes with no duplicates and no gaps', async () => {
    const total = highestSeq();
    expect(waiting()).toBeGreaterThan(15_000);

    const firstKill = await killMidPush(0);
    expect(firstKill).toBeLessThan(total);
    // Deeper into the second run's push: several batches went through before this kill.
    const secondKill = await killMidPush(firstKill + 2_000);
    expect(secondKill).toBeGreaterThan(firstKill + 2_000);
    expect(secondKill).toBeLessThan(total);
    expect(waiting()).toBeGreaterThan(0);

    // Changes while the kiosk is down: a new flight, and an update of a row pushed before the kills.
    const database = await openDatabase(databasePath);
    await createFlightRecording(database.db, { passenger_names: 'Between the kills' }, null);
    const pushedFlight = database.sqlite
      .prepare('SELECT id FROM flight_recordings ORDER BY rowid LIMIT 1')
      .pluck()
      .get() as string;
    database.sqlite
      .prepare(`UPDATE flight_recordings SET notes = 'after the kill' WHERE id = ?`)
      .run(pushedFlight);
    fixtures(database.sqlite).user({ name: 'Hired between the kills' });
    await database.close();

    const last = startServices();
    await last.ready;
    await until('the log to empty', () => waiting() === 0, 120_000);
    last.child.kill('SIGTERM');
    await last.exited;

    // The station is the data folder's kiosk id, made by the first run.
    const stationId = readFileSync(path.join(dir, 'kiosk-id'), 'utf8').trim();
    expect(await fleet.owner.selectFrom('stations').select('id').execute()).toEqual([{ id: stationId }]);
    const mine = readKiosk((s) => kioskMirror(s));
    const central = await centralMirror(fleet.owner, stationId);
    expect(counts(central)).toEqual(counts(mine));
    expect(central).toEqual(mine);
    expect(await cursor()).toBe(highestSeq());
    expect(central.flight_recordings?.find((row) => row.id === pushedFlight)?.notes).toBe('after the kill');
  }, 300_000);
});
