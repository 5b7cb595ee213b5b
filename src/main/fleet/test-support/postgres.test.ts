// The test server itself: it starts, takes only password sign-ins over 127.0.0.1, and leaves nothing behind.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBinDir, startTestPostgres } from './postgres';
import type { TestPostgres } from './postgres';

const serverProcessesIn = (dir: string) =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dir)).length;

async function signIn(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await client.query<{ user: string }>('SELECT current_user AS user');
    return result.rows[0]?.user ?? '';
  } finally {
    await client.end().catch(() => {});
  }
}

describe('startTestPostgres', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets the superuser sign in with its password over 127.0.0.1', async () => {
    expect(await signIn(server.ownerUrl)).toBe('postgres');
  });

  it('refuses a wrong password and a missing one', async () => {
    const wrong = new URL(server.ownerUrl);
    wrong.password = 'not-the-password';
    await expect(signIn(wrong.toString())).rejects.toMatchObject({ code: '28P01' });
    wrong.password = '';
    await expect(signIn(wrong.toString())).rejects.toThrow(/password/);
  });

  it('creates a database and returns a URL for it', async () => {
    const url = await server.createDatabase('harness_check');
    expect(new URL(url).pathname).toBe('/harness_check');
    expect(await signIn(url)).toBe('postgres');
  });

  it('stops its server and removes its directory', async () => {
    const other = await startTestPostgres();
    expect(serverProcessesIn(other.dir)).toBeGreaterThan(0);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    expect(serverProcessesIn(other.dir)).toBe(0);
    await expect(signIn(other.ownerUrl)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('postgresBinDir', () => {
  it('names the Debian package when PostgreSQL is not installed', () => {
    expect(() => postgresBinDir('/nonexistent/postgresql', '/nonexistent/pg_config')).toThrow(
      /not installed.*apt-get install -y postgresql/,
    );
  });

  it('picks the highest installed version by number (16 over 9)', () => {
    const root = mkdtempSync(join(tmpdir(), 'magnum-pgroot-'));
    try {
      for (const version of ['9', '15', '16']) {
        mkdirSync(join(root, version, 'bin'), { recursive: true });
        writeFileSync(join(root, version, 'bin', 'initdb'), '');
      }
      mkdirSync(join(root, '17', 'bin'), { recursive: true }); // a leftover without its programs
      expect(postgresBinDir(root, '/nonexistent/pg_config')).toBe(join(root, '16', 'bin'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
