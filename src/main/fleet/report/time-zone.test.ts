// An airfield's UTC offset from its IANA zone, as the kiosk's own clock gives it, on both sides of a change.
import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, offsetInZone } from './time-zone';

describe('offsetInZone', () => {
  it.each([
    ['Europe/Zurich', '2025-10-26T00:59:59.000Z', 120],
    ['Europe/Zurich', '2025-10-26T01:00:00.000Z', 60],
    ['America/Denver', '2025-11-02T07:59:00.000Z', -360],
    ['America/Denver', '2025-11-02T08:00:00.000Z', -420],
    ['America/St_Johns', '2025-12-01T12:00:00.000Z', -210],
    ['Asia/Kathmandu', '2025-12-01T12:00:00.000Z', 345],
    ['UTC', '2025-12-01T12:00:00.000Z', 0],
  ])('gives %s at %s as %i minutes', (zone, at, minutes) => {
    expect(offsetInZone(zone)(new Date(at))).toBe(minutes);
  });

  it('refuses a zone this computer does not know', () => {
    expect(isKnownTimeZone('Europe/Zurich')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => offsetInZone('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
