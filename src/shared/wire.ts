// How contract messages travel over the WebSocket transport. Messages without bytes are JSON text frames;
// messages carrying Uint8Arrays (camera chunks) are binary frames: a JSON header whose byte fields are
// placeholders, followed by the raw bytes, so a 1 MB chunk costs 1 MB on the wire, not 1.33 MB of base64.
import type { Result } from './errors';

export interface CallMessage {
  type: 'call';
  id: number;
  channel: string;
  input: unknown;
  session?: string;
}

export interface ResultMessage {
  type: 'result';
  /** `null` when the incoming frame was too broken to know which call it answered. */
  id: number | null;
  result: Result<unknown>;
}

export interface EventMessage {
  type: 'event';
  event: string;
  payload: unknown;
}

export type WireMessage = CallMessage | ResultMessage | EventMessage;

/** Deeper than any real input; stops a hostile frame from exhausting the stack of whoever walks it. */
export const MAX_DEPTH = 32;
/** A binary frame's JSON header (everything but the bytes): a chunk's header is ~150 bytes. */
export const MAX_BINARY_HEADER_BYTES = 64 * 1024;

const BINARY_MAGIC = 0x4d; // 'M'
const HEADER_BYTES = 5; // magic + u32 JSON length

export class WireError extends Error {}

interface BytesPlaceholder {
  $bytes: [offset: number, length: number];
}

export function encodeMessage(message: WireMessage): string | Uint8Array {
  const blobs: Uint8Array[] = [];
  let offset = 0;
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof Uint8Array) {
      const placeholder: BytesPlaceholder = { $bytes: [offset, value.byteLength] };
      blobs.push(value);
      offset += value.byteLength;
      return placeholder;
    }
    return value;
  });
  return blobs.length === 0 ? json : binaryFrame(json, blobs);
}

/** A binary frame: magic, the header's length (u32), the JSON header, then the bytes its placeholders name. */
export function binaryFrame(headerJson: string, blobs: readonly Uint8Array[]): Uint8Array {
  const header = new TextEncoder().encode(headerJson);
  const total = blobs.reduce((sum, blob) => sum + blob.byteLength, 0);
  const frame = new Uint8Array(HEADER_BYTES + header.byteLength + total);
  frame[0] = BINARY_MAGIC;
  new DataView(frame.buffer).setUint32(1, header.byteLength);
  frame.set(header, HEADER_BYTES);
  let position = HEADER_BYTES + header.byteLength;
  for (const blob of blobs) {
    frame.set(blob, position);
    position += blob.byteLength;
  }
  return frame;
}

/** Parses a frame into a plain value (not yet validated against any schema). Throws WireError. */
export function decodeMessage(frame: string | Uint8Array): unknown {
  if (typeof frame === 'string') {
    const value = parseJson(frame);
    assertDepth(value);
    return value;
  }
  if (frame.byteLength < HEADER_BYTES || frame[0] !== BINARY_MAGIC) {
    throw new WireError('The binary message has no valid header.');
  }
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headerLength = view.getUint32(1);
  if (headerLength > MAX_BINARY_HEADER_BYTES) {
    throw new WireError(`The binary message's header is larger than ${MAX_BINARY_HEADER_BYTES} bytes.`);
  }
  if (HEADER_BYTES + headerLength > frame.byteLength) {
    throw new WireError('The binary message is shorter than its header says.');
  }
  let headerText: string;
  try {
    headerText = new TextDecoder('utf-8', { fatal: true }).decode(
      frame.subarray(HEADER_BYTES, HEADER_BYTES + headerLength),
    );
  } catch {
    throw new WireError('The message header is not valid UTF-8 text.');
  }
  const value = parseJson(headerText);
  assertDepth(value);
  return restoreBytes(value, frame.subarray(HEADER_BYTES + headerLength));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WireError('The message is not valid JSON.');
  }
}

/** Walks the value without recursion and refuses anything nested deeper than MAX_DEPTH. */
function assertDepth(value: unknown): void {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_DEPTH) throw new WireError(`The message is nested deeper than ${MAX_DEPTH} levels.`);
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
}

function isPlaceholder(value: unknown): value is BytesPlaceholder {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== '$bytes') return false;
  const range = (value as { $bytes: unknown }).$bytes;
  return (
    Array.isArray(range) &&
    range.length === 2 &&
    range.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)
  );
}

/**
 * Puts the bytes back where the placeholders are. Each byte of the frame belongs to exactly one field: repeated,
 * overlapping or unclaimed ranges are refused, and fields are views into the frame, so decoding allocates no
 * bytes at all (a 1 MB frame naming the same megabyte 1,000 times once cost 1 GB).
 */
function restoreBytes(root: unknown, blobs: Uint8Array): unknown {
  const found: Array<{ holder: Record<string, unknown> | null; key: string; range: [number, number] }> = [];
  if (isPlaceholder(root)) found.push({ holder: null, key: '', range: root.$bytes });
  else {
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const current = stack.pop();
      if (typeof current !== 'object' || current === null) continue;
      const record = current as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const child = record[key];
        if (isPlaceholder(child)) found.push({ holder: record, key, range: child.$bytes });
        else stack.push(child);
      }
    }
  }
  assertDisjointCover(
    found.map(({ range }) => range),
    blobs.byteLength,
  );
  let restored: unknown = root;
  for (const { holder, key, range } of found) {
    const bytes = blobs.subarray(range[0], range[0] + range[1]);
    if (holder) holder[key] = bytes;
    else restored = bytes;
  }
  return restored;
}

/** The ranges, in offset order, must follow one another without gaps or overlaps and end at the frame's end. */
function assertDisjointCover(ranges: Array<[number, number]>, total: number): void {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let end = 0;
  for (const [offset, length] of sorted) {
    if (offset + length > total) throw new WireError('A byte field points past the end of the message.');
    if (offset !== end) {
      throw new WireError(
        offset < end
          ? 'Two byte fields point at the same bytes.'
          : 'The message carries bytes that no field refers to.',
      );
    }
    end = offset + length;
  }
  if (end !== total) throw new WireError('The message carries bytes that no field refers to.');
}
