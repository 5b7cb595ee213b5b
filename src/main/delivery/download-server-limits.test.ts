// The download service against a phone on the airfield's Wi-Fi that means harm: it must not be able to hold
// the kiosk's connections (and so its open files, shared with filming) without end, and a link switched off,
// expired or voided while a download is running must stop that download too, not only the next request.
// Real http server on loopback; "another phone" connects from 127.0.0.2.
import { writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedDownloadLink } from '../../shared/delivery';
import { CONNECTIONS_PER_ADDRESS } from '../security/connection-limits';
import { createDownloadServer, type DownloadServer, type DownloadServerOptions } from './download-server';
import { openDeliveryBench, silentLogger, type DeliveryBench } from './test-support';

let bench: DeliveryBench | undefined;
let server: DownloadServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  await bench?.dispose();
  server = undefined;
  bench = undefined;
});

async function open(limits: DownloadServerOptions['limits'] = {}) {
  const downloads: Pick<DownloadServer, 'base'> = { base: () => server!.base() };
  bench = await openDeliveryBench({ downloads });
  server = createDownloadServer({
    data: bench.data,
    dataDir: bench.dataDir,
    logger: silentLogger,
    port: 0,
    listenHost: '127.0.0.1',
    advertisedHost: '127.0.0.1',
    limits,
  });
  await server.start();
  const link = await bench.value<CreatedDownloadLink>('delivery.createLink', { saleId: bench.saleId });
  return { b: bench, link, port: Number(new URL(link.url).port) };
}

/** A raw connection from `from` that sends nothing: what it receives, and when the kiosk closed it. */
function rawConnection(port: number, from: string) {
  const socket = connect({ host: '127.0.0.1', port, localAddress: from });
  sockets.push(socket);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => (received += text));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const connected = new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  return { socket, connected, closed, received: () => received };
}

/** The status of one GET sent from the address `from`. */
function statusFrom(from: string, port: number, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: pathname, localAddress: from, agent: false },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Whether `promise` settles within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);

/**
 * Starts downloading a 32 MB video, does `change` once the first bytes are in, reads on after the kiosk's
 * re-check, and says whether the download was cut off short of the end.
 */
async function cutOffMidDownload(port: number, link: CreatedDownloadLink, change: () => Promise<unknown>) {
  const size = 32 << 20;
  writeFileSync(
    path.join(bench!.dataDir, `media/${bench!.recordingId}/exports/job1.mp4`),
    Buffer.alloc(size, 7),
  );
  const { bytes, complete } = await new Promise<{ bytes: number; complete: boolean }>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: `${new URL(link.url).pathname}/1` }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes !== chunk.length) return;
        res.pause();
        void change().then(() => setTimeout(() => res.resume(), 1_500));
      });
      res.on('end', () => resolve({ bytes, complete: res.complete }));
      res.on('error', () => resolve({ bytes, complete: false }));
      res.on('aborted', () => resolve({ bytes, complete: false }));
    });
    req.on('error', () => undefined);
    req.end();
  });
  return !complete && bytes < size;
}

describe('the download service under a hostile phone', () => {
  it('refuses connections past its limit from one address in plain words, and still serves other phones', async () => {
    const { link, port } = await open();
    const held = Array.from({ length: CONNECTIONS_PER_ADDRESS }, () => rawConnection(port, '127.0.0.2'));
    await Promise.all(held.map((connection) => connection.connected));
    const extra = Array.from({ length: 8 }, () => rawConnection(port, '127.0.0.2'));
    expect(await settlesWithin(Promise.all(extra.map((connection) => connection.closed)), 3_000)).toBe(true);
    for (const connection of extra) {
      expect(connection.received()).toMatch(/^HTTP\/1\.1 503 /);
      expect(connection.received()).toContain('Too many downloads at once from this phone');
    }
    // The ones it holds are still open, and another phone is served as usual.
    expect(held.every((connection) => !connection.socket.destroyed)).toBe(true);
    expect((await fetch(`${link.url}/2`)).status).toBe(200);
    // Once it lets go, the same address is served again.
    for (const connection of held) connection.socket.destroy();
    await Promise.all(held.map((connection) => connection.closed));
    // (The kiosk hears of the closes a moment after this side: ask until it has.)
    let again = 0;
    for (let attempt = 0; attempt < 40 && again !== 200; attempt += 1) {
      again = await statusFrom('127.0.0.2', port, new URL(link.url).pathname);
      if (again !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(again).toBe(200);
  });

  it('refuses connections past its limit for all addresses together', async () => {
    const { port } = await open({ total: 4 });
    const held = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'].map((from) =>
      rawConnection(port, from),
    );
    await Promise.all(held.map((connection) => connection.connected));
    const extra = rawConnection(port, '127.0.0.6');
    expect(await settlesWithin(extra.closed, 3_000)).toBe(true);
    expect(extra.received()).toMatch(/^HTTP\/1\.1 503 /);
  });

  it('drops a connection that sends no request', async () => {
    const { port } = await open({ idleMs: 300 });
    const silent = rawConnection(port, '127.0.0.2');
    await silent.connected;
    expect(await settlesWithin(silent.closed, 3_000)).toBe(true);
  });

  it('drops a download the phone stopped reading, closing the file', async () => {
    const { b, link, port } = await open({ idleMs: 300 });
    writeFileSync(path.join(b.dataDir, `media/${b.recordingId}/exports/job1.mp4`), Buffer.alloc(32 << 20, 7));
    const stalled = rawConnection(port, '127.0.0.2');
    await stalled.connected;
    stalled.socket.write(`GET ${new URL(link.url).pathname}/1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    stalled.socket.pause(); // reads nothing more: the kiosk's writes back up
    // A paused socket does not see the kiosk close it: read again well after the idle time, and the answer
    // stops short of the file.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stalled.socket.resume();
    expect(await settlesWithin(stalled.closed, 5_000)).toBe(true);
    expect(stalled.received().length).toBeLessThan(32 << 20);
  });

  it('stops a download in progress once its link is switched off', async () => {
    const { b, link, port } = await open();
    expect(
      await cutOffMidDownload(port, link, () => b.value('delivery.revokeLink', { linkId: link.id })),
    ).toBe(true);
  });

  it('stops a download in progress once its sale is voided', async () => {
    const { b, link, port } = await open();
    const voided = async () => {
      b.t.sqlite
        .prepare(`UPDATE sales SET status = 'voided', void_reason = 'Wrong flight' WHERE id = ?`)
        .run(b.saleId);
    };
    expect(await cutOffMidDownload(port, link, voided)).toBe(true);
  });
});
