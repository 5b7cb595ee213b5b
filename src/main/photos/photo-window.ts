// Which photos on a card belong to a flight: those taken inside the flight's photo window. Pure, so the rule is
// tested with plain times; the card reading and the database are photo-import's.
import type { ExifTime } from './exif';

/**
 * The photo window rule. A photographer shoots around the flight itself: boarding, take-off, the landing and
 * the passengers by the aircraft afterwards, but not the flight before or after it.
 * - A filmed flight: from 30 minutes before its first scene started to 30 minutes after its last scene ended
 *   (the scenes are the kiosk's own record of when the aircraft was up).
 * - A flight not filmed (yet): its booked time (flight_at) ± 2 hours, wide because a booking is only a plan.
 * A photo whose time falls outside is not proposed; the crew can still see how many were left out.
 */
export const PHOTO_WINDOW_AROUND_SCENES_MS = 30 * 60_000;
export const PHOTO_WINDOW_AROUND_BOOKING_MS = 2 * 3_600_000;

export interface FlightTimes {
  flightAt: string;
  scenes: ReadonlyArray<{ startedAt: string | null; endedAt: string | null }>;
}

export interface PhotoWindow {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, inclusive. */
  to: number;
  basis: 'scenes' | 'booking';
}

export function photoWindowOf(flight: FlightTimes): PhotoWindow {
  const starts = flight.scenes.flatMap((s) => (s.startedAt ? [Date.parse(s.startedAt)] : []));
  const ends = flight.scenes.flatMap((s) =>
    [s.endedAt, s.startedAt].filter((t) => t !== null).map(Date.parse),
  );
  const validStarts = starts.filter(Number.isFinite);
  const validEnds = ends.filter(Number.isFinite);
  if (validStarts.length > 0 && validEnds.length > 0) {
    return {
      from: Math.min(...validStarts) - PHOTO_WINDOW_AROUND_SCENES_MS,
      to: Math.max(...validEnds) + PHOTO_WINDOW_AROUND_SCENES_MS,
      basis: 'scenes',
    };
  }
  const booked = Date.parse(flight.flightAt);
  return {
    from: booked - PHOTO_WINDOW_AROUND_BOOKING_MS,
    to: booked + PHOTO_WINDOW_AROUND_BOOKING_MS,
    basis: 'booking',
  };
}

export const insideWindow = (window: PhotoWindow, takenAt: number): boolean =>
  takenAt >= window.from && takenAt <= window.to;

/**
 * The moment (epoch ms) an EXIF time names. EXIF's DateTimeOriginal is the camera's wall clock with no zone:
 * the camera's own recorded offset is used when it wrote one, else the kiosk's local offset at about that time
 * (the photographer's camera is set to local time, like the kiosk). Null for an impossible date.
 */
export function exifMoment(exif: ExifTime, utcOffsetMinutes: (at: Date) => number): number | null {
  const [date, time] = exif.dateTimeOriginal.split(' ') as [string, string];
  const [year, month, day] = date.split(':').map(Number) as [number, number, number];
  const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!Number.isFinite(wall) || year < 1990) return null; // cameras with an unset clock write 0000 or 1970
  const offsetMinutes = exif.offsetTimeOriginal
    ? offsetOf(exif.offsetTimeOriginal)
    : utcOffsetMinutes(new Date(wall));
  return wall - offsetMinutes * 60_000;
}

/** "+02:00" → 120, "-05:30" → -330. */
function offsetOf(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const [hours, minutes] = text.slice(1).split(':').map(Number) as [number, number];
  return sign * (hours * 60 + minutes);
}
