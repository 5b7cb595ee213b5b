// Signing in to a live kiosk host the way the browser client does, for tests of the file routes: a call over
// /ipc gives a session token, and POST /session from the kiosk's own origin turns it into the cookie that
// /media/ and /thumbs/ ask for.
import Sqlite from 'better-sqlite3';
import { request } from 'node:http';
import path from 'node:path';
import type { SessionInfo } from '../../src/shared/auth';
import { SESSION_HEADER, SESSION_ROUTE } from '../../src/shared/session-route';
import type { UserRole } from '../../src/shared/contract';
import type { UserSummary } from '../../src/shared/users';
import { ScreenClient } from './screen-client';

export interface Reply {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** Sends the path exactly as given (node:http does not resolve `..` or `%2f`), with these headers. */
export function fetchRaw(
  baseUrl: string,
  pathname: string,
  { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const target = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: pathname, method, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headers: response.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** POST /session as the kiosk's own page does; the `Cookie` header value to send back, or the refusal. */
export async function sessionCookie(
  baseUrl: string,
  token: string,
  origin = new URL(baseUrl).origin,
): Promise<{ cookie: string | null; reply: Reply }> {
  const reply = await fetchRaw(baseUrl, SESSION_ROUTE, {
    method: 'POST',
    headers: { Origin: origin, [SESSION_HEADER]: token },
  });
  const set = reply.headers['set-cookie']?.[0];
  const pair = set?.split(';')[0] ?? '';
  return { cookie: reply.status === 204 && pair.endsWith(token) ? pair : null, reply };
}

/** Changes rows under a running kiosk (WAL: it keeps serving meanwhile), e.g. to end a session early. */
export function writeRows(dataDir: string, sql: string, ...parameters: unknown[]): void {
  const db = new Sqlite(path.join(dataDir, 'magnum.db'));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(sql).run(...parameters);
  } finally {
    db.close();
  }
}

export const PINS: Record<UserRole, string> = { admin: '482100', crew: '135700', pilot: '246800' };

export interface Person {
  id: string;
  role: UserRole;
  pin: string;
}

/**
 * On a kiosk with nobody yet: the first admin (setup), then a person per extra role. Returns each person and a
 * screen signed in as the admin.
 */
export async function addPeople(
  baseUrl: string,
  extra: Array<{ name: string; role: UserRole }>,
): Promise<{ admin: Person; people: Person[]; screen: ScreenClient }> {
  const screen = await ScreenClient.open(baseUrl);
  const setup = await screen.call('auth.setup', { name: 'Test Admin', pin: PINS.admin });
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);
  const session = setup.value as SessionInfo;
  screen.session = session.token;
  const people: Person[] = [];
  for (const { name, role } of extra) {
    const created = await screen.call('users.create', { name, role, pin: PINS[role] });
    if (!created.ok) throw new Error(`users.create failed: ${created.error.message}`);
    people.push({ id: (created.value as UserSummary).id, role, pin: PINS[role] });
  }
  return { admin: { id: session.user.id, role: 'admin', pin: PINS.admin }, people, screen };
}

/** Signs `person` in on a fresh screen and gets the file cookie for that session. */
export async function signInWithCookie(
  baseUrl: string,
  person: Person,
): Promise<{ screen: ScreenClient; token: string; cookie: string }> {
  const screen = await ScreenClient.open(baseUrl);
  const { token } = await screen.signIn(person.id, person.pin);
  const { cookie } = await sessionCookie(baseUrl, token);
  if (!cookie) throw new Error('the kiosk did not set a session cookie');
  return { screen, token, cookie };
}
