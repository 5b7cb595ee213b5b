import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayLabel, daysOfFlightsNow, monthGrid } from './calendar';

describe('dashboard calendar days', () => {
  it('moves across month and year ends', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
  });

  it('names today, yesterday and tomorrow, and other days by weekday and date', () => {
    expect(dayLabel('2025-06-01', '2025-06-01')).toBe('Today');
    expect(dayLabel('2025-05-31', '2025-06-01')).toBe('Yesterday');
    expect(dayLabel('2025-06-02', '2025-06-01')).toBe('Tomorrow');
    expect(dayLabel('2025-05-24', '2025-06-01')).toBe('Sat 24 May');
    expect(dayLabel('2024-12-24', '2025-06-01')).toBe('Tue 24 Dec 2024');
  });

  it('lays a month out in weeks from Monday', () => {
    const june = monthGrid('2025-06'); // 1 June 2025 is a Sunday
    expect(june.title).toBe('June 2025');
    expect(june.weeks[0]).toEqual([null, null, null, null, null, null, '2025-06-01']);
    expect(june.weeks.at(-1)).toEqual(['2025-06-30', null, null, null, null, null, null]);
    expect(june.weeks.flat().filter(Boolean)).toHaveLength(30);
    expect(monthGrid('2024-02').weeks.flat().filter(Boolean)).toHaveLength(29);
  });
});

describe("the days of the flights a crew member means by today's", () => {
  it('is today alone through the day', () => {
    expect(daysOfFlightsNow(new Date(2025, 5, 1, 9, 15))).toEqual(['2025-06-01']);
    expect(daysOfFlightsNow(new Date(2025, 5, 1, 23, 30))).toEqual(['2025-06-01']);
  });

  it('takes in tomorrow once a flight checked in now is set for midnight', () => {
    expect(daysOfFlightsNow(new Date(2025, 5, 1, 23, 31))).toEqual(['2025-06-01', '2025-06-02']);
    expect(daysOfFlightsNow(new Date(2025, 11, 31, 23, 59))).toEqual(['2025-12-31', '2026-01-01']);
  });
});
