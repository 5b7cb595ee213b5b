import { describe, expect, it } from 'vitest';
import type { BackupRunProgress } from '../../shared/backups';
import { backupAge, isBackupStale, progressFraction, progressLine, timeLeft } from './words';

const now = new Date('2026-06-05T12:00:00Z');

describe('backup words', () => {
  it('says how old the last backup is in days once it is a day old', () => {
    expect(backupAge('2026-06-02T09:00:00Z', now)).toBe('3 days ago');
    expect(backupAge('2026-06-04T09:00:00Z', now)).toBe('yesterday');
    expect(backupAge('2026-06-05T07:00:00Z', now)).toBe('5 hours ago');
    expect(backupAge('2026-06-05T11:30:00Z', now)).toBe('just now');
  });

  it('calls a missing or two-day-old backup stale', () => {
    expect(isBackupStale(null, now)).toBe(true);
    expect(isBackupStale('2026-06-02T12:00:00Z', now)).toBe(true);
    expect(isBackupStale('2026-06-04T12:00:00Z', now)).toBe(false);
  });

  it('says the time left in minutes, or nothing before it is known', () => {
    expect(timeLeft(null)).toBe('');
    expect(timeLeft(20)).toBe('less than a minute left');
    expect(timeLeft(185)).toBe('about 3 minutes left');
    expect(timeLeft(4 * 3600)).toBe('about 4 hours left');
  });

  it('puts the phase, the bytes, the files and the time left on one line', () => {
    const progress: BackupRunProgress = {
      runId: 'r',
      kind: 'backup',
      state: 'running',
      phase: 'files',
      bytesDone: 512 * 1024 * 1024,
      bytesTotal: 2 * 1024 ** 3,
      filesDone: 12,
      filesTotal: 40,
      etaSeconds: 185,
      root: '/media/kiosk/BACKUP/MagnumStream-backups',
      message: null,
    };
    expect(progressLine(progress)).toBe(
      'Copying footage, videos and photos · 512.0 MB of 2.0 GB · 12 of 40 files · about 3 minutes left',
    );
    expect(progressFraction(progress)).toBe(0.25);
  });
});
