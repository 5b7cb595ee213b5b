import { describe, expect, it } from 'vitest';
import {
  binaryFrame,
  decodeMessage,
  encodeMessage,
  MAX_BINARY_HEADER_BYTES,
  MAX_DEPTH,
  WireError,
} from './wire';

/** A binary frame as an attacker would build it: any header, any bytes. */
const forgeFrame = (header: unknown, blob: Uint8Array) => binaryFrame(JSON.stringify(header), [blob]);

const call = (input: unknown) => ({ type: 'call' as const, id: 1, channel: 'capture.chunk', input });

describe('wire codec', () => {
  it('sends a message without bytes as a JSON text frame', () => {
    const frame = encodeMessage({ type: 'call', id: 1, channel: 'system.info', input: {} });
    expect(typeof frame).toBe('string');
    expect(decodeMessage(frame)).toEqual({ type: 'call', id: 1, channel: 'system.info', input: {} });
  });

  it('sends bytes as raw bytes in a binary frame, not as base64 text', () => {
    const chunk = new Uint8Array(100_000).map((_, i) => i % 251);
    const frame = encodeMessage({ type: 'call', id: 2, channel: 'capture.append', input: { chunk, seq: 3 } });
    expect(frame).toBeInstanceOf(Uint8Array);
    expect((frame as Uint8Array).byteLength).toBeLessThan(chunk.byteLength + 200);
    const decoded = decodeMessage(frame) as { input: { chunk: Uint8Array; seq: number } };
    expect(decoded.input.seq).toBe(3);
    expect(decoded.input.chunk).toBeInstanceOf(Uint8Array);
    expect(Array.from(decoded.input.chunk)).toEqual(Array.from(chunk));
  });

  it('keeps several byte fields apart', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Uint8Array([9, 8]);
    const decoded = decodeMessage(encodeMessage({ type: 'event', event: 'x', payload: [a, { b }] })) as {
      payload: [Uint8Array, { b: Uint8Array }];
    };
    expect(Array.from(decoded.payload[0])).toEqual([1, 2, 3]);
    expect(Array.from(decoded.payload[1].b)).toEqual([9, 8]);
  });

  it('refuses text that is not JSON', () => {
    expect(() => decodeMessage('{"id": NaN}')).toThrow(WireError);
  });

  it('refuses values nested deeper than the limit without overflowing the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(() => decodeMessage(deep)).toThrow(WireError);
    const justInside = '['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH);
    expect(() => decodeMessage(justInside)).not.toThrow();
  });

  it('refuses a binary frame whose header length lies', () => {
    const frame = new Uint8Array([0x4d, 0, 0, 0, 50, 123, 125]);
    expect(() => decodeMessage(frame)).toThrow(WireError);
  });

  it('refuses a byte field that points past the end of the frame', () => {
    const good = encodeMessage({
      type: 'call',
      id: 1,
      channel: 'c',
      input: new Uint8Array([1]),
    }) as Uint8Array;
    const text = new TextDecoder().decode(good.subarray(5, good.byteLength - 1)).replace('[0,1]', '[0,99]');
    const header = new TextEncoder().encode(text);
    const forged = new Uint8Array(5 + header.byteLength + 1);
    forged[0] = 0x4d;
    new DataView(forged.buffer).setUint32(1, header.byteLength);
    forged.set(header, 5);
    expect(() => decodeMessage(forged)).toThrow(WireError);
  });

  it('leaves a placeholder-shaped object in a text frame as a plain object', () => {
    const decoded = decodeMessage('{"input":{"$bytes":[0,4]}}') as { input: unknown };
    expect(decoded.input).toEqual({ $bytes: [0, 4] });
  });

  it('refuses a frame whose byte fields name the same bytes again (1 MB named 1,000 times)', () => {
    const refs = Array.from({ length: 1000 }, () => ({ $bytes: [0, 1024 * 1024] }));
    expect(() => decodeMessage(forgeFrame(call(refs), new Uint8Array(1024 * 1024)))).toThrow(
      'Two byte fields point at the same bytes.',
    );
  });

  it('refuses byte fields that overlap', () => {
    const frame = forgeFrame(call({ a: { $bytes: [0, 6] }, b: { $bytes: [4, 6] } }), new Uint8Array(10));
    expect(() => decodeMessage(frame)).toThrow(WireError);
  });

  it('refuses bytes that no field refers to', () => {
    expect(() => decodeMessage(forgeFrame(call({ a: { $bytes: [0, 4] } }), new Uint8Array(10)))).toThrow(
      'The message carries bytes that no field refers to.',
    );
    expect(() => decodeMessage(forgeFrame(call({ a: { $bytes: [4, 6] } }), new Uint8Array(10)))).toThrow(
      WireError,
    );
  });

  it('refuses a binary header larger than the limit before parsing it', () => {
    const frame = forgeFrame(call('x'.repeat(MAX_BINARY_HEADER_BYTES)), new Uint8Array(0));
    expect(() => decodeMessage(frame)).toThrow(`larger than ${MAX_BINARY_HEADER_BYTES} bytes`);
  });

  it('hands byte fields out as views into the frame, copying nothing', () => {
    const frame = encodeMessage(call({ chunk: new Uint8Array(4096).fill(7) })) as Uint8Array;
    const decoded = decodeMessage(frame) as { input: { chunk: Uint8Array } };
    expect(decoded.input.chunk.buffer).toBe(frame.buffer);
    expect(decoded.input.chunk.byteLength).toBe(4096);
  });

  it('still reads several empty byte fields, as the encoder writes them', () => {
    const empty = new Uint8Array(0);
    const frame = encodeMessage({ type: 'event', event: 'x', payload: [empty, empty, new Uint8Array([5])] });
    const decoded = decodeMessage(frame) as { payload: Uint8Array[] };
    expect(decoded.payload.map((bytes) => Array.from(bytes))).toEqual([[], [], [5]]);
  });
});
