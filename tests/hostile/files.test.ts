// Attacks on the file routes of a real kiosk host process: /media/ and /thumbs/ hand a flight's footage only to
// a signed-in person who may see that flight, through the session cookie our own page set, and only regular
// files inside that flight's own folder. Everyone else gets no bytes.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { fixtures } from '../../db/test-support';
import { hashSessionToken } from '../../src/main/auth/sessions';
import { runFfmpeg } from '../../src/main/ffmpeg/run';
import { thumbUrl, thumbVersion } from '../../src/main/media/thumb-url';
import { mediaUrl } from '../../src/main/media/url';
import { SESSION_HEADER, SESSION_ROUTE } from '../../src/shared/session-route';
import {
  addPeople,
  fetchRaw,
  sessionCookie,
  signInWithCookie,
  writeRows,
  type Person,
  type Reply,
} from '../support/file-session';
import { makeDataDir, startKiosk, type KioskProcess } from '../support/kiosk-process';

const UPDATED_AT = '2025-06-01T10:00:00.000Z';
const VERSION = thumbVersion(UPDATED_AT);

interface Flight {
  id: string;
  sceneId: string;
  camera1: string;
}

let kiosk: KioskProcess;
let dataDir: string;
/** Flight A: flown by pilotA, checked in by crewA. Flight B: flown by pilotB. */
let flightA: Flight;
let flightB: Flight;
let admin: Person;
let pilotA: Person;
let pilotB: Person;
let crewA: Person;

/** Two flights with real footage, and a scene of A whose camera file is a symlink to the database. */
async function twoFlights(): Promise<{
  dataDir: string;
  a: Flight;
  b: Flight;
  dbLink: string;
  linkSceneId: string;
}> {
  const dir = makeDataDir();
  const database = await openDatabase(path.join(dir, 'magnum.db'));
  const rows = fixtures(database.sqlite);
  const flights: Flight[] = [];
  for (const passenger of ['Anna Keller', 'Ben Ortiz']) {
    const id = rows.recording({ passenger_names: passenger }).id;
    const camera1 = `media/${id}/cruising/camera1.mp4`;
    const sceneId = rows.scene(id, 'cruising', {
      camera1_path: camera1,
      camera1_duration: 1,
      updated_at: UPDATED_AT,
    }).id;
    mkdirSync(path.join(dir, path.dirname(camera1)), { recursive: true });
    // prettier-ignore
    await runFfmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=10:duration=1',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path.join(dir, camera1)]);
    flights.push({ id, sceneId, camera1 });
  }
  const a = flights[0]!;
  const dbLink = `media/${a.id}/arrival/camera1.mp4`;
  const linkSceneId = rows.scene(a.id, 'arrival', {
    camera1_path: dbLink,
    camera1_duration: 1,
    updated_at: UPDATED_AT,
  }).id;
  mkdirSync(path.join(dir, path.dirname(dbLink)), { recursive: true });
  symlinkSync(path.join(dir, 'magnum.db'), path.join(dir, dbLink));
  await database.close();
  return { dataDir: dir, a, b: flights[1]!, dbLink, linkSceneId };
}

let dbLink: string;
let linkSceneId: string;

beforeAll(async () => {
  const made = await twoFlights();
  ({ dataDir, dbLink, linkSceneId } = made);
  flightA = made.a;
  flightB = made.b;
  kiosk = await startKiosk(dataDir);
  const added = await addPeople(kiosk.url, [
    { name: 'Pilot Anders', role: 'pilot' },
    { name: 'Pilot Berit', role: 'pilot' },
    { name: 'Crew Cora', role: 'crew' },
  ]);
  added.screen.close();
  admin = added.admin;
  [pilotA, pilotB, crewA] = added.people as [Person, Person, Person];
  writeRows(
    dataDir,
    'UPDATE flight_recordings SET pilot_id = ?, staff_member = ?, created_by = ? WHERE id = ?',
    pilotA.id,
    crewA.id,
    crewA.id,
    flightA.id,
  );
  writeRows(dataDir, 'UPDATE flight_recordings SET pilot_id = ? WHERE id = ?', pilotB.id, flightB.id);
}, 60_000);

