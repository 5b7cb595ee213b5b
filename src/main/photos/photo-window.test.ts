// The photo window rule: which moments count as "taken during this flight", and what an EXIF time means.
import { describe, expect, it } from 'vitest';
import {
  PHOTO_WINDOW_AROUND_BOOKING_MS,
  PHOTO_WINDOW_AROUND_SCENES_MS,
  exifMoment,
  insideWindow,
  photoWindowOf,
} from './photo-window';

const at = (iso: string) => Date.parse(iso);
const utc = () => 0;

describe('photoWindowOf', () => {
  it('runs from 30 min before the first scene to 30 min after the last one ended, for a filmed flight', () => {
    const window = photoWindowOf({
      flightAt: '2026-12-02T09:00:00.000Z',
      scenes: [
        { startedAt: '2026-12-02T09:20:00.000Z', endedAt: '2026-12-02T09:25:00.000Z' },
        { startedAt: '2026-12-02T09:05:00.000Z', endedAt: '2026-12-02T09:10:00.000Z' },
        { startedAt: null, endedAt: null },
      ],
    });
    expect(window).toEqual({
      from: at('2026-12-02T09:05:00.000Z') - PHOTO_WINDOW_AROUND_SCENES_MS,
      to: at('2026-12-02T09:25:00.000Z') + PHOTO_WINDOW_AROUND_SCENES_MS,
      basis: 'scenes',
    });
  });

  it('counts a scene still being filmed (no end yet) from its start', () => {
    const window = photoWindowOf({
      flightAt: '2026-12-02T09:00:00.000Z',
      scenes: [{ startedAt: '2026-12-02T09:05:00.000Z', endedAt: null }],
    });
    expect(window.to).toBe(at('2026-12-02T09:05:00.000Z') + PHOTO_WINDOW_AROUND_SCENES_MS);
  });

  it('is the booked time ± 2 h for a flight not filmed', () => {
    expect(photoWindowOf({ flightAt: '2026-12-02T09:00:00.000Z', scenes: [] })).toEqual({
      from: at('2026-12-02T09:00:00.000Z') - PHOTO_WINDOW_AROUND_BOOKING_MS,
      to: at('2026-12-02T09:00:00.000Z') + PHOTO_WINDOW_AROUND_BOOKING_MS,
      basis: 'booking',
    });
  });

  it('keeps two flights an hour apart from sharing a photo taken during either one', () => {
    const flight = (start: string, end: string) =>
      photoWindowOf({ flightAt: start, scenes: [{ startedAt: start, endedAt: end }] });
    const first = flight('2026-12-02T09:00:00.000Z', '2026-12-02T09:25:00.000Z');
    const second = flight('2026-12-02T10:30:00.000Z', '2026-12-02T10:55:00.000Z');
    const during = at('2026-12-02T09:10:00.000Z');
    expect([insideWindow(first, during), insideWindow(second, during)]).toEqual([true, false]);
    expect(insideWindow(first, first.to)).toBe(true);
    expect(insideWindow(first, first.to + 1)).toBe(false);
  });
});

describe('exifMoment', () => {
  it('uses the camera’s recorded offset when it wrote one', () => {
    const moment = exifMoment({ dateTimeOriginal: '2026:07:14 16:05:00', offsetTimeOriginal: '+02:00' }, utc);
    expect(new Date(moment!).toISOString()).toBe('2026-07-14T14:05:00.000Z');
    const west = exifMoment({ dateTimeOriginal: '2026:07:14 16:05:00', offsetTimeOriginal: '-05:30' }, utc);
    expect(new Date(west!).toISOString()).toBe('2026-07-14T21:35:00.000Z');
  });

  it('reads a time without an offset as the kiosk’s local time', () => {
    const moment = exifMoment(
      { dateTimeOriginal: '2026:12:02 10:41:07', offsetTimeOriginal: null },
      () => 60,
    );
    expect(new Date(moment!).toISOString()).toBe('2026-12-02T09:41:07.000Z');
  });

  it('refuses an impossible date or a camera clock never set', () => {
    expect(exifMoment({ dateTimeOriginal: '2026:13:02 10:41:07', offsetTimeOriginal: null }, utc)).toBeNull();
    expect(exifMoment({ dateTimeOriginal: '1970:01:01 00:00:00', offsetTimeOriginal: null }, utc)).toBeNull();
  });
});
