// The download service against a real http server on a free port: a link serves exactly its sale's files,
// byte for byte, and nothing else; it stops when it is switched off, when it expires, or when the sale is undone.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedDownloadLink, DownloadLinkView } from '../../shared/delivery';
import { updateKioskSettings } from '../settings/service';
import { createDownloadServer, EXPIRED_TEXT, NO_NETWORK, type DownloadServer } from './download-server';
import { lanAddress } from './network';
import { qrMatrix } from './qr';
import { codeOf, NOW, openDeliveryBench, silentLogger, type DeliveryBench } from './test-support';

let bench: DeliveryBench | undefined;
let server: DownloadServer | undefined;
afterEach(async () => {
  await server?.close();
  await bench?.dispose();
  server = undefined;
  bench = undefined;
});

async function open(logger: Logger = silentLogger) {
  const downloads: Pick<DownloadServer, 'base'> = { base: () => server!.base() };
  bench = await openDeliveryBench({ downloads });
  server = createDownloadServer({
    data: bench.data,
    dataDir: bench.dataDir,
    logger,
    port: 0,
    listenHost: '127.0.0.1',
    advertisedHost: '127.0.0.1',
  });
  await server.start();
  return bench;
}

const makeLink = (b: DeliveryBench, saleId = b.saleId, session = 'crew') =>
  b.value<CreatedDownloadLink>('delivery.createLink', { saleId }, session);

/** A request with the path exactly as written: fetch would resolve `..` before sending it. */
function rawGet(url: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const downloadCount = (b: DeliveryBench, linkId: string) =>
  b.t.sqlite.prepare('SELECT download_count FROM sale_downloads WHERE id = ?').pluck().get(linkId);

const SENT_TO_END = 'file sent to its last byte';

/** A logger whose messages a test can await: what the server did after the phone had its bytes. */
function recordingLogger() {
  const seen: string[] = [];
  const events = new EventEmitter();
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        seen.push((JSON.parse(line) as { msg: string }).msg);
        events.emit('line');
      },
    },
  );
  /** Resolves once `msg` has been logged `times` times in all. */
  const waitFor = (msg: string, times: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (seen.filter((m) => m === msg).length < times) return;
        events.off('line', check);
        resolve();
      };
      events.on('line', check);
      check();
    });
  return { logger, seen, waitFor };
}

/** One Range request, its body read to the end, as a real http client sends it. */
async function ranged(url: string, range: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { Range: range } });
  expect(response.status).toBe(206);
  return Buffer.from(await response.arrayBuffer());
}

/** A request the phone gives up on as soon as the answer starts (the customer walked out of Wi-Fi range). */
function abortAfterHeaders(url: string, range: string): Promise<number> {
  const { port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: pathname, method: 'GET', headers: { Range: range } },
      (res) => {
        res.on('error', () => undefined);
        req.destroy();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => undefined);
    req.on('close', () => resolve(0));
    req.end();
  });
}

describe('delivery.createLink', () => {
  it('makes an unguessable link on the kiosk’s address, keeping only its SHA-256', async () => {
    const b = await open();
    const link = await makeLink(b);
    const match = /^http:\/\/127\.0\.0\.1:(\d+)\/d\/([A-Za-z0-9_-]{43})$/.exec(link.url);
    expect(match).not.toBeNull();
    const token = match![2]!;
    const row = b.t.sqlite.prepare('SELECT * FROM sale_downloads WHERE id = ?').get(link.id) as Record<
      string,
      unknown
    >;
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(link).toMatchObject({ saleId: b.saleId, fileCount: 4, downloadCount: 0 });
    expect(link.qr.rows).toHaveLength(link.qr.size);
  });

  it('expires after the hours the settings say, counted from the kiosk’s clock', async () => {
    const b = await open();
    expect((await makeLink(b)).expiresAt).toBe('2026-12-03T10:00:00.000Z');
    await updateKioskSettings(b.t.db, { downloadLinkHours: 2 }, null);
    expect((await makeLink(b)).expiresAt).toBe(new Date(NOW.getTime() + 2 * 3_600_000).toISOString());
  });

  it('says in plain words when the kiosk is on no network', async () => {
    const b = await openDeliveryBench({ downloads: { base: () => ({ ok: false, problem: NO_NETWORK }) } });
    bench = b;
    const result = await b.call('delivery.createLink', { saleId: b.saleId });
    expect(!result.ok && result.error).toEqual({ code: 'UNAVAILABLE', message: NO_NETWORK });
  });

  it('refuses a voided sale and another crew member’s sale', async () => {
    const b = await open();
    expect(codeOf(await b.call('delivery.createLink', { saleId: b.otherSaleId }))).toBe('NOT_FOUND');
    b.t.sqlite
      .prepare(`UPDATE sales SET status = 'refunded', void_reason = 'Camera failed' WHERE id = ?`)
      .run(b.saleId);
    expect(codeOf(await b.call('delivery.createLink', { saleId: b.saleId }))).toBe('CONFLICT');
  });
});