afterAll(async () => {
  await kiosk?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const footageOf = (flight: Flight) => mediaUrl(flight.camera1, 'take-1');
const posterOf = (flight: Flight) => thumbUrl(flight.sceneId, 1, 'poster', VERSION);

function get(pathname: string, headers: Record<string, string> = {}): Promise<Reply> {
  return fetchRaw(kiosk.url, pathname, { headers });
}

/** No file: not a 2xx, and nothing that looks like footage, a picture or the database. */
function expectNoFile(reply: Reply, what: string): void {
  expect(reply.status, what).toBeGreaterThanOrEqual(400);
  expect(reply.body.length, what).toBeLessThan(100);
  expect(reply.body.toString('latin1'), what).not.toContain('SQLite format');
}

describe('files to whoever may see them', () => {
  it('serves a flight’s footage and poster to its pilot, its crew and an admin', async () => {
    for (const person of [pilotA, crewA, admin]) {
      const { cookie, screen } = await signInWithCookie(kiosk.url, person);
      screen.close();
      const footage = await get(footageOf(flightA), { Cookie: cookie });
      expect(footage.status, person.role).toBe(200);
      expect(footage.body.length, person.role).toBeGreaterThan(1000);
      expect((await get(posterOf(flightA), { Cookie: cookie })).status, person.role).toBe(200);
    }
  });

  it('gives nothing to a caller with no cookie', async () => {
    for (const url of [footageOf(flightA), posterOf(flightA)]) {
      const reply = await get(url);
      expect(reply.status, url).toBe(401);
      expectNoFile(reply, url);
    }
  });

  it('gives another pilot nothing of a flight they did not fly, and the same 404 as a missing file', async () => {
    const { cookie, screen } = await signInWithCookie(kiosk.url, pilotB);
    screen.close();
    for (const url of [footageOf(flightA), posterOf(flightA)]) {
      const reply = await get(url, { Cookie: cookie });
      expect(reply.status, url).toBe(404);
      expectNoFile(reply, url);
    }
    // Their own flight is served: the refusal above is the row rule, not a broken cookie.
    expect((await get(footageOf(flightB), { Cookie: cookie })).status).toBe(200);
  });

  it('gives nothing for a forged cookie, a malformed one, or two of them', async () => {
    const { cookie, screen } = await signInWithCookie(kiosk.url, admin);
    screen.close();
    for (const forged of [
      `magnum_session=${'A'.repeat(43)}`,
      'magnum_session=../../magnum.db',
      `magnum_session=${cookie.split('=')[1]}x`,
      `${cookie}; magnum_session=${'B'.repeat(43)}`,
    ]) {
      const reply = await get(footageOf(flightA), { Cookie: forged });
      expect(reply.status, forged).toBe(401);
      expectNoFile(reply, forged);
    }
  });

  it('gives nothing once the session has ended: signed out or expired', async () => {
    const signedOut = await signInWithCookie(kiosk.url, crewA);
    expect((await get(footageOf(flightA), { Cookie: signedOut.cookie })).status).toBe(200);
    await signedOut.screen.call('auth.signOut', {});
    signedOut.screen.close();
    expectNoFile(await get(footageOf(flightA), { Cookie: signedOut.cookie }), 'signed out');

    const expired = await signInWithCookie(kiosk.url, crewA);
    expired.screen.close();
    writeRows(
      dataDir,
      'UPDATE user_sessions SET expires_at = ? WHERE token_hash = ?',
      '2000-01-01T00:00:00.000Z',
      hashSessionToken(expired.token),
    );
    expectNoFile(await get(footageOf(flightA), { Cookie: expired.cookie }), 'expired');
    expectNoFile(await get(posterOf(flightA), { Cookie: expired.cookie }), 'expired poster');
  });

  it('sets no cookie for another origin, and serves no file to a request from another origin', async () => {
    const { token, cookie, screen } = await signInWithCookie(kiosk.url, admin);
    screen.close();
    const port = new URL(kiosk.url).port;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${Number(port) + 1}`, 'null']) {
      const refused = await sessionCookie(kiosk.url, token, origin);
      expect(refused.reply.status, origin).toBe(403);
      expect(refused.cookie, origin).toBeNull();
      expect(refused.reply.headers['set-cookie'], origin).toBeUndefined();
    }
    // Without any Origin (a plain form post or curl) the cookie is refused too.
    const bare = await fetchRaw(kiosk.url, SESSION_ROUTE, {
      method: 'POST',
      headers: { [SESSION_HEADER]: token },
    });
    expect(bare.status).toBe(403);
    // The browser's own cookie, but the request comes from a page of another origin on this machine.
    for (const headers of <Array<Record<string, string>>>[
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { Origin: `http://127.0.0.1:${Number(port) + 1}` },
    ]) {
      const reply = await get(footageOf(flightA), { Cookie: cookie, ...headers });
      expect(reply.status, JSON.stringify(headers)).toBe(401);
      expectNoFile(reply, JSON.stringify(headers));
    }
  });

  it('clears the cookie on DELETE /session', async () => {
    const reply = await fetchRaw(kiosk.url, SESSION_ROUTE, {
      method: 'DELETE',
      headers: { Origin: new URL(kiosk.url).origin },
    });
    expect(reply.status).toBe(204);
    expect(String(reply.headers['set-cookie'])).toMatch(/^magnum_session=; .*Max-Age=0/);
  });

  it('sets an HttpOnly, SameSite=Strict cookie for the whole site, and none for an unknown token', async () => {
    const { token, screen } = await signInWithCookie(kiosk.url, admin);
    screen.close();
    const { reply } = await sessionCookie(kiosk.url, token);
    expect(String(reply.headers['set-cookie'])).toBe(
      `magnum_session=${token}; HttpOnly; SameSite=Strict; Path=/`,
    );
    const unknown = await sessionCookie(kiosk.url, 'A'.repeat(43));
    expect(unknown.reply.status).toBe(401);
    expect(unknown.cookie).toBeNull();
    const injected = await sessionCookie(kiosk.url, `${token}; Path=/media; Max-Age=99999999`);
    expect(injected.reply.status).toBe(401);
  });
});

