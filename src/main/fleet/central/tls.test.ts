// The kiosk's connection to the central database is private on any network: against real PostgreSQL servers on
// 127.0.0.1 with certificates from a CA made here, it goes over TLS when the address asks for it (and, with no
// sslmode, whenever the server is another computer: src/shared/fleet.ts's connectSslMode), accepts a
// certificate only from an authority it trusts and for the server named, refuses a server that offers no TLS,
// and says each in words the admin can act on. Someone on the network posing as the server looks like these
// refusals, so the kiosk sends nothing to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCentralAddress, transportOf } from '../../../shared/fleet';
import { makeTestCertificates, type TestCertificates } from '../../security/test-certificates';
import { connectionStringOf } from '../settings';
import { startTestPostgres, type TestPostgres } from '../test-support/postgres';
import { connectionOf, explainCentralError, openCentral } from './connect';

let dir = '';
let certs: TestCertificates;
const servers: Record<'plain' | 'trusted' | 'selfSigned' | 'wrongName', TestPostgres | undefined> = {
  plain: undefined,
  trusted: undefined,
  selfSigned: undefined,
  wrongName: undefined,
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'magnum-pg-tls-'));
  certs = makeTestCertificates(dir);
  const offering = (cert: string) => startTestPostgres({ tls: { cert, key: certs.key } });
  [servers.plain, servers.trusted, servers.selfSigned, servers.wrongName] = await Promise.all([
    startTestPostgres(),
    offering(certs.cert),
    offering(certs.selfSigned),
    offering(certs.wrongName),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server?.stop()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The saved settings a kiosk would have for `server`, and the connection string it would connect with. */
function kioskConnection(server: TestPostgres | undefined, query = '') {
  if (!server) throw new Error('the server did not start');
  const parsed = parseCentralAddress(`postgres://postgres@127.0.0.1:${server.port}/postgres${query}`);
  if (!parsed.ok) throw new Error(parsed.message);
  const { withoutPassword, ...address } = parsed.address;
  const password = decodeURIComponent(new URL(server.ownerUrl).password);
  const url = connectionStringOf({
    ...address,
    password,
    address: withoutPassword,
    enabled: true,
    airfieldName: 'Alpine Field',
  });
  return { url, password, transport: transportOf(address) };
}

/** Whether the server says this connection is encrypted; a failure as the admin would read it. */
async function encrypted(url: string, extraCa?: string): Promise<boolean> {
  const db = openCentral(url, {
    maxConnections: 1,
    connectTimeoutMs: 10_000,
    ...(extraCa ? { extraCa } : {}),
  });
  try {
    const result = await sql<{ ssl: boolean }>`
      SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`.execute(db);
    return result.rows[0]!.ssl;
  } catch (error) {
    throw explainCentralError(error, url);
  } finally {
    await db.destroy();
  }
}

describe('the connection to the central database', () => {
  it('goes over TLS to a server whose certificate a trusted authority signed for its address', async () => {
    for (const query of ['?sslmode=verify-full', '?sslmode=require']) {
      const { url, transport } = kioskConnection(servers.trusted, query);
      expect(transport, query).toBe('verified');
      expect(new URL(url).searchParams.get('sslmode'), query).toBe('verify-full');
      expect(await encrypted(url, certs.ca), query).toBe(true);
    }
  });

  it('refuses a certificate no authority it trusts signed, and says another machine may pose as the server', async () => {
    const { url, password } = kioskConnection(servers.selfSigned, '?sslmode=verify-full');
    const refusal = encrypted(url, certs.ca);
    await expect(refusal).rejects.toMatchObject({
      problem: 'NOT_SECURE',
      message: expect.stringMatching(
        /^The central database's certificate is not signed by an authority this kiosk trusts \(database postgres on 127\.0\.0\.1:\d+ as postgres\), so the kiosk sent nothing: another machine may be posing as the server\./,
      ),
    });
    await expect(refusal).rejects.not.toMatchObject({ message: expect.stringContaining(password) });
    // The public authorities alone do not vouch for the test CA's certificate either.
    const untrusted = kioskConnection(servers.trusted, '?sslmode=verify-full');
    await expect(encrypted(untrusted.url)).rejects.toMatchObject({ problem: 'NOT_SECURE' });
  });

  it('refuses a trusted certificate made out to another server name', async () => {
    const { url } = kioskConnection(servers.wrongName, '?sslmode=verify-full');
    await expect(encrypted(url, certs.ca)).rejects.toMatchObject({
      problem: 'NOT_SECURE',
      message: expect.stringContaining('certificate is for another server name'),
    });
  });

  it('sends nothing to a server that offers no TLS when the address asks for it', async () => {
    const { url } = kioskConnection(servers.plain, '?sslmode=require');
    await expect(encrypted(url, certs.ca)).rejects.toMatchObject({
      problem: 'NOT_SECURE',
      message: expect.stringMatching(
        /^The central database does not offer an encrypted connection \(.*\), so the kiosk sent nothing\. .*\?sslmode=disable/,
      ),
    });
  });

  it('with sslmode=no-verify encrypts but takes any certificate, and the settings say so', async () => {
    const { url, transport } = kioskConnection(servers.selfSigned, '?sslmode=no-verify');
    expect(transport).toBe('unverified');
    expect(await encrypted(url)).toBe(true);
  });

  it('to a server on this same computer goes in clear when the address names no sslmode', async () => {
    const { url, transport } = kioskConnection(servers.plain);
    expect(transport).toBe('local');
    expect(new URL(url).searchParams.get('sslmode')).toBe('disable');
    expect(await encrypted(url)).toBe(false);
  });
});

describe('an address typed at the office (fleet:setup, fleet:report)', () => {
  it('asks for a checked TLS connection to another computer when it names no ssl setting', () => {
    expect(connectionOf('postgres://app:pw@db.example.com/fleet', undefined).connectionString).toBe(
      'postgres://app:pw@db.example.com/fleet?sslmode=verify-full',
    );
    for (const written of [
      'postgres://app:pw@127.0.0.1:5432/fleet',
      'postgres://app:pw@localhost/fleet',
      'postgres://app:pw@db.example.com/fleet?sslmode=disable',
      'postgres://app:pw@db.example.com/fleet?sslrootcert=/etc/fleet/ca.pem',
      'postgres://app@/fleet?host=/var/run/postgresql',
      'not a url',
    ]) {
      expect(connectionOf(written, undefined).connectionString, written).toBe(written);
    }
  });
});