describe('the download service', () => {
  it('lists the sale’s files on a script-free page and serves each byte for byte as an attachment', async () => {
    const b = await open();
    const link = await makeLink(b);
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('Anna &amp; Ben Keller');
    expect(html).not.toMatch(/<script/i);
    for (const name of [
      'Anna-Ben-Keller-video.mp4',
      'Anna-Ben-Keller-photo-01.jpg',
      'Anna-Ben-Keller-photo-03.jpg',
    ])
      expect(html).toContain(name);

    const video = await fetch(`${link.url}/1`);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(video.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Anna-Ben-Keller-video\.mp4"/,
    );
    expect(
      Buffer.from(await video.arrayBuffer()).equals(b.bytes.get(`media/${b.recordingId}/exports/job1.mp4`)!),
    ).toBe(true);
    const photo = await fetch(`${link.url}/3`);
    expect(
      Buffer.from(await photo.arrayBuffer()).equals(
        b.bytes.get(`media/${b.recordingId}/photos/job2/photo-02.jpg`)!,
      ),
    ).toBe(true);
  });

  it('answers a byte range and HEAD, as a phone’s video player asks', async () => {
    const b = await open();
    const link = await makeLink(b);
    const part = await fetch(`${link.url}/1`, { headers: { Range: 'bytes=100-109' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-109/2500000');
    expect(
      Buffer.from(await part.arrayBuffer()).equals(
        b.bytes.get(`media/${b.recordingId}/exports/job1.mp4`)!.subarray(100, 110),
      ),
    ).toBe(true);
    const head = await fetch(`${link.url}/2`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('40001');
    expect((await fetch(`${link.url}/1`, { headers: { Range: 'bytes=9999999-' } })).status).toBe(416);
  });

  it('counts a file once when a phone’s player fetches it in ranges, when its last byte has gone out', async () => {
    const log = recordingLogger();
    const b = await open(log.logger);
    const link = await makeLink(b);
    // As a phone's player does: a probe, the start, the middle, the size (HEAD), then the rest to the end.
    for (const range of ['bytes=0-1', 'bytes=0-999999', 'bytes=1000000-1999999'])
      expect((await ranged(`${link.url}/1`, range)).length).toBeGreaterThan(0);
    await fetch(`${link.url}/1`, { method: 'HEAD' });
    expect(downloadCount(b, link.id)).toBe(0);
    const rest = log.waitFor(SENT_TO_END, 1);
    expect((await ranged(`${link.url}/1`, 'bytes=2000000-')).length).toBe(500_000);
    await rest;
    expect(downloadCount(b, link.id)).toBe(1);
    const [listed] = await b.value<DownloadLinkView[]>('delivery.links', { saleId: b.saleId });
    expect(listed).toMatchObject({ id: link.id, downloadCount: 1, lastDownloadAt: NOW.toISOString() });
  });

  it('counts each file of a link once, however often it reaches the end', async () => {
    const log = recordingLogger();
    const b = await open(log.logger);
    const link = await makeLink(b);
    const again = log.waitFor(SENT_TO_END, 3);
    await ranged(`${link.url}/2`, 'bytes=0-');
    await (await fetch(`${link.url}/2`)).arrayBuffer();
    await ranged(`${link.url}/2`, 'bytes=-100');
    await again;
    expect(downloadCount(b, link.id)).toBe(1);
    const third = log.waitFor(SENT_TO_END, 4);
    await (await fetch(`${link.url}/3`)).arrayBuffer();
    await third;
    expect(downloadCount(b, link.id)).toBe(2);
    // A second link for the same sale counts its own downloads.
    const second = await makeLink(b);
    const other = log.waitFor(SENT_TO_END, 5);
    await (await fetch(`${second.url}/2`)).arrayBuffer();
    await other;
    expect([downloadCount(b, link.id), downloadCount(b, second.id)]).toEqual([2, 1]);
  });

  it('does not count a HEAD, or a download the phone broke off', async () => {
    const log = recordingLogger();
    const b = await open(log.logger);
    const link = await makeLink(b);
    // Larger than every socket buffer between the two ends, so the server cannot have sent it all already.
    writeFileSync(path.join(b.dataDir, `media/${b.recordingId}/exports/job1.mp4`), Buffer.alloc(32 << 20, 7));
    expect((await fetch(`${link.url}/1`, { method: 'HEAD' })).status).toBe(200);
    const brokenOff = log.waitFor('download ended early', 1);
    await abortAfterHeaders(`${link.url}/1`, 'bytes=0-');
    await brokenOff;
    const finished = log.waitFor(SENT_TO_END, 1);
    await (await fetch(`${link.url}/2`)).arrayBuffer();
    await finished;
    expect(downloadCount(b, link.id)).toBe(1);
    expect(log.seen.filter((msg) => msg === 'download counted')).toHaveLength(1);
  });

  it('serves only its own sale’s files: another index is not there', async () => {
    const b = await open();
    // The other sale has one file; its link must not reach the first sale's four.
    const other = await makeLink(b, b.otherSaleId, 'other');
    expect((await fetch(`${other.url}/1`)).status).toBe(200);
    expect(
      Buffer.from(await (await fetch(`${other.url}/1`)).arrayBuffer()).equals(
        b.bytes.get(`media/${b.otherRecordingId}/exports/job3.mp4`)!,
      ),
    ).toBe(true);
    for (const n of ['2', '4', '0', '01', '99999'])
      expect((await fetch(`${other.url}/${n}`)).status).toBe(404);
  });

  it('refuses traversal, encoded dots, other paths and unknown tokens with 404', async () => {
    const b = await open();
    const link = await makeLink(b);
    const token = link.url.split('/d/')[1]!;
    for (const path of [
      `/d/${token}/../x`,
      `/d/${token}/..%2fmagnum.db`,
      `/d/${token}/%2e%2e/magnum.db`,
      `/d/%2e%2e/magnum.db`,
      `/d/${token}/1/../2`,
      `/d/${token}%2f1`,
      `/media/${b.recordingId}/exports/job1.mp4`,
      '/magnum.db',
      '/',
      `/d/${'A'.repeat(43)}`,
      `/d/${token.slice(0, 42)}`,
    ]) {
      expect([path, (await rawGet(link.url, path)).status]).toEqual([path, 404]);
    }
    expect((await fetch(`${link.url}/1`, { method: 'POST' })).status).toBe(404);
  });

  it('stops a link that was switched off', async () => {
    const b = await open();
    const link = await makeLink(b);
    await b.value('delivery.revokeLink', { linkId: link.id });
    expect((await fetch(link.url)).status).toBe(410);
    expect((await fetch(`${link.url}/1`)).status).toBe(410);
    expect(await b.value<DownloadLinkView[]>('delivery.links', { saleId: b.saleId })).toEqual([]);
  });

  it('answers 410 with a plain page once the link has expired by the kiosk’s clock', async () => {
    const b = await open();
    const link = await makeLink(b);
    b.clock.now = new Date(new Date(link.expiresAt).getTime() - 1000);
    expect((await fetch(`${link.url}/2`)).status).toBe(200);
    b.clock.now = new Date(link.expiresAt);
    const page = await fetch(link.url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain(EXPIRED_TEXT);
    expect((await fetch(`${link.url}/1`)).status).toBe(410);
    expect(await b.value<DownloadLinkView[]>('delivery.links', { saleId: b.saleId })).toEqual([]);
  });

  it('stops serving once the sale is voided', async () => {
    const b = await open();
    const link = await makeLink(b);
    b.t.sqlite
      .prepare(`UPDATE sales SET status = 'voided', void_reason = 'Wrong flight' WHERE id = ?`)
      .run(b.saleId);
    expect((await fetch(`${link.url}/1`)).status).toBe(410);
  });

  it('lets crew revoke only links of their own sales', async () => {
    const b = await open();
    const link = await makeLink(b);
    expect(codeOf(await b.call('delivery.revokeLink', { linkId: link.id }, 'other'))).toBe('NOT_FOUND');
    expect((await fetch(link.url)).status).toBe(200);
  });

  it('is not running before start, and links then say so', async () => {
    const idle = createDownloadServer({
      data: {} as never,
      dataDir: '/nowhere',
      logger: silentLogger,
      port: 0,
    });
    expect(idle.base()).toEqual({ ok: false, problem: expect.stringMatching(/not running/) });
  });
});

describe('lanAddress', () => {
  const nic = (address: string, internal = false) => ({
    address,
    internal,
    family: 'IPv4' as const,
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: null,
  });

  it('prefers a private network address to others, and never loopback', () => {
    expect(
      lanAddress({ lo: [nic('127.0.0.1', true)], tun0: [nic('100.64.1.2')], wlan0: [nic('192.168.4.7')] }),
    ).toBe('192.168.4.7');
    expect(lanAddress({ eth0: [nic('169.254.3.3')], wlan0: [nic('10.1.2.3')] })).toBe('10.1.2.3');
    expect(lanAddress({ eth0: [nic('172.20.0.5')] })).toBe('172.20.0.5');
  });

  it('is null when the kiosk is on no network', () => {
    expect(lanAddress({ lo: [nic('127.0.0.1', true)] })).toBeNull();
    expect(lanAddress({})).toBeNull();
  });
});

describe('qrMatrix', () => {
  it('is a square of modules with the three finder patterns in its corners', () => {
    const qr = qrMatrix('http://192.168.4.7:8787/d/' + 'A'.repeat(43));
    expect(qr.rows).toHaveLength(qr.size);
    expect(qr.rows.every((row) => row.length === qr.size && /^[01]+$/.test(row))).toBe(true);
    const finder = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];
    expect(qr.rows.slice(0, 7).map((row) => row.slice(0, 7))).toEqual(finder);
    expect(qr.rows.slice(0, 7).map((row) => row.slice(-7))).toEqual(finder);
    expect(qr.rows.slice(-7).map((row) => row.slice(0, 7))).toEqual(finder);
  });
});
