// Small input rules services share, so a bad value becomes a VALIDATION error the screen can show instead
// of an SQLite constraint message. The database enforces the same rules underneath.
import { AppFailure } from '../errors';

/** Accepts anything Date can parse and stores it as toISOString() text, the only shape the schema allows. */
export function toUtcTimestamp(value: string, field: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new AppFailure('VALIDATION', `${value} is not a date and time.`, [
      { path: field, message: 'not a date' },
    ]);
  }
  return date.toISOString();
}

/** Trims an optional e-mail address; empty becomes null; anything without a name@host shape is refused. */
export function optionalEmail(value: string | null | undefined, field: string): string | null | undefined {
  if (value === undefined) return undefined;
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return null;
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) {
    throw new AppFailure('VALIDATION', `${trimmed} does not look like an e-mail address.`, [
      { path: field, message: 'not an e-mail address' },
    ]);
  }
  return trimmed;
}
