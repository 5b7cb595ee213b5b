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
  if (blobs.length === 0) return json;

  const header = new TextEncoder().encode(json);
  const frame = new Uint8Array(HEADER_BYTES + header.byteLength + offset);
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

function restoreBytes(root: unknown, blobs: Uint8Array): unknown {
  const take = (placeholder: BytesPlaceholder): Uint8Array => {
    const [offset, length] = placeholder.$bytes;
    if (offset + length > blobs.byteLength)
      throw new WireError('A byte field points past the end of the message.');
    return blobs.slice(offset, offset + length);
  };
  if (isPlaceholder(root)) return take(root);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null) continue;
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (isPlaceholder(child)) record[key] = take(child);
      else stack.push(child);
    }
  }
  return root;
}
