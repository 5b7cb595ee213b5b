// The admin:reset-pin command, run as an operator runs it (tsx scripts/admin-reset-pin.ts) on a real database.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { makeTempDir } from '../db/test-support';
import { verifyPin } from '../src/main/auth/pin';
import { startSession } from '../src/main/auth/sessions';
import { FAST_PIN_PARAMS } from '../src/main/auth/test-support';
import { createUser } from '../src/main/users/service';

const root = resolve(import.meta.dirname, '..');
let dataDir: string;

function resetPin(...args: string[]) {
  const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/admin-reset-pin.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A kiosk database with admins (locked out, signed in on two screens) and one crew member. */
async function kioskWith(admins: string[]): Promise<Record<string, string>> {
  const database = await openDatabase(join(dataDir, 'magnum.db'));
  const ids: Record<string, string> = {};
  const now = new Date();
  for (const [name, role] of [...admins.map((a) => [a, 'admin'] as const), ['Tom Reed', 'crew'] as const]) {
    const user = await createUser(database.db, { name, role, pin: '4821' }, null, {
      now,
      pinParams: FAST_PIN_PARAMS,
    });
    ids[name] = user.id;
    for (let i = 0; i < 2; i++) await startSession(database.db, user.id, { now, hours: 12 });
  }
  database.sqlite
    .prepare(
      `UPDATE users SET failed_pin_attempts = 9, locked_until = ?,
         network_failed_pin_attempts = 12, network_locked_until = ? WHERE role = 'admin'`,
    )
    .run(
      new Date(now.getTime() + 60 * 60_000).toISOString(),
      new Date(now.getTime() + 30 * 60_000).toISOString(),
    );
  await database.close();
  return ids;
}

function read<T>(query: string, ...params: unknown[]): T {
  const db = new Sqlite(join(dataDir, 'magnum.db'), { readonly: true });
  try {
    return db.prepare(query).get(...params) as T;
  } finally {
    db.close();
  }
}

beforeEach(() => {
  dataDir = makeTempDir('magnum-reset-pin-');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run admin:reset-pin', () => {
  it('sets the only admin’s PIN, lifts the lock, ends their sessions, audits it and says so', async () => {
    const ids = await kioskWith(['Maria Lopez']);
    const run = resetPin('--data-dir', dataDir, '--pin', '135790');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Set a new PIN for Maria Lopez \(admin\) in .*magnum\.db\.$/m);
    expect(run.stdout).toMatch(
      /^Lifted the lockout \(9 wrong PINs on this machine, 12 wrong PINs from the network, locked until \S+\)\.$/m,
    );
    expect(run.stdout).toMatch(/^Ended 2 sessions/m);
    expect(run.stdout).toContain('Recorded in the audit log');

    const maria = read<{ pin_hash: string }>(
      `SELECT pin_hash, failed_pin_attempts, locked_until, network_failed_pin_attempts, network_locked_until
       FROM users WHERE id = ?`,
      ids['Maria Lopez'],
    );
    await expect(verifyPin('135790', maria.pin_hash)).resolves.toBe(true);
    expect(maria).toMatchObject({
      failed_pin_attempts: 0,
      locked_until: null,
      network_failed_pin_attempts: 0,
      network_locked_until: null,
    });
    const sessions = (id: string) =>
      read<{ n: number }>('SELECT count(*) AS n FROM user_sessions WHERE user_id = ?', id).n;
    expect(sessions(ids['Maria Lopez']!)).toBe(0);
    expect(sessions(ids['Tom Reed']!)).toBe(2);
    const entry = read<{ user_id: string | null; entity_id: string; after_summary: string }>(
      `SELECT user_id, entity_id, after_summary FROM audit_logs WHERE action = 'reset_pin'`,
    );
    expect(entry).toMatchObject({ user_id: null, entity_id: ids['Maria Lopez'] });
    expect(JSON.parse(entry.after_summary)).toMatchObject({
      sessions_ended: 2,
      via: 'admin:reset-pin on the kiosk machine',
    });
    expect(entry.after_summary).not.toContain('135790');
  });

  it('resets the admin named with --name (any case) and leaves the other admin alone', async () => {
    const ids = await kioskWith(['Maria Lopez', 'Jo Whitaker']);
    const run = resetPin(`--data-dir=${dataDir}`, '--name', 'jo whitaker', '--pin=2468');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Set a new PIN for Jo Whitaker (admin)');
    const lock = (id: string) =>
      read<{ n: number }>('SELECT failed_pin_attempts AS n FROM users WHERE id = ?', id).n;
    expect(lock(ids['Jo Whitaker']!)).toBe(0);
    expect(lock(ids['Maria Lopez']!)).toBe(9);
  });

  it('asks which admin when there are several and no --name', async () => {
    await kioskWith(['Maria Lopez', 'Jo Whitaker']);
    const run = resetPin('--data-dir', dataDir, '--pin', '2468');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'admin:reset-pin: this kiosk has 2 admins (Jo Whitaker, Maria Lopez); choose one with --name',
    );
  });

  it('refuses a name that is not an active admin', async () => {
    await kioskWith(['Maria Lopez']);
    const run = resetPin('--data-dir', dataDir, '--name', 'Tom Reed', '--pin', '2468');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'admin:reset-pin: no active admin called "Tom Reed" (admins: Maria Lopez)',
    );
  });

  it.each([
    ['no arguments', [], /missing --data-dir/],
    ['a 3-digit PIN', ['--data-dir', '.', '--pin', '123'], /PIN must be 4 to 8 digits/],
    ['a 9-digit PIN', ['--data-dir', '.', '--pin', '123456789'], /PIN must be 4 to 8 digits/],
    ['a PIN with letters', ['--data-dir', '.', '--pin', '12ab'], /PIN must be 4 to 8 digits/],
    ['an unknown argument', ['--db', 'magnum.db'], /unknown argument "--db"/],
  ])('exits 2 with one clear line for %s', (_case, args, reason) => {
    const run = resetPin(...args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toContain('usage: npm run admin:reset-pin -- --data-dir DIR [--name NAME] --pin PIN');
  });

  it('exits 2 without creating anything when the folder holds no kiosk database', () => {
    const run = resetPin('--data-dir', join(dataDir, 'elsewhere'), '--pin', '2468');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^admin:reset-pin: no kiosk database in .*elsewhere/);
  });
});
