// npm run fleet:setup on a real PostgreSQL, as an operator would run it: a database owned by a plain owner role
// (not a superuser). The role it makes for kiosks signs in, and cannot get around row security: not superuser,
// no BYPASSRLS, not the owner, and every way around the policies that its rights could allow is refused.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSnapshot } from '../test-support/catalog';
import { startTestPostgres } from '../test-support/postgres';
import type { TestPostgres } from '../test-support/postgres';
import { CENTRAL_TABLES } from './schema';
import { CentralSetupError, scramVerifier, setUpCentral } from './setup';

const OWNER_PASSWORD = 'owner-password-1';
const APP_PASSWORD = 'app-password-with-ß-and-ﬁ';
const CLI = fileURLToPath(new URL('./setup-cli.ts', import.meta.url));

let server: TestPostgres;
/** The fleet database as a superuser (for looking at catalogs), and as its owner (what the operator uses). */
let superUrl: string;
let ownerUrl: string;

const urlAs = (base: string, user: string, password: string) => {
  const url = new URL(base);
  url.username = user;
  url.password = encodeURIComponent(password);
  return url.toString();
};

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await startTestPostgres();
  await query(
    server.ownerUrl,
    `CREATE ROLE fleet_owner LOGIN CREATEROLE PASSWORD '${scramVerifier(OWNER_PASSWORD)}'`,
  );
  superUrl = await server.createDatabase('fleet', { owner: 'fleet_owner' });
  ownerUrl = urlAs(superUrl, 'fleet_owner', OWNER_PASSWORD);
  // As in a database made before PostgreSQL 15: anyone may create objects in the public schema.
  await query(superUrl, 'GRANT CREATE ON SCHEMA public TO PUBLIC');
});

afterAll(async () => {
  await server?.stop();
});

