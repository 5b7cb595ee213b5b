// Two real kiosks for the fleet report's tests, made with the kiosk's migrations and services (people, check-in,
// sales, a void and a refund), on either side of the autumn clock changes, copied into a private central
// PostgreSQL as their stations. Exports are marked finished as the export queue would (no footage is rendered).
// The Reports screen's end-to-end test moves the whole story by whole days to make it recent (shiftDays).
// No vitest in here or below: e2e/ loads this file under Playwright.
//
// Zurich (lszh, Europe/Zurich, CHF; summer time ends 26 Oct 2025 03:00 → 02:00, UTC+2 → UTC+1). It sold in USD,
// the fresh kiosk's currency, before its manager set CHF.
//   Z0  2025-10-23 21:59Z  Thu 23 Oct 23:59   before the range; its CHF sale on 24 Oct is in it
//   Z1  2025-10-24 22:30Z  Sat 25 Oct 00:30   sold in USD at 22:45Z (Sat 00:45)
//   Z2  2025-10-26 01:30Z  Sun 26 Oct 02:30   (after the change) sold, voided; sold again
//   Z3  2025-10-29 09:00Z  Wed 29 Oct 10:00   not sold
//   Z4  2025-11-04 22:30Z  Tue  4 Nov 23:30   sold 23:10Z (Wed 5 Nov 00:10: after the range)
// Denver (kbjc, America/Denver, USD; summer time ends 2 Nov 2025 02:00 → 01:00, UTC-6 → UTC-7).
//   D0  2025-10-24 05:59Z  Thu 23 Oct 23:59   before the range
//   D1  2025-10-25 05:30Z  Fri 24 Oct 23:30   sold 05:45Z (Fri 23:45)
//   D2  2025-11-02 07:30Z  Sun  2 Nov 01:30   (before the change) sold; refunded
//   D3  2025-11-05 06:30Z  Tue  4 Nov 23:30   sold by the crew member Kim
// A third station (lsgs) has joined but pushed nothing yet.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type MagnumDatabase } from '../../../../db/open';
import { createFlightRecording } from '../../recordings/service';
import { createSale, voidSale } from '../../sales/service';
import { createUser } from '../../users/service';
import { asStation, openCentral } from '../central/connect';
import type { CentralDb } from '../central/connect';
import { setUpCentral } from '../central/setup';
import { copyKioskToCentral } from '../test-support/copy-kiosk';
import { startTestPostgres, type TestPostgres } from '../test-support/postgres';
import { offsetInZone } from './time-zone';

export const RANGE = { from: '2025-10-24', to: '2025-11-04' };
export const APP_PASSWORD = 'fleet-report-app-password-1';

/** A kiosk database of the test's own (the kiosk's migrations), removed again by dispose(). */
export interface TestKioskDatabase extends MagnumDatabase {
  dispose(): Promise<void>;
}

export interface TestKiosk {
  database: TestKioskDatabase;
  stationId: string;
  name: string;
  timeZone: string;
  people: Record<string, string>;
}

