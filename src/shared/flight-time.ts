// The check-in form's default flight time (PRODUCT.md): minute :00 stays, :01-:30 becomes :30,
// :31-:59 becomes the next hour. Local wall-clock minutes; seconds are dropped.
export function defaultFlightTime(now: Date): Date {
  const rounded = new Date(now);
  rounded.setSeconds(0, 0);
  const minutes = rounded.getMinutes();
  if (minutes === 0) return rounded;
  if (minutes <= 30) {
    rounded.setMinutes(30);
    return rounded;
  }
  rounded.setMinutes(60); // rolls into the next hour (and day) correctly
  return rounded;
}

/** English month names, for dates the crew and passengers read (the dashboard's calendar, the title card). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
