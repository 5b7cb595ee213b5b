// The browser kiosk host as a process: who it answers, what it serves, how it logs and how it stops, and its
// services in a process of their own.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFiles } from '../src/main/services/test-support';
import { makeDataDir, RawClient, startKiosk, type KioskProcess } from './support/kiosk-process';

function get(url: string, pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const target = new URL(url);
      const req = request(
        { host: target.hostname, port: target.port, path: pathname, headers, method: 'GET' },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('kiosk host', () => {
  let kiosk: KioskProcess;
  beforeAll(async () => {
    kiosk = await startKiosk();
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('prints its URL on loopback', () => {
    expect(kiosk.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('refuses a WebSocket opened by a page from another origin', async () => {
    await expect(RawClient.open(kiosk, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('refuses requests addressed to a domain name (DNS rebinding)', async () => {
    const port = new URL(kiosk.url).port;
    const response = await get(kiosk.url, '/', { Host: `evil.example:${port}` });
    expect(response.status).toBe(421);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const pathname of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      const response = await get(kiosk.url, pathname);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('magnumstream');
    }
  });

  it('sends the strict CSP with every response', async () => {
    const response = await get(kiosk.url, '/nothing-here');
    expect(String(response.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('writes its log under <data>/logs', () => {
    expect(existsSync(path.join(kiosk.dataDir, 'logs', 'magnum.log'))).toBe(true);
  });

  it('runs its services in a process of its own, which alone holds the database', async () => {
    const hostPid = kiosk.child.pid!;
    const servicesPid = kiosk.servicesPid!;
    expect(servicesPid).toBeGreaterThan(0);
    expect(servicesPid).not.toBe(hostPid);
    // Its parent is the host (field 4 of /proc/<pid>/stat, after the name in parentheses).
    const stat = readFileSync(`/proc/${servicesPid}/stat`, 'utf8');
    expect(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])).toBe(hostPid);
    const database = path.join(kiosk.dataDir, 'magnum.db');
    expect(openFiles(servicesPid)).toContain(database);
    expect(openFiles(hostPid)).not.toContain(database);
    // And the host still answers calls through it.
    const client = await RawClient.open(kiosk);
    const reply = await client.call('system.info', {});
    client.close();
    expect(reply.result).toMatchObject({ ok: true, value: { host: 'browser', database: { state: 'ok' } } });
  });
});

describe('kiosk host shutdown', () => {
  it('stops cleanly on SIGTERM, closing the database and logging why', async () => {
    const kiosk = await startKiosk();
    const code = await kiosk.stop('SIGTERM');
    expect(code).toBe(0);
    expect(kiosk.output()).toContain('MagnumStream kiosk stopped.');
    expect(readFileSync(path.join(kiosk.dataDir, 'logs', 'magnum.log'), 'utf8')).toContain(
      '"signal":"SIGTERM"',
    );
    // A cleanly closed WAL database leaves no -wal file behind.
    expect(existsSync(path.join(kiosk.dataDir, 'magnum.db-wal'))).toBe(false);
  });

  it('stops cleanly on SIGINT too', async () => {
    const kiosk = await startKiosk();
    expect(await kiosk.stop('SIGINT')).toBe(0);
  });
});

describe('kiosk host with a damaged database file', () => {
  it('keeps running and reports the database problem instead of failing to start', async () => {
    const dataDir = makeDataDir();
    const damaged = 'this is not a database '.repeat(200);
    writeFileSync(path.join(dataDir, 'magnum.db'), damaged);
    const kiosk = await startKiosk(dataDir);
    try {
      const client = await RawClient.open(kiosk);
      const reply = await client.call('system.info', {});
      client.close();
      // Not a database at all: damaged, which the screens answer with the recovery screen.
      expect(reply.result).toMatchObject({ ok: true, value: { database: { state: 'damaged' } } });
      const message = (reply.result as { value: { database: { message: string } } }).value.database.message;
      expect(message).toMatch(/damaged.*Restore the last backup/);
      // The file is left as it was for someone to recover; nothing overwrote it.
      expect(readFileSync(path.join(dataDir, 'magnum.db'), 'utf8')).toBe(damaged);
    } finally {
      await kiosk.stop();
    }
  });
});

describe('kiosk host arguments', () => {
  it('refuses a bad port with the usage line and exit code 2', async () => {
    await expect(startKiosk(makeDataDir(), ['--port', 'ninety'])).rejects.toThrow(
      /exited with 2[\s\S]*Usage/,
    );
  });
});
