// The flight's date and time as the title card prints them, on the kiosk's clock.
import { describe, expect, it } from 'vitest';
import { flightDateAndTime } from './sources';

describe('flightDateAndTime', () => {
  it('prints the day and the time on the kiosk’s clock', () => {
    expect(flightDateAndTime('2025-06-14T08:30:00.000Z', 120)).toEqual({
      date: '14 June 2025',
      time: '10:30',
    });
  });

  it('moves to the next day when the offset crosses midnight', () => {
    expect(flightDateAndTime('2025-12-31T23:15:00.000Z', 60)).toEqual({
      date: '1 January 2026',
      time: '00:15',
    });
  });
});