async function openKioskDatabase(): Promise<TestKioskDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'magnum-fleet-kiosk-'));
  const opened = await openDatabase(join(dir, 'magnum.db'));
  return {
    ...opened,
    async dispose() {
      if (opened.sqlite.open) await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A cheap PIN hash (auth/test-support's FAST_PIN_PARAMS; that module loads vitest, which e2e/ must not). */
const CHEAP_PIN_HASH = { N: 1024, r: 8, p: 1 };

/** The story's times, moved by whole days (the screen's test wants them among the last 30 days). */
type Moment = (iso: string) => string;

async function person(k: TestKioskDatabase, name: string, role: 'admin' | 'crew' | 'pilot'): Promise<string> {
  const created = await createUser(k.db, { name, role, pin: '2468' }, null, {
    now: new Date('2025-10-01T08:00:00.000Z'),
    pinParams: CHEAP_PIN_HASH,
  });
  return created.id;
}

/** Checks a flight in and records its video as made (as the export queue does), so a video bundle can be sold. */
async function flight(
  k: TestKioskDatabase,
  passengers: string,
  flightAt: string,
  people: { pilot: string; crew: string },
): Promise<string> {
  const { recording } = await createFlightRecording(
    k.db,
    { passenger_names: passengers, flight_at: flightAt, pilot_id: people.pilot, staff_member: people.crew },
    people.crew,
  );
  const path = `media/${recording.id}/export/souvenir.mp4`;
  k.sqlite
    .prepare(
      `INSERT INTO export_jobs (id, recording_id, kind, status, progress, output_path, finished_at)
       VALUES (?, ?, 'video', 'completed', 1, ?, ?)`,
    )
    .run(randomUUID(), recording.id, path, flightAt);
  k.sqlite
    .prepare(
      `INSERT INTO storage_usage (id, recording_id, kind, path, bytes) VALUES (?, ?, 'export', ?, 1000)`,
    )
    .run(randomUUID(), recording.id, path);
  return recording.id;
}

const setCurrency = (k: TestKioskDatabase, currency: string) =>
  k.sqlite.prepare(`UPDATE settings SET value = ? WHERE key = 'currency'`).run(JSON.stringify(currency));

async function zurich(at: Moment): Promise<TestKiosk> {
  const k = await openKioskDatabase();
  const zone = 'Europe/Zurich';
  const offsetAt = offsetInZone(zone);
  const ada = await person(k, 'Ada Meier', 'admin');
  const maya = await person(k, 'Maya Lindqvist', 'crew');
  const tom = await person(k, 'Tom Reyes', 'crew');
  const erik = await person(k, 'Capt. Erik Halvorsen', 'pilot');
  const sell = async (recording: string, bundle: string, at: string, by: string) =>
    (
      await createSale(
        k.db,
        { recording_id: recording, bundle, payment_method: 'card', sale_date: at },
        { id: by, role: 'crew' },
        offsetAt,
      )
    ).id;

  const z0 = await flight(k, 'Anna Keller', at('2025-10-23T21:59:00.000Z'), { pilot: erik, crew: maya });
  const z1 = await flight(k, 'Ben Okafor', at('2025-10-24T22:30:00.000Z'), { pilot: erik, crew: tom });
  await sell(z1, 'video_only', at('2025-10-24T22:45:00.000Z'), tom); // USD: before the manager set CHF
  setCurrency(k, 'CHF');
  await sell(z0, 'video_photos', at('2025-10-24T08:00:00.000Z'), maya);
  const z2 = await flight(k, 'Priya Natarajan', at('2025-10-26T01:30:00.000Z'), { pilot: erik, crew: maya });
  const wrong = await sell(z2, 'video_airtour_photos', at('2025-10-26T02:00:00.000Z'), maya);
  await voidSale(k.db, wrong, { reason: 'rang up the wrong bundle' }, ada);
  await sell(z2, 'video_only', at('2025-10-26T02:05:00.000Z'), maya);
  await flight(k, 'Lukas Brandt', at('2025-10-29T09:00:00.000Z'), { pilot: erik, crew: tom });
  const z4 = await flight(k, 'Sofia Martínez', at('2025-11-04T22:30:00.000Z'), { pilot: erik, crew: tom });
  await sell(z4, 'video_photos', at('2025-11-04T23:10:00.000Z'), tom);
  return {
    database: k,
    stationId: 'lszh',
    name: 'Zurich hangar',
    timeZone: zone,
    people: { ada, maya, tom, erik },
  };
}

async function denver(at: Moment): Promise<TestKiosk> {
  const k = await openKioskDatabase();
  const zone = 'America/Denver';
  const offsetAt = offsetInZone(zone);
  const lee = await person(k, 'Lee Park', 'admin');
  const kim = await person(k, 'Kim Novak', 'crew');
  const jo = await person(k, 'Jo Whitaker', 'crew');
  const sam = await person(k, 'Capt. Sam Ortiz', 'pilot');
  const sell = async (recording: string, bundle: string, at: string, by: string) =>
    (
      await createSale(
        k.db,
        { recording_id: recording, bundle, payment_method: 'cash', sale_date: at },
        { id: by, role: 'crew' },
        offsetAt,
      )
    ).id;

  await flight(k, 'Early Bird', at('2025-10-24T05:59:00.000Z'), { pilot: sam, crew: jo });
  const d1 = await flight(k, 'Noah Fischer', at('2025-10-25T05:30:00.000Z'), { pilot: sam, crew: jo });
  await sell(d1, 'video_photos', at('2025-10-25T05:45:00.000Z'), jo);
  const d2 = await flight(k, 'Diego Ruiz', at('2025-11-02T07:30:00.000Z'), { pilot: sam, crew: jo });
  const refunded = await sell(d2, 'video_airtour_photos', at('2025-11-02T07:40:00.000Z'), jo);
  await voidSale(k.db, refunded, { reason: 'no air-tour photos came', status: 'refunded' }, lee);
  const d3 = await flight(k, 'Emma Stone', at('2025-11-05T06:30:00.000Z'), { pilot: sam, crew: kim });
  await sell(d3, 'video_only', at('2025-11-05T06:40:00.000Z'), kim);
  return {
    database: k,
    stationId: 'kbjc',
    name: 'Denver Rocky Mountain',
    timeZone: zone,
    people: { lee, kim, jo, sam },
  };
}

export interface TestFleet {
  server: TestPostgres;
  /** The superuser's URL for the fleet database (to change what the app role may do). */
  ownerUrl: string;
  /** The app role's URL (what kiosks are given). */
  appUrl: string;
  central: CentralDb;
  kiosks: TestKiosk[];
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * A private PostgreSQL set up as the fleet's central database, holding the two kiosks above and an empty one;
 * `shiftDays` moves the whole story by that many days (its figures then differ from the ones above).
 */
export async function startTestFleet({ shiftDays = 0 } = {}): Promise<TestFleet> {
  const at: Moment = (iso) => new Date(Date.parse(iso) + shiftDays * DAY_MS).toISOString();
  const server = await startTestPostgres();
  const kiosks: TestKiosk[] = [];
  let central: CentralDb | undefined;
  try {
    const ownerUrl = await server.createDatabase('fleet');
    await setUpCentral({ ownerUrl, appRole: 'magnum_app', appPassword: APP_PASSWORD });
    const app = new URL(ownerUrl);
    app.username = 'magnum_app';
    app.password = APP_PASSWORD;
    const appUrl = app.toString();
    central = openCentral(appUrl);
    kiosks.push(await zurich(at), await denver(at));
    for (const kiosk of kiosks) {
      await copyKioskToCentral(kiosk.database, central, {
        id: kiosk.stationId,
        name: kiosk.name,
        timeZone: kiosk.timeZone,
      });
    }
    await asStation(central, 'lsgs', async (trx) => {
      const at = new Date().toISOString();
      await trx
        .insertInto('stations')
        .values({
          id: 'lsgs',
          name: 'Sion',
          time_zone: 'Europe/Zurich',
          currency: 'CHF',
          created_at: at,
          updated_at: at,
        })
        .execute();
    });
    const opened = central;
    return {
      server,
      ownerUrl,
      appUrl,
      central: opened,
      kiosks,
      async close() {
        await opened.destroy();
        for (const kiosk of kiosks) await kiosk.database.dispose();
        await server.stop();
      },
    };
  } catch (error) {
    await central?.destroy();
    for (const kiosk of kiosks) await kiosk.database.dispose();
    await server.stop();
    throw error;
  }
}
