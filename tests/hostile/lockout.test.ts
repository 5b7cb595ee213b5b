// Sign-in attacks against a real kiosk host process, from the kiosk's network: a burst of PINs for one person
// over many sockets, many sockets from one address, and thousands of made-up names. The lockout must hold
// (at most FREE_ATTEMPTS PINs checked, the right PIN refused while locked), the throttles must turn the rest
// away, the audit log must stay small, and the host must keep serving.
//
// Each socket binds its own loopback address (127.0.0.x, all local on Linux), so the test can be several
// machines on the network at once, and the per-address limits do not hide the lockout. Only 127.0.0.1 is the
// kiosk machine's own browser (src/main/auth/kiosk-machine.ts): 127.0.0.2 and up count as the network, whose
// wrong PINs must never lock the kiosk's own screen out.
import Sqlite from 'better-sqlite3';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS } from '../../src/main/auth/lockout';
import {
  SIGN_IN_TRIES_PER_ADDRESS,
  SIGN_IN_TRIES_PER_CONNECTION,
  TOO_MANY_TRIES,
} from '../../src/main/auth/throttle';
import type { SessionInfo } from '../../src/shared/auth';
import type { Result } from '../../src/shared/errors';
import type { UserSummary } from '../../src/shared/users';
import { decodeMessage, encodeMessage, type ResultMessage } from '../../src/shared/wire';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';

const RIGHT_PIN = '135790';
const ADMIN_PIN = '482100';
const WRONG_PIN = '000000';

