// When a JPEG photo was taken, read from its EXIF block: DateTimeOriginal (tag 0x9003) and, when the camera
// wrote it, OffsetTimeOriginal (0x9011). A pure, bounded reader over the file's first bytes: it follows only
// the APP1 "Exif" segment, IFD0's pointer to the Exif IFD and those two tags, checks every offset against the
// segment, and answers null for anything it does not understand rather than throwing.

/** Enough of a file to hold its APP1 segment (at most 64 KB) after a few other small segments. */
export const EXIF_HEAD_BYTES = 256 * 1024;

const MAX_SEGMENTS = 64;
const MAX_IFD_ENTRIES = 1_000;
const TAG_EXIF_IFD = 0x8769;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const TYPE_ASCII = 2;
const TYPE_LONG = 4;

export interface ExifTime {
  /** The camera's wall-clock time, "YYYY:MM:DD HH:MM:SS" as EXIF writes it (no time zone). */
  dateTimeOriginal: string;
  /** "+02:00" when the camera recorded its offset from UTC; null otherwise. */
  offsetTimeOriginal: string | null;
}

const DATE_TIME = /^\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/** DateTimeOriginal (and its offset) from a JPEG's first bytes; null when the photo has none or is not a JPEG. */
export function readExifTime(bytes: Uint8Array): ExifTime | null {
  const tiff = exifSegment(bytes);
  return tiff ? readTiff(tiff) : null;
}

/** The TIFF block inside the APP1 "Exif\0\0" segment, or null. Stops at the image data (SOS). */
function exifSegment(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  for (let segment = 0; segment < MAX_SEGMENTS && at + 4 <= bytes.length; segment += 1) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // image data or end: no EXIF before it
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2) return null;
    const start = at + 4;
    const end = at + 2 + length;
    if (marker === 0xe1 && end <= bytes.length && length >= 8 && isExifHeader(bytes, start)) {
      return bytes.subarray(start + 6, end);
    }
    at = end;
  }
  return null;
}

function isExifHeader(bytes: Uint8Array, at: number): boolean {
  // "Exif\0\0"
  return (
    bytes[at] === 0x45 &&
    bytes[at + 1] === 0x78 &&
    bytes[at + 2] === 0x69 &&
    bytes[at + 3] === 0x66 &&
    bytes[at + 4] === 0 &&
    bytes[at + 5] === 0
  );
}

interface IfdEntry {
  type: number;
  count: number;
  /** Where the value starts: inside the entry when it fits in 4 bytes, else at the offset it names. */
  valueAt: number;
  /** The entry's 4 value bytes read as an unsigned number (an offset, or a LONG). */
  raw: number;
}

function readTiff(tiff: Uint8Array): ExifTime | null {
  if (tiff.length < 8) return null;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49; // "II"
  const big = tiff[0] === 0x4d && tiff[1] === 0x4d; // "MM"
  if (!little && !big) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  if (u16(2) !== 42) return null;

  /** The entries of the IFD at `offset`, by tag; null when it does not fit in the block. */
  const readIfd = (offset: number): Map<number, IfdEntry> | null => {
    if (offset < 8 || offset + 2 > tiff.length) return null;
    const count = u16(offset);
    if (count > MAX_IFD_ENTRIES || offset + 2 + count * 12 > tiff.length) return null;
    const entries = new Map<number, IfdEntry>();
    for (let i = 0; i < count; i += 1) {
      const entry = offset + 2 + i * 12;
      const type = u16(entry + 2);
      const entryCount = u32(entry + 4);
      const raw = u32(entry + 8);
      const size = type === TYPE_ASCII ? entryCount : 4;
      entries.set(u16(entry), { type, count: entryCount, raw, valueAt: size <= 4 ? entry + 8 : raw });
    }
    return entries;
  };

  const ascii = (entry: IfdEntry | undefined): string | null => {
    if (!entry || entry.type !== TYPE_ASCII || entry.count < 1 || entry.count > 64) return null;
    if (entry.valueAt + entry.count > tiff.length) return null;
    let text = '';
    for (let i = 0; i < entry.count; i += 1) {
      const code = tiff[entry.valueAt + i]!;
      if (code === 0) break;
      text += String.fromCharCode(code);
    }
    return text.trim();
  };

  const ifd0 = readIfd(u32(4));
  const pointer = ifd0?.get(TAG_EXIF_IFD);
  if (!pointer || pointer.type !== TYPE_LONG) return null;
  const exif = readIfd(pointer.raw);
  if (!exif) return null;
  const dateTimeOriginal = ascii(exif.get(TAG_DATE_TIME_ORIGINAL));
  if (!dateTimeOriginal || !DATE_TIME.test(dateTimeOriginal)) return null;
  const offset = ascii(exif.get(TAG_OFFSET_TIME_ORIGINAL));
  return { dateTimeOriginal, offsetTimeOriginal: offset && OFFSET.test(offset) ? offset : null };
}
