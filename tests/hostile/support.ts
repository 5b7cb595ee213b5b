// What the hostile suite shares: signed calls over a raw socket, and the host process's memory from /proc.
import { readFileSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { expect } from 'vitest';
import type { SessionInfo } from '../../src/shared/auth';
import type { Result } from '../../src/shared/errors';
import { decodeMessage, encodeMessage, type ResultMessage } from '../../src/shared/wire';
import { RawClient, type KioskProcess } from '../support/kiosk-process';

export function signedCall(
  client: RawClient,
  session: string,
  channel: string,
  input: unknown,
  id = 1,
): Promise<ResultMessage> {
  return client.send(encodeMessage({ type: 'call', id, channel, input, session }));
}

/** Creates the first admin on a fresh kiosk; returns the session token. */
export async function setUpAdmin(kiosk: KioskProcess): Promise<string> {
  const client = await RawClient.open(kiosk);
  try {
    const reply = await client.call('auth.setup', { name: 'Hostile Admin', pin: '2468' });
    if (!reply.result.ok) throw new Error(reply.result.error.message);
    return (reply.result.value as SessionInfo).token;
  } finally {
    client.close();
  }
}

/** A fresh socket's answer to a harmless call: proves the host is up and serving. */
export async function expectServing(kiosk: KioskProcess): Promise<void> {
  expect(kiosk.child.exitCode).toBeNull();
  expect(kiosk.child.signalCode).toBeNull();
  const client = await RawClient.open(kiosk);
  try {
    const reply = await client.call('system.info', {}, 99);
    expect(reply.result).toMatchObject({ ok: true, value: { appName: 'MagnumStream' } });
  } finally {
    client.close();
  }
}

/** VmRSS or VmHWM (peak) of a process, in bytes. */
export function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Starts the peak (VmHWM) afresh; false where the kernel does not allow it (then the peak includes start-up). */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * A screen's socket to the kiosk from the address `from` (127.0.0.2 and up play machines on the LAN), answering
 * one call at a time; the socket goes into `opened` for the test to close.
 */
export async function screenAt(kiosk: KioskProcess, from: string, opened: WebSocket[]) {
  const socket = new WebSocket(`${kiosk.url.replace('http', 'ws')}ipc`, {
    origin: new URL(kiosk.url).origin,
    localAddress: from,
  });
  opened.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let id = 0;
  return (channel: string, input: unknown, session?: string) =>
    new Promise<Result<unknown>>((resolve) => {
      id += 1;
      const mine = id;
      const onMessage = (data: Buffer) => {
        const message = decodeMessage(data.toString('utf8')) as ResultMessage;
        if (message.type !== 'result' || message.id !== mine) return;
        socket.off('message', onMessage);
        resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(encodeMessage({ type: 'call', id: mine, channel, input, ...(session ? { session } : {}) }));
    });
}
