// An airfield's offset from UTC at any moment, from the IANA zone its kiosk reported ('Europe/Zurich'): the
// fleet report splits each airfield's days where its kiosk does, whatever zone the office computer is in.
import type { OffsetAt } from '../../reports/period';

/** Whether this computer knows the zone (its ICU data may lack a zone newer than itself). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Minutes east of UTC in `timeZone` at a moment, as the kiosk's own clock gives them (data.utcOffsetMinutes).
 * Throws a RangeError for a zone this computer does not know.
 */
export function offsetInZone(timeZone: string): OffsetAt {
  // "GMT+01:00", "GMT-03:30", or "GMT" for UTC itself.
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  return (at) => {
    const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
    const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name);
    if (!match) throw new RangeError(`no UTC offset for ${timeZone} at ${at.toISOString()} ("${name}")`);
    if (match[1] === undefined) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]) + Math.round(Number(match[4] ?? 0) / 60);
    return match[1] === '-' ? -minutes : minutes;
  };
}
