// When the daily backup is due: at the set time on the kiosk's clock, or at start when one was missed.
import { describe, expect, it } from 'vitest';
import type { BackupRun } from '../../shared/backups';
import { dailyBackupDue, lastDailySlot, nextDailySlot } from './schedule';

const UTC_PLUS_2 = 120;

function run(overrides: Partial<BackupRun>): BackupRun {
  return {
    id: overrides.id ?? `run-${Math.random()}`,
    kind: 'backup',
    trigger: 'daily',
    startedAt: '2026-06-01T20:00:00.000Z',
    finishedAt: '2026-06-01T20:05:00.000Z',
    outcome: 'verified',
    root: '/media/kiosk/BACKUP/MagnumStream-backups',
    generation: 'g1',
    generationCreatedAt: '2026-06-01T20:00:00.000Z',
    filesCopied: 1,
    bytesCopied: 1,
    filesTotal: 1,
    bytesTotal: 1,
    message: null,
    ...overrides,
  };
}

const settings = { target: '/media/kiosk/BACKUP', dailyAt: '22:30' };

describe('lastDailySlot', () => {
  it('is today at the set time on the kiosk clock once that time has passed', () => {
    // 21:00 UTC is 23:00 at UTC+2: today's 22:30 there is 20:30 UTC.
    expect(lastDailySlot(new Date('2026-06-02T21:00:00Z'), '22:30', UTC_PLUS_2).toISOString()).toBe(
      '2026-06-02T20:30:00.000Z',
    );
  });

  it('is yesterday’s before the set time has come round today', () => {
    expect(lastDailySlot(new Date('2026-06-02T08:00:00Z'), '22:30', UTC_PLUS_2).toISOString()).toBe(
      '2026-06-01T20:30:00.000Z',
    );
  });

  it('gives the next one a day after the last', () => {
    expect(nextDailySlot(new Date('2026-06-02T08:00:00Z'), '22:30', UTC_PLUS_2).toISOString()).toBe(
      '2026-06-02T20:30:00.000Z',
    );
  });
});

describe('dailyBackupDue', () => {
  it('is due at the set time when no backup was tried since', () => {
    const now = new Date('2026-06-02T20:31:00Z');
    expect(dailyBackupDue(now, { ...settings, history: [run({})] }, UTC_PLUS_2)).toBe(true);
  });

  it('is not due twice for the same time, whatever the first try came to', () => {
    const now = new Date('2026-06-02T20:40:00Z');
    const tried = run({ startedAt: '2026-06-02T20:31:00Z', outcome: 'skipped' });
    expect(dailyBackupDue(now, { ...settings, history: [tried] }, UTC_PLUS_2)).toBe(false);
  });

  it('runs at start when the kiosk was off at the set time and the last backup is more than a day old', () => {
    const morning = new Date('2026-06-03T06:00:00Z');
    const old = run({ finishedAt: '2026-06-01T20:05:00Z' });
    expect(dailyBackupDue(morning, { ...settings, history: [old] }, UTC_PLUS_2)).toBe(true);
    expect(dailyBackupDue(morning, { ...settings, history: [] }, UTC_PLUS_2)).toBe(true);
  });

  it('waits for the set time when the last good backup is less than a day old', () => {
    const morning = new Date('2026-06-03T06:00:00Z');
    const recent = run({
      startedAt: '2026-06-02T10:00:00Z',
      finishedAt: '2026-06-02T10:05:00Z',
      trigger: 'manual',
    });
    expect(dailyBackupDue(morning, { ...settings, history: [recent] }, UTC_PLUS_2)).toBe(false);
  });

  it('never runs without a time or a target', () => {
    const now = new Date('2026-06-02T20:31:00Z');
    expect(dailyBackupDue(now, { ...settings, dailyAt: null, history: [] }, UTC_PLUS_2)).toBe(false);
    expect(dailyBackupDue(now, { ...settings, target: null, history: [] }, UTC_PLUS_2)).toBe(false);
  });
});
