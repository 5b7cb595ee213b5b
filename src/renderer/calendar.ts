// Calendar days as the dashboard names them: 'YYYY-MM-DD' strings (what recordings.list takes), moved and
// labelled without time zones getting in the way (all arithmetic on UTC dates).
import { defaultFlightTime, MONTH_NAMES } from '../shared/flight-time';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = MONTH_NAMES.map((name) => name.slice(0, 3));

const parse = (day: string) => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date));
};
const format = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return format(new Date(parse(day).getTime() + days * DAY_MS));
}

/** The calendar day of an instant on this screen's clock. */
export function localDayOf(instant: Date): string {
  return format(new Date(Date.UTC(instant.getFullYear(), instant.getMonth(), instant.getDate())));
}

/**
 * The days whose flights are "today's" for the crew: today, and tomorrow late in the evening, when a flight
 * checked in now is set for the next hour (midnight) and so falls on tomorrow.
 */
export function daysOfFlightsNow(now: Date): string[] {
  return [...new Set([localDayOf(now), localDayOf(defaultFlightTime(now))])];
}

/** "Today", "Yesterday", "Tomorrow", else "Sat 31 May" (with the year when it is not this year's). */
export function dayLabel(day: string, today: string): string {
  if (day === today) return 'Today';
  if (day === addDays(today, -1)) return 'Yesterday';
  if (day === addDays(today, 1)) return 'Tomorrow';
  const date = parse(day);
  const label = `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  return day.slice(0, 4) === today.slice(0, 4) ? label : `${label} ${date.getUTCFullYear()}`;
}

/** A flight's time for the list: "Today 10:30", "Yesterday 16:00", "Sat 31 May 09:00". */
export function flightTimeLabel(flightAt: string, today: string): string {
  const instant = new Date(flightAt);
  const time = instant.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `${dayLabel(localDayOf(instant), today)} ${time}`;
}

export interface MonthGrid {
  /** 'YYYY-MM' */
  month: string;
  title: string;
  /** Weeks from Monday; null pads the days outside the month. */
  weeks: Array<Array<string | null>>;
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function addMonths(month: string, months: number): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return format(new Date(Date.UTC(year, index - 1 + months, 1))).slice(0, 7);
}

export function monthGrid(month: string): MonthGrid {
  const first = parse(`${month}-01`);
  const daysInMonth = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const cells: Array<string | null> = Array.from({ length: lead }, () => null);
  for (let date = 1; date <= daysInMonth; date++) cells.push(`${month}-${String(date).padStart(2, '0')}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return { month, title: `${MONTH_NAMES[first.getUTCMonth()]} ${first.getUTCFullYear()}`, weeks };
}
