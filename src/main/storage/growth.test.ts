import { describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase } from '../../../db/test-support';
import { readStorageStatus, storageLevel } from '../system/storage-status';
import { daysLeftAt, storageGrowth } from './growth';

const GB = 1024 ** 3;
const NOW = new Date('2026-12-14T10:00:00.000Z');

describe('storageGrowth', () => {
  it('adds up the bytes recorded per day of the last 14 and averages them', () => {
    const growth = storageGrowth({
      recorded: [
        { at: '2026-12-01T09:00:00.000Z', bytes: 4 * GB },
        { at: '2026-12-01T15:00:00.000Z', bytes: 3 * GB },
        { at: '2026-12-14T08:00:00.000Z', bytes: 7 * GB },
        { at: '2026-11-30T23:59:59.999Z', bytes: 99 * GB }, // the day before the window
      ],
      firstRecordedAt: '2026-01-01T00:00:00.000Z',
      now: NOW,
      utcOffsetMinutes: 0,
      freeBytes: 100 * GB,
      lowBytes: 2 * GB,
    });
    expect(growth.days).toHaveLength(14);
    expect(growth.days[0]).toEqual({ day: '2026-12-01', bytes: 7 * GB });
    expect(growth.days[13]).toEqual({ day: '2026-12-14', bytes: 7 * GB });
    expect(growth.days.slice(1, 13).every((d) => d.bytes === 0)).toBe(true);
    expect(growth.bytesPerDay).toBe(1 * GB);
    // 98 GB to go before recording is refused, at 1 GB a day.
    expect(growth.daysLeft).toBe(98);
  });

  it('puts a file on the kiosk’s own calendar day, not UTC’s', () => {
    const growth = storageGrowth({
      recorded: [{ at: '2026-12-13T23:30:00.000Z', bytes: 1000 }], // 01:30 on the 14th at UTC+2
      firstRecordedAt: '2026-01-01T00:00:00.000Z',
      now: NOW,
      utcOffsetMinutes: 120,
      freeBytes: null,
      lowBytes: 0,
    });
    expect(growth.days.at(-1)).toEqual({ day: '2026-12-14', bytes: 1000 });
    expect(growth.daysLeft).toBeNull();
  });

  it('averages a kiosk younger than 14 days over the days it has been recording', () => {
    const growth = storageGrowth({
      recorded: [
        { at: '2026-12-12T09:00:00.000Z', bytes: 2 * GB },
        { at: '2026-12-14T09:00:00.000Z', bytes: 4 * GB },
      ],
      firstRecordedAt: '2026-12-12T09:00:00.000Z',
      now: NOW,
      utcOffsetMinutes: 0,
      freeBytes: 20 * GB,
      lowBytes: 2 * GB,
    });
    expect(growth.bytesPerDay).toBe(2 * GB); // 6 GB over the 12th, 13th and 14th
    expect(growth.daysLeft).toBe(9);
  });

  it('says nothing grows, and no days left, on a kiosk that recorded nothing', () => {
    const growth = storageGrowth({
      recorded: [],
      firstRecordedAt: null,
      now: NOW,
      utcOffsetMinutes: 0,
      freeBytes: 20 * GB,
      lowBytes: 2 * GB,
    });
    expect(growth.bytesPerDay).toBe(0);
    expect(growth.daysLeft).toBeNull();
  });
});

describe('daysLeftAt', () => {
  it('counts whole days down to the floor, and 0 once below it', () => {
    expect(daysLeftAt(10 * GB, 2 * GB, 3 * GB)).toBe(2);
    expect(daysLeftAt(1 * GB, 2 * GB, 3 * GB)).toBe(0);
    expect(daysLeftAt(null, 2 * GB, 3 * GB)).toBeNull();
    expect(daysLeftAt(10 * GB, 2 * GB, 0)).toBeNull();
  });
});

describe('storageLevel', () => {
  it('is critical below the floor or within 3 days of it', () => {
    expect(storageLevel(1 * GB, 2 * GB, null)).toBe('critical');
    expect(storageLevel(50 * GB, 2 * GB, 2)).toBe('critical');
  });

  it('warns within 14 days, or with less than twice the floor free', () => {
    expect(storageLevel(50 * GB, 2 * GB, 3)).toBe('warning');
    expect(storageLevel(50 * GB, 2 * GB, 13)).toBe('warning');
    expect(storageLevel(3 * GB, 2 * GB, null)).toBe('warning');
  });

  it('is fine with room for two weeks or more, and unknown when free space cannot be read', () => {
    expect(storageLevel(50 * GB, 2 * GB, 14)).toBe('ok');
    expect(storageLevel(50 * GB, 2 * GB, null)).toBe('ok');
    expect(storageLevel(null, 2 * GB, 1)).toBe('unknown');
  });
});

describe('readStorageStatus with the database', () => {
  it('adds the growth of the flights’ files and the days left to the free space', async () => {
    const t = await openTempDatabase();
    try {
      const f = fixtures(t.sqlite);
      const { id } = f.recording();
      f.storage(id, { bytes: 14 * 1000, recorded_at: '2026-12-14T08:00:00.000Z' });
      f.storage(id, { bytes: 1, recorded_at: '2026-01-01T08:00:00.000Z' });
      const status = await readStorageStatus(t.dir, 2 * GB, { db: t.db, now: NOW, utcOffsetMinutes: 0 });
      expect(status.growthBytesPerDay).toBe(1000);
      expect(status.daysLeft).toBe(daysLeftAt(status.freeBytes, 2 * GB, 1000));
      expect(status.level).toBe(storageLevel(status.freeBytes, 2 * GB, status.daysLeft));
    } finally {
      await t.dispose();
    }
  });

  it('leaves the growth unknown without a database', async () => {
    const status = await readStorageStatus('/nonexistent/magnum');
    expect(status).toMatchObject({ growthBytesPerDay: null, daysLeft: null, level: 'unknown' });
  });
});
