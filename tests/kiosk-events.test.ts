// Events flow main → screens over the same WebSocket as calls, to every connected screen.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeMessage } from '../src/shared/wire';
import { createDispatcher } from '../src/main/ipc/dispatch';
import { eventFeed } from '../src/main/ipc/audience';
import { createEventHub } from '../src/main/ipc/events';
import { handlersWith } from '../src/main/ipc/test-support';
import { startKioskServer, type KioskServer } from '../src/main/kiosk/server';

const events = createEventHub();
let server: KioskServer;

beforeAll(async () => {
  const logger = pino({ level: 'silent' });
  const dispatch = createDispatcher({
    handlers: handlersWith({ 'system.reportRendererError': () => ({ logged: true }) }),
    logger,
  });
  server = await startKioskServer({
    host: '127.0.0.1',
    port: 0,
    rendererDir: mkdtempSync(path.join(tmpdir(), 'renderer-')),
    dispatch,
    // The transport alone: every event to every screen (who may is tests/hostile/events.test.ts).
    events: eventFeed(events, { receiversOf: async () => ({ kind: 'everyone' }) }, logger),
    audience: { userOf: async () => null },
    logger,
  });
});

afterAll(async () => {
  await server?.close();
});

function connect(): Promise<WebSocket> {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}ipc`, {
    origin: new URL(server.url).origin,
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) =>
    socket.once('message', (data: Buffer, isBinary: boolean) =>
      resolve(decodeMessage(isBinary ? new Uint8Array(data) : data.toString('utf8'))),
    ),
  );
}

describe('events over the kiosk WebSocket', () => {
  it('reach every connected screen', async () => {
    const [first, second] = await Promise.all([connect(), connect()]);
    const received = Promise.all([nextMessage(first), nextMessage(second)]);
    events.emit('system.notice', { level: 'warning', message: 'Disk nearly full' });
    const expected = {
      type: 'event',
      event: 'system.notice',
      payload: { level: 'warning', message: 'Disk nearly full' },
    };
    expect(await received).toEqual([expected, expected]);
    first.close();
    second.close();
  });

  it('are not sent to a screen that has disconnected, and do not disturb the others', async () => {
    const leaving = await connect();
    const staying = await connect();
    leaving.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const received = nextMessage(staying);
    events.emit('system.notice', { level: 'info', message: 'Still here' });
    expect(await received).toMatchObject({ payload: { message: 'Still here' } });
    staying.close();
  });
});
