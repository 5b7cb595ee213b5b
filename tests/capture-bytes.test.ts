// Camera chunks are the one input that arrives as raw bytes (a binary WebSocket frame). Whatever arrives in
// that shape is refused in plain words, nothing is written, and the host keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../src/shared/auth';
import { encodeMessage } from '../src/shared/wire';
import { databaseDigest, RawClient, startKiosk, type KioskProcess } from './support/kiosk-process';

let kiosk: KioskProcess;
let client: RawClient;
let session: string;
const takeId = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';

beforeAll(async () => {
  kiosk = await startKiosk();
  client = await RawClient.open(kiosk);
  const setup = await client.call('auth.setup', { name: 'Bytes Admin', pin: '2468' });
  if (!setup.result.ok) throw new Error(setup.result.error.message);
  session = (setup.result.value as SessionInfo).token;
});

afterAll(async () => {
  client?.close();
  await kiosk?.stop();
});

const chunkCall = (input: Record<string, unknown>) =>
  client.send(encodeMessage({ type: 'call', id: 7, channel: 'capture.chunk', input, session }));

describe('camera chunks over the browser host', () => {
  it('refuses a chunk larger than 16 MB before anything is written', async () => {
    const before = databaseDigest(kiosk.dataDir);
    // Larger than any frame the host reads (kiosk/socket-limits.ts): the socket is closed from the frame's header.
    await expect(
      chunkCall({ takeId, camera: 1, seq: 0, bytes: new Uint8Array(17 * 1024 * 1024) }),
    ).rejects.toThrow('socket closed');
    expect(databaseDigest(kiosk.dataDir)).toBe(before);
    client = await RawClient.open(kiosk);
  });

  it('refuses text where the bytes belong', async () => {
    const reply = await chunkCall({ takeId, camera: 1, seq: 0, bytes: 'not bytes' });
    expect(reply.result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a third camera and a negative chunk number', async () => {
    for (const input of [
      { takeId, camera: 3, seq: 0, bytes: new Uint8Array(4) },
      { takeId, camera: 1, seq: -1, bytes: new Uint8Array(4) },
    ]) {
      const reply = await chunkCall(input);
      expect(reply.result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('says a well-formed chunk for a take that is not recording has nowhere to go, and keeps serving', async () => {
    const reply = await chunkCall({ takeId, camera: 1, seq: 0, bytes: new Uint8Array([1, 2, 3]) });
    expect(reply.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const status = await client.call('system.info', {});
    expect(status.result.ok).toBe(true);
  });
});