/** A socket from one network address that sends many calls at once and matches answers by id. */
class Attacker {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (result: Result<unknown>) => void; reject: (error: Error) => void }
  >();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const message = decodeMessage(isBinary ? new Uint8Array(data) : data.toString('utf8')) as ResultMessage;
      if (message.type !== 'result' || message.id === null) return;
      this.waiting.get(message.id)?.resolve(message.result);
      this.waiting.delete(message.id);
    });
    socket.on('close', (code, reason) => {
      for (const { reject } of this.waiting.values()) {
        reject(new Error(`socket closed (${code} ${reason.toString()}) before its call was answered`));
      }
      this.waiting.clear();
    });
  }

  static open(kiosk: KioskProcess, localAddress: string): Promise<Attacker> {
    const socket = new WebSocket(`${kiosk.url.replace('http', 'ws')}ipc`, {
      origin: kiosk.origin,
      localAddress,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new Attacker(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
    });
  }

  call(channel: string, input: unknown, session?: string): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.send(encodeMessage({ type: 'call', id, channel, input, ...(session ? { session } : {}) }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

let kiosk: KioskProcess;
let admin: Attacker;
let adminId: string;
let targetId: string;
const opened: Attacker[] = [];

async function attackers(addresses: string[]): Promise<Attacker[]> {
  const sockets = await Promise.all(addresses.map((address) => Attacker.open(kiosk, address)));
  opened.push(...sockets);
  return sockets;
}

/** A read-only look at the running kiosk's database (WAL: readers never block it). */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Sqlite(path.join(kiosk.dataDir, 'magnum.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

interface LockColumns {
  failed_pin_attempts: number;
  locked_until: string | null;
  network_failed_pin_attempts: number;
  network_locked_until: string | null;
}
const LOCK_COLUMNS = `SELECT failed_pin_attempts, locked_until, network_failed_pin_attempts, network_locked_until
  FROM users WHERE id = ?`;

const lastAuditRow = () => query<{ n: number }>('SELECT coalesce(max(rowid), 0) AS n FROM audit_logs')[0]!.n;

const failuresSince = (rowid: number) =>
  query<{ user_id: string | null; after_summary: string }>(
    `SELECT user_id, after_summary FROM audit_logs WHERE action = 'sign_in_failed' AND rowid > ? ORDER BY rowid`,
    rowid,
  ).map((row) => ({
    userId: row.user_id,
    ...(JSON.parse(row.after_summary) as { reason: string; attempts?: number }),
  }));

function codes(results: Array<Result<unknown>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const key = result.ok ? 'ok' : result.error.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

beforeAll(async () => {
  kiosk = await startKiosk();
  admin = (await attackers(['127.0.0.1']))[0]!;
  const setup = await admin.call('auth.setup', { name: 'Hostile Admin', pin: ADMIN_PIN });
  if (!setup.ok) throw new Error(setup.error.message);
  adminId = (setup.value as SessionInfo).user.id;
  const created = await admin.call(
    'users.create',
    { name: 'Target Crew', role: 'crew', pin: RIGHT_PIN },
    (setup.value as SessionInfo).token,
  );
  if (!created.ok) throw new Error(created.error.message);
  targetId = (created.value as UserSummary).id;
});

afterAll(async () => {
  for (const socket of opened) socket.close();
  await kiosk?.stop();
});

describe('a burst of sign-ins against a real kiosk host', () => {
  it('checks at most five PINs of 300 sent at once over 10 sockets, and the right PIN does not sign in', async () => {
    const before = lastAuditRow();
    const sockets = await attackers(Array.from({ length: 10 }, (_, i) => `127.0.0.${11 + i}`));
    // The right PIN is each socket's eighth call: seven wrong ones from the same socket come before it.
    const rightIndex = 7;
    const bursts = sockets.map((socket) =>
      Array.from({ length: 30 }, (_, i) =>
        socket.call('auth.signIn', { userId: targetId, pin: i === rightIndex ? RIGHT_PIN : WRONG_PIN }),
      ),
    );
    const results = await Promise.all(bursts.map((burst) => Promise.all(burst)));

    const all = results.flat();
    expect(all).toHaveLength(300);
    expect(codes(all).ok).toBeUndefined();
    for (const socketResults of results) {
      expect(socketResults[rightIndex]).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/^Too many wrong PINs\./) },
      });
    }
    expect(codes(all).RATE_LIMITED).toBe(10 * (30 - SIGN_IN_TRIES_PER_CONNECTION));

    const checked = failuresSince(before).filter((entry) => entry.reason === 'wrong_pin');
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(FREE_ATTEMPTS);
    const [target] = query<LockColumns>(LOCK_COLUMNS, targetId);
    expect(target!.network_failed_pin_attempts).toBeLessThanOrEqual(FREE_ATTEMPTS);
    expect(Date.parse(target!.network_locked_until ?? '')).toBeGreaterThan(Date.now());
    expect(target).toMatchObject({ failed_pin_attempts: 0, locked_until: null });
    expect(query('SELECT id FROM user_sessions WHERE user_id = ?', targetId)).toHaveLength(0);
    expect(
      query(`SELECT id FROM audit_logs WHERE action = 'sign_in' AND user_id = ?`, targetId),
    ).toHaveLength(0);
  });

  it('lets the kiosk’s own screen sign in with the right PIN while the network has the only admin locked', async () => {
    const sockets = await attackers(['127.0.0.51', '127.0.0.52', '127.0.0.53']);
    const burst = (
      await Promise.all(
        sockets.map((socket) =>
          Promise.all(
            Array.from({ length: SIGN_IN_TRIES_PER_CONNECTION }, () =>
              socket.call('auth.signIn', { userId: adminId, pin: WRONG_PIN }),
            ),
          ),
        ),
      )
    ).flat();
    expect(codes(burst).ok).toBeUndefined();
    const [locked] = query<LockColumns>(LOCK_COLUMNS, adminId);
    expect(Date.parse(locked!.network_locked_until ?? '')).toBeGreaterThan(Date.now());
    // The network lock holds against the network, even for the right PIN...
    const [anotherMachine] = await attackers(['127.0.0.54']);
    await expect(
      anotherMachine!.call('auth.signIn', { userId: adminId, pin: ADMIN_PIN }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/^Too many wrong PINs\./) },
    });

    // ...but not at the kiosk itself.
    const [kioskScreen] = await attackers(['127.0.0.1']);
    await expect(
      kioskScreen!.call('auth.signIn', { userId: adminId, pin: ADMIN_PIN }),
    ).resolves.toMatchObject({
      ok: true,
      value: { user: { id: adminId, role: 'admin' } },
    });
    const [after] = query<LockColumns>(LOCK_COLUMNS, adminId);
    expect(after).toMatchObject({ failed_pin_attempts: 0, locked_until: null });
    expect(after!.network_locked_until).toBe(locked!.network_locked_until);
  });

  it('lets one address try thirty sign-ins a minute, however many sockets it opens', async () => {
    const sockets = await attackers(Array.from({ length: 6 }, () => '127.0.0.30'));
    const unknown = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';
    const results = (
      await Promise.all(
        sockets.map((socket) =>
          Promise.all(
            Array.from({ length: 10 }, () => socket.call('auth.signIn', { userId: unknown, pin: WRONG_PIN })),
          ),
        ),
      )
    ).flat();
    expect(codes(results)).toEqual({
      NOT_FOUND: SIGN_IN_TRIES_PER_ADDRESS,
      RATE_LIMITED: 60 - SIGN_IN_TRIES_PER_ADDRESS,
    });
    expect(results.find((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toMatchObject({
      error: { message: TOO_MANY_TRIES },
    });
  });

  it('writes a handful of audit entries, not 2,000, for 2,000 tries of made-up names', async () => {
    const before = lastAuditRow();
    const addresses = ['127.0.0.41', '127.0.0.42', '127.0.0.43', '127.0.0.44'];
    const sockets = await attackers(addresses.flatMap((address) => [address, address]));
    const results = (
      await Promise.all(
        sockets.map((socket, s) =>
          Promise.all(
            Array.from({ length: 250 }, (_, i) =>
              socket.call('auth.signIn', {
                userId: `00000000-0000-4000-8000-${String(s * 1000 + i).padStart(12, '0')}`,
                pin: WRONG_PIN,
              }),
            ),
          ),
        ),
      )
    ).flat();
    expect(results).toHaveLength(2000);
    expect(codes(results).ok).toBeUndefined();

    const entries = failuresSince(before);
    // One entry a minute per address for unknown names, and one for the tries the throttle turned away.
    expect(entries.length).toBeLessThanOrEqual(2 * addresses.length);
    expect(entries.every((entry) => entry.userId === null)).toBe(true);
    expect(entries.reduce((sum, entry) => sum + (entry.attempts ?? 1), 0)).toBe(2000);
  });

  it('is still alive and answering afterwards', async () => {
    expect(kiosk.child.exitCode).toBeNull();
    expect(kiosk.child.signalCode).toBeNull();
    await expect(admin.call('auth.status', {})).resolves.toMatchObject({ ok: true });
  });
});
