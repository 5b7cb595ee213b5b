// For the photo tests: tiny JPEG files as a camera writes them, with an APP1 Exif segment holding
// DateTimeOriginal (and optionally OffsetTimeOriginal), in either byte order.
import { randomBytes } from 'node:crypto';

export interface TinyJpegOptions {
  /** "YYYY:MM:DD HH:MM:SS"; no Exif segment at all when omitted. */
  dateTimeOriginal?: string;
  offsetTimeOriginal?: string;
  byteOrder?: 'II' | 'MM';
  /** Bytes of "image data" after the headers: random by default, so every photo has its own content. */
  body?: Uint8Array;
}

/** The TIFF block of an Exif segment: IFD0 → Exif IFD → the time tags, values after the IFDs. */
function tiffBlock(options: TinyJpegOptions): Buffer {
  const little = (options.byteOrder ?? 'II') === 'II';
  const tags: Array<[number, string]> = [[0x9003, options.dateTimeOriginal!]];
  if (options.offsetTimeOriginal) tags.push([0x9011, options.offsetTimeOriginal]);
  const ifd0At = 8;
  const exifAt = ifd0At + 2 + 12 + 4;
  let valuesAt = exifAt + 2 + tags.length * 12 + 4;
  const values = tags.map(([, text]) => Buffer.from(`${text}\0`, 'latin1'));
  const size = valuesAt + values.reduce((sum, v) => sum + v.length, 0);
  const view = new DataView(new ArrayBuffer(size));
  const bytes = new Uint8Array(view.buffer);
  bytes.set(Buffer.from(little ? 'II' : 'MM', 'latin1'), 0);
  view.setUint16(2, 42, little);
  view.setUint32(4, ifd0At, little);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    view.setUint16(at, tag, little);
    view.setUint16(at + 2, type, little);
    view.setUint32(at + 4, count, little);
    view.setUint32(at + 8, value, little);
  };
  view.setUint16(ifd0At, 1, little);
  entry(ifd0At + 2, 0x8769, 4, 1, exifAt);
  view.setUint16(exifAt, tags.length, little);
  for (const [i, [tag]] of tags.entries()) {
    const value = values[i]!;
    entry(exifAt + 2 + i * 12, tag, 2, value.length, valuesAt);
    bytes.set(value, valuesAt);
    valuesAt += value.length;
  }
  return Buffer.from(bytes);
}

const segment = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

/** A small file that starts and ends like a JPEG, with the Exif time asked for. */
export function tinyJpeg(options: TinyJpegOptions = {}): Buffer {
  const parts = [Buffer.from([0xff, 0xd8])];
  // A JFIF APP0 first, as most cameras write, so the reader has to walk past a segment.
  parts.push(segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')));
  if (options.dateTimeOriginal) {
    parts.push(segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiffBlock(options)])));
  }
  parts.push(segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])));
  parts.push(Buffer.from(options.body ?? randomBytes(256)));
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}
