// When the daily backup runs: at the set time on the kiosk's clock, when the target is there. A kiosk that was
// switched off at that time backs up at its next start instead, if its last good backup is more than a day old.
import type { BackupRun } from '../../shared/backups';
import type { BackupFile } from './settings-file';
import { lastVerified } from './settings-file';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** How late after the set time a check still counts as "at the time" (the timer looks once a minute). */
export const ON_TIME_MS = 15 * MINUTE_MS;

/** The latest moment at or before `now` when the kiosk's clock showed `dailyAt` ('HH:MM'). */
export function lastDailySlot(now: Date, dailyAt: string, utcOffsetMinutes: number): Date {
  const [hours = 0, minutes = 0] = dailyAt.split(':').map(Number);
  const offsetMs = utcOffsetMinutes * MINUTE_MS;
  // Shifted so that the UTC fields read the kiosk's wall clock.
  const wall = new Date(now.getTime() + offsetMs);
  let slot =
    Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), hours, minutes) - offsetMs;
  if (slot > now.getTime()) slot -= DAY_MS;
  return new Date(slot);
}

export function nextDailySlot(now: Date, dailyAt: string, utcOffsetMinutes: number): Date {
  return new Date(lastDailySlot(now, dailyAt, utcOffsetMinutes).getTime() + DAY_MS);
}

/**
 * Whether the daily backup should start now: a time is set, no backup was tried since the last time it came
 * round, and either that was just now or the last good backup is more than a day old (missed while off).
 */
export function dailyBackupDue(
  now: Date,
  file: Pick<BackupFile, 'target' | 'dailyAt' | 'history'>,
  utcOffsetMinutes: number,
): boolean {
  if (!file.dailyAt || !file.target) return false;
  const slot = lastDailySlot(now, file.dailyAt, utcOffsetMinutes);
  const triedSince = file.history.some(
    (run: BackupRun) => run.kind === 'backup' && Date.parse(run.startedAt) >= slot.getTime(),
  );
  if (triedSince) return false;
  if (now.getTime() - slot.getTime() <= ON_TIME_MS) return true;
  const good = lastVerified(file.history);
  return !good || now.getTime() - Date.parse(good.finishedAt) > DAY_MS;
}
