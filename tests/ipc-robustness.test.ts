// Every channel in the contract, attacked with malformed input over the real WebSocket transport of a real
// kiosk host process: each attack is refused as a validation error, the host stays up, the database is unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { UNSIGNED_FRAME_BYTES } from '../src/main/kiosk/socket-limits';
import { channelNames, contract } from '../src/shared/contract';
import { databaseDigest, RawClient, startKiosk, type KioskProcess } from './support/kiosk-process';
import { callFrame, malformedInputs } from './support/malformed';

let kiosk: KioskProcess;
let client: RawClient;
let digestBefore: string;

beforeAll(async () => {
  kiosk = await startKiosk();
  client = await RawClient.open(kiosk);
  digestBefore = databaseDigest(kiosk.dataDir);
});

afterAll(async () => {
  client?.close();
  await kiosk?.stop();
});

/** A case the schema itself would accept (e.g. leaving out an optional field) is not an attack. */
function acceptedBySchema(schema: z.ZodType, rawInput: string | undefined): boolean {
  let value: unknown;
  try {
    value = rawInput === undefined ? undefined : JSON.parse(rawInput);
  } catch {
    return false;
  }
  return schema.safeParse(value).success;
}

describe.each(channelNames)('channel %s', (channel) => {
  const definition = contract[channel];
  const cases = malformedInputs(definition.example).filter(
    (attack) => !acceptedBySchema(definition.input as z.ZodType, attack.rawInput),
  );

  it('accepts its own example (so the attacks below start from a valid call)', async () => {
    expect((definition.input as z.ZodType).safeParse(definition.example).success).toBe(true);
  });

  it.each(cases.map((attack, index) => [attack.name, attack, index + 1000] as const))(
    'refuses %s with a validation error',
    async (_name, attack, id) => {
      const frame = callFrame(id, channel, attack.rawInput);
      if (Buffer.byteLength(frame) > UNSIGNED_FRAME_BYTES) {
        // More than a socket that has not signed in may send: closed from the frame's header, never read.
        await expect(client.send(frame)).rejects.toThrow('socket closed');
        client = await RawClient.open(kiosk);
        return;
      }
      const reply = await client.send(frame);
      expect(reply.result.ok).toBe(false);
      expect(!reply.result.ok && reply.result.error.code).toBe('VALIDATION');
      expect(!reply.result.ok && reply.result.error.message.length).toBeLessThan(1_000);
      // Frames too broken to parse cannot name their call; everything else is answered by id.
      expect([id, null]).toContain(reply.id);
    },
  );
});

describe('transport-level garbage', () => {
  it.each([
    ['not JSON at all', 'hello'],
    ['a call without an id', '{"type":"call","channel":"system.info","input":{}}'],
    ['a call with a string id', '{"type":"call","id":"1","channel":"system.info","input":{}}'],
    ['an unknown message type', '{"type":"shutdown","id":1}'],
    ['a call to an unknown channel', '{"type":"call","id":5,"channel":"system.shutdown","input":{}}'],
    ['a call to an inherited key', '{"type":"call","id":6,"channel":"__proto__","input":{}}'],
  ])('refuses %s', async (_name, frame) => {
    const reply = await client.send(frame);
    expect(reply.result.ok).toBe(false);
    expect(['VALIDATION', 'UNKNOWN_CHANNEL']).toContain(!reply.result.ok && reply.result.error.code);
  });

  it('refuses binary frames with a broken header', async () => {
    for (const frame of [new Uint8Array([1, 2, 3]), new Uint8Array([0x4d, 255, 255, 255, 255, 0])]) {
      const reply = await client.send(frame);
      expect(!reply.result.ok && reply.result.error.code).toBe('VALIDATION');
    }
  });
});

describe('after every attack', () => {
  it('the host process is still running and answers valid calls', async () => {
    expect(kiosk.child.exitCode).toBeNull();
    const reply = await client.call('system.info', {}, 1);
    expect(reply.result).toMatchObject({ ok: true, value: { appName: 'MagnumStream' } });
    const fresh = await RawClient.open(kiosk);
    expect((await fresh.call('system.info', {}, 2)).result.ok).toBe(true);
    fresh.close();
  });

  it('the database is unchanged', () => {
    expect(databaseDigest(kiosk.dataDir)).toBe(digestBefore);
  });
});
