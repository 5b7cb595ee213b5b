import { describe, expect, it } from 'vitest';
import type { ExportFigures, IntegrityStatus } from '../../shared/health';
import { ageInWords, backupWords, exportWords, integrityWords, RESTORE_ADVICE } from './words';

const status = (last: IntegrityStatus['last']): IntegrityStatus => ({
  last,
  running: false,
  nextWeeklyAt: '2026-12-09T10:00:00.000Z',
});
const check = {
  checkedAt: '2026-12-02T10:00:00.000Z',
  problems: [],
  durationMs: 40,
  trigger: 'admin' as const,
};

describe('the health screen’s words', () => {
  it('says how long ago in hours, then in days', () => {
    expect(ageInWords(0.2)).toBe('less than an hour ago');
    expect(ageInWords(1)).toBe('1 hour ago');
    expect(ageInWords(47.9)).toBe('47 hours ago');
    expect(ageInWords(72)).toBe('3 days ago');
  });

  it('tells a damaged database in red with the way back: the last backup', () => {
    expect(integrityWords(status({ ...check, outcome: 'ok' }))).toEqual({
      state: 'good',
      headline: 'Database sound',
      advice: null,
    });
    const damaged = integrityWords(status({ ...check, outcome: 'damaged', problems: ['Tree 66 page 66'] }));
    expect(damaged.state).toBe('bad');
    expect(damaged.headline).toBe('Database damaged');
    expect(damaged.advice).toContain(RESTORE_ADVICE);
    expect(RESTORE_ADVICE).toContain('Settings → Backups');
    expect(integrityWords(status({ ...check, outcome: 'not-run' })).headline).toBe('Check could not run');
  });

  it('warns of an old or missing backup', () => {
    expect(backupWords({ state: 'none' }).state).toBe('bad');
    expect(backupWords({ state: 'old', at: '2026-11-29T10:00:00.000Z', ageHours: 72 })).toMatchObject({
      state: 'bad',
      headline: 'Last backup 3 days ago',
    });
    expect(backupWords({ state: 'recent', at: '2026-12-02T04:00:00.000Z', ageHours: 6 }).state).toBe('good');
  });

  it('warns about videos only when some failed, not when the crew stopped them', () => {
    const figures = (completed: number, failed: number, cancelled: number): ExportFigures => {
      const ended = completed + failed + cancelled;
      const rate = { completed, failed, cancelled, rate: ended ? completed / ended : null };
      return { last7Days: rate, last30Days: rate, inProgress: 0 };
    };
    expect(exportWords(figures(2, 0, 1))).toMatchObject({ state: 'good', headline: '67 % made' });
    expect(exportWords(figures(2, 1, 0))).toMatchObject({ state: 'bad', headline: '67 % made' });
    expect(exportWords(figures(9, 1, 0)).state).toBe('good');
    expect(exportWords(figures(0, 0, 0)).headline).toBe('None in 7 days');
  });
});
