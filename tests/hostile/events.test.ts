// Attacks on the events of a real kiosk host process: a crew member queues a customer's e-mail and an export of
// the flight they checked in, and only screens signed in as someone who may see that flight or sale receive a
// word of it. Everyone else (no session, another pilot or crew member, a session signed out, expired or forged)
// receives nothing at all, and above all not the customer's e-mail address.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSessionToken } from '../../src/main/auth/sessions';
import { addPeople, writeRows, type Person } from '../support/file-session';
import { makeDataDir, startKiosk, type KioskProcess } from '../support/kiosk-process';
import { ScreenClient, type ReceivedEvent } from '../support/screen-client';

const EMAIL = 'anna.keller@example.com';

let kiosk: KioskProcess;
let dataDir: string;
const screens = new Map<string, ScreenClient>();
let recordingId: string;
let saleId: string;

async function signedIn(name: string, person: Person): Promise<ScreenClient> {
  const screen = await ScreenClient.open(kiosk.url);
  await screen.signIn(person.id, person.pin);
  screens.set(name, screen);
  return screen;
}

const aboutThisFlight = (e: ReceivedEvent) =>
  (e.event === 'exports.progress' && (e.payload as { recordingId?: string }).recordingId === recordingId) ||
  (e.event === 'delivery.outboxChanged' && (e.payload as { saleId?: string }).saleId === saleId);

beforeAll(async () => {
  dataDir = makeDataDir();
  kiosk = await startKiosk(dataDir);
  const added = await addPeople(kiosk.url, [
    { name: 'Pilot Anders', role: 'pilot' },
    { name: 'Pilot Berit', role: 'pilot' },
    { name: 'Crew Cora', role: 'crew' },
    { name: 'Crew Dag', role: 'crew' },
  ]);
  screens.set('admin', added.screen);
  const [pilotA, pilotB, crewA, crewB] = added.people as [Person, Person, Person, Person];

  // Yesterday's flight, so "today's unassigned flights" gives Crew Dag no way in.
  recordingId = randomUUID();
  saleId = randomUUID();
  const yesterday = new Date(Date.now() - 36 * 3600_000).toISOString();
  writeRows(
    dataDir,
    `INSERT INTO flight_recordings (id, passenger_names, customer_email, flight_at, pilot_id, staff_member, created_by)
     VALUES (?, 'Anna Keller', ?, ?, ?, ?, ?)`,
    recordingId,
    EMAIL,
    yesterday,
    pilotA.id,
    crewA.id,
    crewA.id,
  );
  writeRows(
    dataDir,
    `INSERT INTO sales (id, recording_id, bundle, amount_cents, currency, sale_date, payment_method, staff_member, customer_email)
     VALUES (?, ?, 'video_only', 2500, 'USD', ?, 'card', ?, ?)`,
    saleId,
    recordingId,
    yesterday,
    crewA.id,
    EMAIL,
  );

  screens.set('nobody', await ScreenClient.open(kiosk.url));
  await signedIn('pilot who flew it', pilotA);
  await signedIn('another pilot', pilotB);
  await signedIn('crew who sold it', crewA);
  await signedIn('another crew member', crewB);

  // Sessions that were someone's, but are not any more.
  const signedOut = await signedIn('signed out', crewA);
  await signedOut.call('auth.signOut', {});
  const expired = await signedIn('expired', crewA);
  writeRows(
    dataDir,
    'UPDATE user_sessions SET expires_at = ? WHERE token_hash = ?',
    '2000-01-01T00:00:00.000Z',
    hashSessionToken(expired.session!),
  );
  // A screen that calls with a token it made up. (A socket from another origin is refused at the door:
  // tests/kiosk-host.test.ts.)
  const forged = await ScreenClient.open(kiosk.url);
  forged.session = 'A'.repeat(43);
  await forged.call('auth.session', {});
  screens.set('forged token', forged);

  // The crew member does their job: an e-mail to the customer and an export of the flight.
  const crew = screens.get('crew who sold it')!;
  const queued = await crew.call('delivery.queueEmail', { saleId });
  expect(queued.ok).toBe(true);
  const exported = await crew.call('exports.queue', { recordingId, kind: 'photos' });
  expect(exported.ok).toBe(true);

  // Events are delivered in order to every screen at once: when the admin has both, everyone else has been
  // sent theirs, and a call's answer on each socket comes after anything sent to it before.
  const admin = screens.get('admin')!;
  await admin.waitForEvent((e) => e.event === 'delivery.outboxChanged');
  await admin.waitForEvent((e) => e.event === 'exports.progress');
  for (const screen of screens.values()) await screen.call('auth.status', {});
}, 60_000);

afterAll(async () => {
  for (const screen of screens.values()) screen.close();
  await kiosk?.stop();
});

describe('events only to those who may see them', () => {
  it.each(['admin', 'crew who sold it'])('tells %s about the e-mail and the export', (name) => {
    const events = screens
      .get(name)!
      .events.filter(aboutThisFlight)
      .map((e) => e.event);
    expect(events).toContain('delivery.outboxChanged');
    expect(events).toContain('exports.progress');
  });

  it('tells the pilot who flew it about the export, but not about the sale it was not theirs to make', () => {
    const events = screens.get('pilot who flew it')!.events.map((e) => e.event);
    expect(events).toContain('exports.progress');
    expect(events).not.toContain('delivery.outboxChanged');
  });

  it.each(['nobody', 'another pilot', 'another crew member', 'signed out', 'expired', 'forged token'])(
    'sends %s no event at all',
    (name) => {
      expect(screens.get(name)!.events).toEqual([]);
    },
  );

  it('never sends the customer’s e-mail address to a screen that may not see the sale', () => {
    for (const [name, screen] of screens) {
      if (name === 'admin' || name === 'crew who sold it') continue;
      expect(JSON.stringify(screen.events), name).not.toContain(EMAIL);
    }
  });
});
