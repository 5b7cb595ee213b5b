// Connecting to the central database: real failures (wrong password, nothing listening, no such database, no
// schema, an old schema, a role without rights) come back as plain sentences that say what to do and never
// hold the password; bigint comes back as a number; and the schema check passes once fleet:setup has run.
import { createServer } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres } from '../test-support/postgres';
import type { TestPostgres } from '../test-support/postgres';
import {
  asStation,
  asUser,
  checkCentralSchema,
  describeUrl,
  explainCentralError,
  openCentral,
} from './connect';
import type { CentralDatabaseError } from './connect';
import { reasonForEveryone } from '../sync/status';
import { setUpCentral } from './setup';

const APP_PASSWORD = 'app-secret-password-7';
let server: TestPostgres;
let superUrl: string;
let appUrl: string;

const withUser = (base: string, user: string, password: string, database?: string) => {
  const url = new URL(base);
  url.username = user;
  url.password = encodeURIComponent(password);
  if (database !== undefined) url.pathname = `/${database}`;
  return url.toString();
};

beforeAll(async () => {
  server = await startTestPostgres();
  superUrl = await server.createDatabase('fleet');
  await setUpCentral({ ownerUrl: superUrl, appRole: 'magnum_app', appPassword: APP_PASSWORD });
  appUrl = withUser(superUrl, 'magnum_app', APP_PASSWORD);
});

afterAll(async () => {
  await server?.stop();
});

/** Runs the kiosk's schema check against `url` and returns the error it ends with (undefined when it passes). */
async function schemaCheck(url: string): Promise<CentralDatabaseError | undefined> {
  const db = openCentral(url, { connectTimeoutMs: 3_000 });
  try {
    await checkCentralSchema(db, url);
    return undefined;
  } catch (error) {
    return error as CentralDatabaseError;
  } finally {
    await db.destroy();
  }
}