describe('only regular files of that flight', () => {
  let cookie: string;
  beforeAll(async () => {
    const signedIn = await signInWithCookie(kiosk.url, admin);
    signedIn.screen.close();
    cookie = signedIn.cookie;
  });

  it('does not serve a symlink to magnum.db inside the flight’s folder, as footage or as a poster', async () => {
    const link = await get(mediaUrl(dbLink), { Cookie: cookie });
    expect(link.status).toBe(404);
    expectNoFile(link, 'symlink');
    const poster = await get(thumbUrl(linkSceneId, 1, 'poster', VERSION), { Cookie: cookie });
    expect(poster.status).toBe(404);
    expectNoFile(poster, 'poster of the symlink');
  });

  it('refuses `..`, %2f and other path tricks even to an admin', async () => {
    const a = flightA.id;
    for (const pathname of [
      '/media/../magnum.db',
      `/media/${a}/../../magnum.db`,
      '/media/%2e%2e/magnum.db',
      `/media/${a}/..%2f..%2fmagnum.db`,
      `/media/${a}/cruising%2F..%2F..%2F..%2Fmagnum.db`,
      `/media/${a}/%2e%2e/%2e%2e/magnum.db`,
      `/media/${a}/cruising/camera1.mp4%00`,
      `/media/${a}\\..\\..\\magnum.db`,
      `/media/${flightB.id}/../${a}/cruising/camera1.mp4`,
      '/media//etc/passwd',
      `/thumbs/${flightA.sceneId}/../../magnum.db?v=${VERSION}`,
      `/thumbs/%2e%2e/%2e%2e/magnum.db?v=${VERSION}`,
      `/thumbs/${flightA.sceneId}%2F..%2Fmagnum.db?v=${VERSION}`,
      `/session/../magnum.db`,
      '/magnum.db',
    ]) {
      const reply = await get(pathname, { Cookie: cookie });
      expectNoFile(reply, pathname);
    }
  });
});
