// Formatting shared by screens.
import { MAX_AMOUNT_CENTS } from '../shared/bundles';

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString([], {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * 1, 'minute' → "1 minute"; 5, 'minute' → "5 minutes"; 2, 'entry', 'entries' → "2 entries". English counts
 * everything but exactly one in the plural (0 photos, 1.5 hours). Every count shown with its noun goes through
 * here, so "1 seconds" cannot come back.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

export const ROLE_LABELS = { admin: 'Manager', crew: 'Ground crew', pilot: 'Pilot' } as const;

/** 75 → "1:15": scene lengths and the recording clock. */
export function formatElapsedSeconds(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** 4500, 'USD' → "$45.00": amounts are integer cents of the sale's currency. */
export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat([], { style: 'currency', currency }).format(cents / 100);
  } catch {
    // An unknown code still shows the amount rather than breaking the screen.
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/**
 * Why what the admin typed is not a usable amount, in words for the button (`what` is "price" or "amount"), or
 * null when it is one: too large reads differently from not a number at all.
 */
export function amountProblem(text: string, what: string, example: string, currency: string): string | null {
  const cents = parseAmount(text);
  if (cents !== null) {
    return cents > MAX_AMOUNT_CENTS
      ? `The ${what} can be at most ${formatMoney(MAX_AMOUNT_CENTS, currency)}.`
      : null;
  }
  if (/^\s*\d{7,}(?:[.,]\d*)?\s*$/.test(text)) {
    return `The ${what} can be at most ${formatMoney(MAX_AMOUNT_CENTS, currency)}.`;
  }
  if (/^\s*0*(?:[.,]0*)?\s*$/.test(text) && /\d/.test(text)) return `The ${what} must be above 0.`;
  return `Type the ${what}, for example ${example}.`;
}

/** Cents from what the admin typed ("45", "45.5", "45.50"); null when it is not an amount. */
export function parseAmount(text: string): number | null {
  const match = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}