async function portWithNothingListening(): Promise<number> {
  return await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

describe('describeUrl', () => {
  it('names the database, host, port and user, never the password', () => {
    expect(describeUrl('postgres://magnum_app:s3cret%21pw@db.example.org:6432/fleet?sslmode=require')).toBe(
      'database fleet on db.example.org:6432 as magnum_app',
    );
    expect(describeUrl('postgresql://kiosk@10.0.0.5/fleet')).toBe('database fleet on 10.0.0.5:5432 as kiosk');
  });

  it('says what is wrong with a URL it cannot read, without repeating it', () => {
    expect(describeUrl('magnum_app:s3cret@db/fleet')).not.toContain('s3cret');
    expect(describeUrl('http://user:s3cret@db/fleet')).toBe(
      'a URL that is not a PostgreSQL one (expected postgres://user:password@host:port/database)',
    );
  });
});

describe('the kiosk’s schema check and connection errors', () => {
  it('passes for the app role once fleet:setup has run', async () => {
    expect(await schemaCheck(appUrl)).toBeUndefined();
  });

  it('passes for a newer central schema too (migrations only add)', async () => {
    const client = new pg.Client({ connectionString: superUrl });
    await client.connect();
    try {
      await client.query(`INSERT INTO fleet_migration (name, timestamp) VALUES ('0099_future', now()::text)`);
      expect(await schemaCheck(appUrl)).toBeUndefined();
    } finally {
      await client.query(`DELETE FROM fleet_migration WHERE name = '0099_future'`);
      await client.end();
    }
  });

  it('says the password or user is wrong, without the password', async () => {
    const url = withUser(superUrl, 'magnum_app', 'not-the-right-password');
    const error = await schemaCheck(url);
    expect(error?.problem).toBe('SIGN_IN_FAILED');
    expect(error?.message).toBe(
      `The central database refused the sign-in (database fleet on 127.0.0.1:${server.port} as magnum_app): ` +
        'wrong user name or password. Check the URL the fleet operator gave this kiosk.',
    );
    expect(error?.message).not.toContain('not-the-right-password');
  });

  it('says when nothing answers at the address', async () => {
    const port = await portWithNothingListening();
    const error = await schemaCheck(`postgres://magnum_app:${APP_PASSWORD}@127.0.0.1:${port}/fleet`);
    expect(error?.problem).toBe('UNREACHABLE');
    expect(error?.message).toContain(`(database fleet on 127.0.0.1:${port} as magnum_app): nothing answers`);
    expect(error?.message).not.toContain(APP_PASSWORD);
  });

  it('says when the database does not exist', async () => {
    const error = await schemaCheck(withUser(superUrl, 'magnum_app', APP_PASSWORD, 'flet'));
    expect(error?.problem).toBe('DATABASE_MISSING');
    expect(error?.message).toContain('The central database does not exist (database flet on');
  });

  it('says to run fleet:setup on a database that has no fleet schema', async () => {
    const empty = await server.createDatabase('empty');
    const error = await schemaCheck(empty);
    expect(error?.problem).toBe('SCHEMA_MISSING');
    expect(error?.message).toMatch(/is not set up yet .*run npm run fleet:setup/);
  });

  it('says the schema is older than this kiosk expects', async () => {
    const older = await server.createDatabase('older');
    await setUpCentral({ ownerUrl: older, appRole: 'magnum_app' });
    const client = new pg.Client({ connectionString: older });
    await client.connect();
    await client.query(`DELETE FROM fleet_migration WHERE name = '0002_row_security'`);
    await client.end();
    const error = await schemaCheck(withUser(older, 'magnum_app', APP_PASSWORD));
    expect(error?.problem).toBe('SCHEMA_OLD');
    expect(error?.message).toContain('missing 0002_row_security');
    // What every screen hears leaves out where the database is and as whom (sync/status.ts).
    expect(reasonForEveryone(error!.message)).toBe(
      "The central database's schema is older than this kiosk expects: missing 0002_row_security; run npm " +
        'run fleet:setup (see the README, "Central database") with this version of MagnumStream.',
    );
  });

  it('says when the role has no rights on the fleet tables', async () => {
    const client = new pg.Client({ connectionString: superUrl });
    await client.connect();
    await client.query(`CREATE ROLE stranger LOGIN PASSWORD 'stranger-password-1'`);
    await client.end();
    const error = await schemaCheck(withUser(superUrl, 'stranger', 'stranger-password-1'));
    expect(error?.problem).toBe('NOT_ALLOWED');
    expect(error?.message).toContain('run npm run fleet:setup');
  });

  it('maps a host name that does not resolve, and keeps a password out of unknown errors', () => {
    const url = 'postgres://magnum_app:hunter2-secret@db.invalid:5432/fleet';
    const dns = explainCentralError(
      Object.assign(new Error('getaddrinfo ENOTFOUND db.invalid'), { code: 'ENOTFOUND' }),
      url,
    );
    expect(dns.problem).toBe('UNREACHABLE');
    expect(dns.message).toContain('the host name is not known');
    const odd = explainCentralError(new Error('driver said: hunter2-secret was odd'), url);
    expect(odd.problem).toBe('FAILED');
    expect(odd.message).toBe(
      'The central database failed (database fleet on db.invalid:5432 as magnum_app): driver said: *** was odd.',
    );
  });
});

describe('asUser, asStation and numbers', () => {
  it('returns bigint results as numbers, and refuses one a number cannot hold', async () => {
    const db = openCentral(appUrl);
    try {
      const counted = await asUser(db, { userId: 'nobody', role: 'crew' }, (trx) =>
        trx
          .selectFrom('sales')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow(),
      );
      expect(counted).toEqual({ count: 0 });
      await expect(sql`SELECT 9007199254740993::bigint AS big`.execute(db)).rejects.toThrow(/too large/);
    } finally {
      await db.destroy();
    }
  });

  it('refuses an empty identity or a role the kiosk does not have', async () => {
    const db = openCentral(appUrl);
    try {
      await expect(asUser(db, { userId: ' ', role: 'crew' }, async () => 1)).rejects.toThrow(/user id/);
      await expect(asUser(db, { userId: 'u', role: 'owner' as 'crew' }, async () => 1)).rejects.toThrow(
        /role/,
      );
      await expect(asStation(db, '', async () => 1)).rejects.toThrow(/station id/);
    } finally {
      await db.destroy();
    }
  });

  it('leaves no identity behind on the pooled connection after the transaction', async () => {
    const db = openCentral(appUrl, { maxConnections: 1 });
    try {
      await asStation(db, 'lsza', async () => undefined);
      const after = await sql<{ station: string | null }>`
        SELECT current_setting('app.current_station', true) AS station`.execute(db);
      expect(after.rows[0]?.station ?? '').toBe('');
    } finally {
      await db.destroy();
    }
  });
});
