// Connections held open against a real kiosk host process by a machine on the kiosk's network: each one costs
// the host a file descriptor, so one address must not hold them without end, while the kiosk machine's own
// screen is never refused. "The network" connects from 127.0.0.2 (src/main/auth/kiosk-machine.ts).
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_CONNECTIONS_PER_ADDRESS } from '../../src/main/kiosk/server';
import { UNSIGNED_SOCKETS_PER_ADDRESS, UNSIGNED_SOCKETS_TOTAL } from '../../src/main/kiosk/socket-limits';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';
import { expectServing } from './support';

let kiosk: KioskProcess;
const sockets: Socket[] = [];
const webSockets: WebSocket[] = [];

beforeAll(async () => {
  kiosk = await startKiosk();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const socket of webSockets) socket.terminate();
  await kiosk?.stop();
});

/** A raw connection from `from` that sends nothing: what it receives, and when the host closed it. */
function rawConnection(from: string) {
  const { hostname, port } = new URL(kiosk.url);
  const socket = connect({ host: hostname, port: Number(port), localAddress: from });
  sockets.push(socket);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => (received += text));
  socket.on('error', () => undefined);
  return {
    socket,
    connected: new Promise<void>((resolve) => socket.on('connect', () => resolve())),
    closed: new Promise<void>((resolve) => socket.on('close', () => resolve())),
    received: () => received,
  };
}

/** Opens the IPC socket from `from` as the kiosk's page would: 'open', or how the host refused it. */
function openSocket(from: string): Promise<string> {
  const socket = new WebSocket(`${kiosk.url.replace('http', 'ws')}ipc`, {
    origin: kiosk.origin,
    localAddress: from,
  });
  webSockets.push(socket);
  return new Promise((resolve) => {
    socket.once('open', () => resolve('open'));
    socket.once('unexpected-response', (_request, response) => resolve(`HTTP ${response.statusCode}`));
    socket.once('error', (error) => resolve(`error ${error.message}`));
  });
}

const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);

describe('connections held open against the kiosk host', () => {
  it('refuses one network address past its limit in plain words, and keeps serving the kiosk machine', async () => {
    const held = Array.from({ length: HOST_CONNECTIONS_PER_ADDRESS }, () => rawConnection('127.0.0.2'));
    await Promise.all(held.map((connection) => connection.connected));
    const extra = Array.from({ length: 8 }, () => rawConnection('127.0.0.2'));
    expect(await settlesWithin(Promise.all(extra.map((connection) => connection.closed)), 5_000)).toBe(true);
    for (const connection of extra) {
      expect(connection.received()).toMatch(/^HTTP\/1\.1 503 /);
      expect(connection.received()).toContain('Too many connections from this device');
    }
    expect(held.every((connection) => !connection.socket.destroyed)).toBe(true);
    // The kiosk machine's own screen is never counted: as many again from 127.0.0.1, and it is still served.
    const own = Array.from({ length: HOST_CONNECTIONS_PER_ADDRESS + 8 }, () => rawConnection('127.0.0.1'));
    await Promise.all(own.map((connection) => connection.connected));
    await expectServing(kiosk);
    expect(own.every((connection) => connection.received() === '')).toBe(true);
    expect((await fetch(`${kiosk.url}no-such-file`)).status).toBe(404);
  });

  it('never lets sockets from the network that do not sign in keep the kiosk machine’s own screen out', async () => {
    // Every unsigned place the host has, filled from eight machines on the network that never sign in.
    const addresses = Array.from(
      { length: UNSIGNED_SOCKETS_TOTAL / UNSIGNED_SOCKETS_PER_ADDRESS },
      (_, i) => `127.0.0.${30 + i}`,
    );
    const network = await Promise.all(
      addresses.flatMap((address) =>
        Array.from({ length: UNSIGNED_SOCKETS_PER_ADDRESS }, () => openSocket(address)),
      ),
    );
    expect(network.every((outcome) => outcome === 'open')).toBe(true);
    // One more from the network is refused...
    expect(await openSocket('127.0.0.60')).toBe('HTTP 503');
    // ...but the kiosk's own screen, reloaded, gets its socket and is served.
    expect(await openSocket('127.0.0.1')).toBe('open');
    await expectServing(kiosk);
  });
});
