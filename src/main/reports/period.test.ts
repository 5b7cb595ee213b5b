import { describe, expect, it } from 'vitest';
import { daysBetween, isoWeekOf, localClock, localMinute, rangeBounds } from './period';

describe('rangeBounds', () => {
  it('starts at local midnight of the first day and ends at local midnight after the last', () => {
    // UTC+2: local 00:00 on 30 Nov is 22:00 UTC on 29 Nov.
    expect(rangeBounds('2026-11-30', '2026-12-02', () => 120)).toEqual({
      start: '2026-11-29T22:00:00.000Z',
      end: '2026-12-02T22:00:00.000Z',
    });
    // UTC-5: local 00:00 is 05:00 UTC the same day.
    expect(rangeBounds('2026-11-30', '2026-11-30', () => -300)).toEqual({
      start: '2026-11-30T05:00:00.000Z',
      end: '2026-12-01T05:00:00.000Z',
    });
  });

  it('uses the offset valid at each end when daylight saving changes inside the range', () => {
    // Central Europe: UTC+2 until 01:00 UTC on 25 Oct 2026, then UTC+1.
    const change = Date.parse('2026-10-25T01:00:00.000Z');
    const cet = (at: Date) => (at.getTime() < change ? 120 : 60);
    expect(rangeBounds('2026-10-24', '2026-10-25', cet)).toEqual({
      start: '2026-10-23T22:00:00.000Z',
      end: '2026-10-25T23:00:00.000Z',
    });
  });
});

describe('localClock', () => {
  it("gives an instant's local day, hour and ISO weekday", () => {
    const local = localClock(() => 120);
    // 22:30 UTC on Mon 30 Nov is 00:30 on Tue 1 Dec at UTC+2.
    expect(local('2026-11-30T22:30:00.000Z')).toEqual({ day: '2026-12-01', hour: 0, weekday: 2 });
    expect(local('2026-12-06T12:00:00.000Z').weekday).toBe(7); // a Sunday
    expect(localMinute('2026-11-30T22:30:00.000Z', () => 120)).toBe('2026-12-01 00:30');
  });

  it('handles offsets that are not whole hours, within one UTC quarter hour', () => {
    // Nepal, UTC+5:45: 18:14 UTC is 23:59 on 1 Dec, 18:15 UTC is 00:00 on 2 Dec.
    const nepal = localClock(() => 345);
    expect(nepal('2026-12-01T18:14:59.999Z')).toEqual({ day: '2026-12-01', hour: 23, weekday: 2 });
    expect(nepal('2026-12-01T18:15:00.000Z')).toEqual({ day: '2026-12-02', hour: 0, weekday: 3 });
    expect(nepal('2026-12-01T18:29:00.000Z').day).toBe('2026-12-02');
    expect(localMinute('2026-12-01T18:20:00.000Z', () => 345)).toBe('2026-12-02 00:05');
  });
});

describe('isoWeekOf', () => {
  it('names weeks from Monday, the year being that of the week’s Thursday', () => {
    expect(isoWeekOf('2026-12-02')).toEqual({ week: '2026-W49', monday: '2026-11-30' });
    // Fri 1 Jan 2027 belongs to 2026's week 53 (its Thursday is 31 Dec 2026).
    expect(isoWeekOf('2027-01-01')).toEqual({ week: '2026-W53', monday: '2026-12-28' });
    expect(isoWeekOf('2027-01-04')).toEqual({ week: '2027-W01', monday: '2027-01-04' });
    // Mon 29 Dec 2025 is already week 1 of 2026 (Thursday 1 Jan 2026).
    expect(isoWeekOf('2025-12-29')).toEqual({ week: '2026-W01', monday: '2025-12-29' });
  });
});

describe('daysBetween', () => {
  it('lists both ends and every day between, across a month end and a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysBetween('2026-12-02', '2026-12-02')).toEqual(['2026-12-02']);
  });
});
