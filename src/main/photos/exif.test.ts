// The EXIF reader: DateTimeOriginal from a JPEG's first bytes, in both byte orders, and null (never a throw)
// for anything it cannot follow.
import { describe, expect, it } from 'vitest';
import { readExifTime } from './exif';
import { tinyJpeg } from './test-support';

describe('readExifTime', () => {
  it('reads DateTimeOriginal from an Intel-order (II) Exif segment', () => {
    const jpeg = tinyJpeg({ dateTimeOriginal: '2026:12:02 09:41:07' });
    expect(readExifTime(jpeg)).toEqual({ dateTimeOriginal: '2026:12:02 09:41:07', offsetTimeOriginal: null });
  });

  it('reads it from a Motorola-order (MM) segment, with the camera’s UTC offset', () => {
    const jpeg = tinyJpeg({
      dateTimeOriginal: '2026:07:14 16:05:00',
      offsetTimeOriginal: '+02:00',
      byteOrder: 'MM',
    });
    expect(readExifTime(jpeg)).toEqual({
      dateTimeOriginal: '2026:07:14 16:05:00',
      offsetTimeOriginal: '+02:00',
    });
  });

  it('answers null for a JPEG without an Exif segment', () => {
    expect(readExifTime(tinyJpeg())).toBeNull();
  });

  it('answers null for bytes that are not a JPEG', () => {
    expect(readExifTime(Buffer.from('not a photo at all'))).toBeNull();
    expect(readExifTime(new Uint8Array(0))).toBeNull();
  });

  it('answers null for a date that is not in EXIF’s form', () => {
    expect(readExifTime(tinyJpeg({ dateTimeOriginal: '0000:00:00 00:00:0' }))).toBeNull();
  });

  it('never throws on a cut-off or corrupted segment', () => {
    const jpeg = tinyJpeg({ dateTimeOriginal: '2026:12:02 09:41:07', offsetTimeOriginal: '-05:00' });
    for (let length = 0; length < 120; length += 1) {
      expect(() => readExifTime(jpeg.subarray(0, length))).not.toThrow();
    }
    for (let at = 2; at < 110; at += 1) {
      const broken = Buffer.from(jpeg);
      broken[at] = 0xff - broken[at]!;
      expect(() => readExifTime(broken)).not.toThrow();
    }
  });

  it('does not follow offsets that point outside the segment', () => {
    const jpeg = tinyJpeg({ dateTimeOriginal: '2026:12:02 09:41:07' });
    // IFD0's pointer to the Exif IFD: APP0 (2 + 18) + APP1 header (4) + "Exif\0\0" (6) + TIFF 8 + count 2 + tag,
    // type and count (8).
    const pointerAt = 2 + 18 + 4 + 6 + 8 + 2 + 8;
    expect(jpeg.readUInt16LE(pointerAt - 8)).toBe(0x8769);
    const broken = Buffer.from(jpeg);
    broken.writeUInt32LE(0xfffffff0, pointerAt);
    expect(readExifTime(broken)).toBeNull();
  });
});