describe('fleet:setup', () => {
  it('migrates, makes the app role and its rights, and a second run changes nothing', async () => {
    const first = await setUpCentral({ ownerUrl, appRole: 'magnum_app', appPassword: APP_PASSWORD });
    expect(first.applied).toEqual(['0001_mirror_tables', '0002_row_security']);
    expect(first.changes).toEqual([
      expect.stringMatching(/^created the role magnum_app/),
      `granted magnum_app SELECT, INSERT, UPDATE, DELETE on ${CENTRAL_TABLES.join(', ')}`,
      'granted magnum_app SELECT on fleet_migration',
      'revoked CREATE on schema public from PUBLIC',
    ]);
    expect(first.database).toBe(`database fleet on 127.0.0.1:${server.port} as fleet_owner`);

    const before = await catalogSnapshot(superUrl);
    const second = await setUpCentral({ ownerUrl, appRole: 'magnum_app', appPassword: APP_PASSWORD });
    expect(second).toEqual({ database: first.database, applied: [], changes: [] });
    expect(await catalogSnapshot(superUrl)).toEqual(before);
  });

  it('gives the app role no way around row security', async () => {
    const [role] = await query(
      superUrl,
      `SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolcanlogin, rolpassword
       FROM pg_authid WHERE rolname = 'magnum_app'`,
    );
    expect(role).toMatchObject({
      rolsuper: false,
      rolbypassrls: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolcanlogin: true,
    });
    expect(role?.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    const owned = await query(superUrl, `SELECT tablename FROM pg_tables WHERE tableowner = 'magnum_app'`);
    expect(owned).toEqual([]);

    const app = new pg.Client({ connectionString: urlAs(superUrl, 'magnum_app', APP_PASSWORD) });
    await app.connect();
    try {
      const refused = async (statement: string) => {
        await app.query('BEGIN');
        try {
          await app.query(statement);
        } catch (error) {
          return (error as { code?: string }).code;
        } finally {
          await app.query('ROLLBACK');
        }
        return 'allowed';
      };
      expect((await app.query('SELECT current_user AS user')).rows[0]?.user).toBe('magnum_app');
      expect(await refused('ALTER TABLE sales DISABLE ROW LEVEL SECURITY')).toBe('42501');
      expect(await refused('ALTER TABLE sales NO FORCE ROW LEVEL SECURITY')).toBe('42501');
      expect(await refused('DROP POLICY sales_reader ON sales')).toBe('42501');
      expect(await refused(`CREATE POLICY everything ON sales USING (true)`)).toBe('42501');
      expect(await refused('DROP TABLE sales')).toBe('42501');
      expect(await refused('TRUNCATE sales')).toBe('42501');
      expect(await refused('CREATE TABLE public.mine (id int)')).toBe('42501');
      expect(
        await refused(
          `CREATE FUNCTION public.fleet_acting_admin2() RETURNS boolean LANGUAGE sql AS 'SELECT true'`,
        ),
      ).toBe('42501');
      expect(await refused('CREATE ROLE another LOGIN')).toBe('42501');
      expect(await refused('ALTER ROLE magnum_app BYPASSRLS')).toBe('42501');
      // Turning row security off does not show more: a query the policies would filter fails instead.
      expect(await refused(`SET LOCAL row_security = off; SELECT * FROM sales`)).toBe('42501');
      expect(await refused('SET ROLE fleet_owner')).toBe('42501');
    } finally {
      await app.end();
    }
  });

  it('sets a different password on an existing role, and the new one signs in', async () => {
    const report = await setUpCentral({ ownerUrl, appRole: 'magnum_app', appPassword: 'a-new-password-42' });
    expect(report.changes).toEqual(["set the role magnum_app's password to the one given"]);
    const [row] = await query(urlAs(superUrl, 'magnum_app', 'a-new-password-42'), 'SELECT current_user AS u');
    expect(row?.u).toBe('magnum_app');
    await expect(query(urlAs(superUrl, 'magnum_app', APP_PASSWORD), 'SELECT 1')).rejects.toMatchObject({
      code: '28P01',
    });
    await setUpCentral({ ownerUrl, appRole: 'magnum_app', appPassword: APP_PASSWORD });
  });

  it('takes back rights the app role must not have (TRUNCATE, BYPASSRLS)', async () => {
    await query(superUrl, 'GRANT TRUNCATE ON sales TO magnum_app');
    await query(superUrl, 'ALTER ROLE magnum_app BYPASSRLS');
    // Only a superuser may take BYPASSRLS away, so this run signs in as one.
    const report = await setUpCentral({ ownerUrl: superUrl, appRole: 'magnum_app' });
    expect(report.changes).toEqual([
      'corrected the role magnum_app (it had BYPASSRLS): now LOGIN only',
      'revoked from magnum_app and PUBLIC: TRUNCATE on sales',
    ]);
    const [role] = await query(superUrl, `SELECT rolbypassrls FROM pg_roles WHERE rolname = 'magnum_app'`);
    expect(role?.rolbypassrls).toBe(false);
  });

  it('refuses to make the owner, or a member of the owner, the app role', async () => {
    await expect(setUpCentral({ ownerUrl, appRole: 'fleet_owner' })).rejects.toThrow(
      /role the setup signs in as, which owns the tables/,
    );
    await query(superUrl, `CREATE ROLE owner_friend LOGIN PASSWORD '${scramVerifier('friend-password-1')}'`);
    await query(superUrl, 'GRANT fleet_owner TO owner_friend');
    await expect(setUpCentral({ ownerUrl, appRole: 'owner_friend' })).rejects.toThrow(
      /owner_friend is a member of fleet_owner, which owns the fleet tables/,
    );
  });

  it('needs a password to create the role, and a plain role name', async () => {
    await expect(setUpCentral({ ownerUrl, appRole: 'kiosk_two' })).rejects.toThrow(CentralSetupError);
    await expect(setUpCentral({ ownerUrl, appRole: 'kiosk_two' })).rejects.toThrow(/FLEET_APP_PASSWORD/);
    await expect(
      setUpCentral({ ownerUrl, appRole: 'Robert"; DROP', appPassword: APP_PASSWORD }),
    ).rejects.toThrow(/not a usable role name/);
  });

  it('runs as npm run fleet:setup, says when there is nothing to do, and never prints a password', () => {
    const scripts = (
      JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts['fleet:setup']).toBe('tsx src/main/fleet/central/setup-cli.ts');
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    const again = run(['--database', ownerUrl, '--app-role', 'magnum_app'], {
      FLEET_APP_PASSWORD: APP_PASSWORD,
    });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('nothing to change');
    expect(again.stdout).toContain(`postgres://magnum_app:PASSWORD@127.0.0.1:${server.port}/fleet`);
    for (const secret of [APP_PASSWORD, OWNER_PASSWORD, encodeURIComponent(APP_PASSWORD)]) {
      expect(again.stdout + again.stderr).not.toContain(secret);
    }

    const wrongOwner = run([
      '--database',
      urlAs(superUrl, 'fleet_owner', 'wrong-owner-pw'),
      '--app-role',
      'x',
    ]);
    expect(wrongOwner.status).toBe(1);
    expect(wrongOwner.stderr).toContain('refused the sign-in');
    expect(wrongOwner.stderr).not.toContain('wrong-owner-pw');

    const missing = run(['--app-role', 'magnum_app']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing --database OWNER_URL');
  });
});
