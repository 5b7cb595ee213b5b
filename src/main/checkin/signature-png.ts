// Checks a finger signature before it is kept: a real PNG (not any bytes that claim to be one), of a sane size,
// with ink on it. A blank pad exported as PNG is a valid image; refusing it here means a passenger cannot
// "sign" by tapping Submit on an empty pad, whatever the screen does. Only what a canvas exports is accepted:
// 8-bit grey, RGB, grey+alpha or RGBA, not interlaced.
import { inflateSync } from 'node:zlib';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
export const MIN_SIGNATURE_WIDTH = 120;
export const MAX_SIGNATURE_WIDTH = 2000;
export const MIN_SIGNATURE_HEIGHT = 40;
export const MAX_SIGNATURE_HEIGHT = 1000;
/** Pixels that differ from the pad's corner: a dot or a stray tap is not a signature. */
export const MIN_INK_PIXELS = 60;

export type SignatureProblem = 'not-png' | 'size' | 'blank';

export interface SignatureCheck {
  ok: boolean;
  problem?: SignatureProblem;
  width?: number;
  height?: number;
  inkPixels?: number;
}

/** What the passenger is told for each problem (they can do something about every one). */
export const SIGNATURE_PROBLEM_MESSAGES: Record<SignatureProblem, string> = {
  'not-png': 'A signature could not be read. Tap "Clear" under it, sign again, and send the form again.',
  size: 'A signature pad had an unusual size. Reload this screen, sign again, and send the form again.',
  blank:
    'A signature is empty. Each passenger signs in their own box with a finger, then send the form again.',
};

export function checkSignaturePng(bytes: Uint8Array): SignatureCheck {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 33 || PNG_MAGIC.some((byte, i) => buffer[i] !== byte)) return refuse('not-png');
  let offset = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | null =
    null;
  const data: Buffer[] = [];
  let ended = false;
  while (offset + 12 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const start = offset + 8;
    if (start + length + 4 > buffer.length) return refuse('not-png');
    const body = buffer.subarray(start, start + length);
    if (type === 'IHDR') {
      if (length !== 13) return refuse('not-png');
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8] ?? 0,
        colour: body[9] ?? 0,
        interlace: body[12] ?? 0,
      };
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset = start + length + 4;
  }
  if (!header || !ended || data.length === 0) return refuse('not-png');
  const { width, height, depth, colour, interlace } = header;
  const channels = CHANNELS[colour];
  if (depth !== 8 || channels === undefined || interlace !== 0) return refuse('not-png');
  if (
    width < MIN_SIGNATURE_WIDTH ||
    width > MAX_SIGNATURE_WIDTH ||
    height < MIN_SIGNATURE_HEIGHT ||
    height > MAX_SIGNATURE_HEIGHT
  )
    return { ok: false, problem: 'size', width, height };

  const stride = width * channels;
  let raw: Buffer;
  try {
    // The limit stops a small "zip bomb" from inflating into more than the image can hold.
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: (stride + 1) * height });
  } catch {
    return refuse('not-png');
  }
  if (raw.length !== (stride + 1) * height) return refuse('not-png');
  const inkPixels = countInk(raw, width, height, channels);
  if (inkPixels === null) return refuse('not-png');
  if (inkPixels < MIN_INK_PIXELS) return { ok: false, problem: 'blank', width, height, inkPixels };
  return { ok: true, width, height, inkPixels };
}

/** Undoes PNG's per-row filters and counts pixels unlike the top-left one; null on an unknown filter. */
function countInk(raw: Buffer, width: number, height: number, channels: number): number | null {
  const stride = width * channels;
  let previous = Buffer.alloc(stride);
  let corner: Buffer | null = null;
  let ink = 0;
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const row = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x += 1) {
      const left = x >= channels ? (row[x - channels] ?? 0) : 0;
      const up = previous[x] ?? 0;
      const upLeft = x >= channels ? (previous[x - channels] ?? 0) : 0;
      const value = row[x] ?? 0;
      if (filter === 0) continue;
      else if (filter === 1) row[x] = (value + left) & 0xff;
      else if (filter === 2) row[x] = (value + up) & 0xff;
      else if (filter === 3) row[x] = (value + ((left + up) >> 1)) & 0xff;
      else if (filter === 4) row[x] = (value + paeth(left, up, upLeft)) & 0xff;
      else return null;
    }
    corner ??= row.subarray(0, channels);
    for (let x = 0; x < width; x += 1) {
      const pixel = row.subarray(x * channels, (x + 1) * channels);
      if (!pixel.equals(corner)) ink += 1;
    }
    previous = row;
  }
  return ink;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function refuse(problem: SignatureProblem): SignatureCheck {
  return { ok: false, problem };
}
