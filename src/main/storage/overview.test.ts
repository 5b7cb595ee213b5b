import { describe, expect, it } from 'vitest';
import type { StorageOverview } from '../../shared/storage';
import { daysAgo, useStorageBench } from './test-support';

const open = useStorageBench();

describe('storage.overview', () => {
  it('totals the flights’ files per kind and per flight, biggest first, a page at a time', async () => {
    const b = await open();
    const small = b.flight({ passengerNames: 'Lea Roth', flownDaysAgo: 2, footageBytes: 100 });
    const big = b.flight({ passengerNames: 'Jon Berg', flownDaysAgo: 1, footageBytes: 5000 });
    b.flight({ passengerNames: 'Priya Natarajan', flownDaysAgo: 30, footageBytes: 1000 });

    const overview = await b.value<StorageOverview>('storage.overview', { limit: 2, offset: 0 });
    expect(overview.totalBytes).toBe(2 * (100 + 5000 + 1000) + 3 * 500);
    expect(overview.files).toBe(9);
    expect(overview.byKind).toEqual([
      { kind: 'raw', bytes: 12_200, files: 6 },
      { kind: 'export', bytes: 1500, files: 3 },
      { kind: 'photo', bytes: 0, files: 0 },
      { kind: 'thumbnail', bytes: 0, files: 0 },
    ]);
    expect(overview.flights.total).toBe(3);
    expect(overview.flights.items.map((f) => [f.passengerNames, f.bytes])).toEqual([
      ['Jon Berg', 10_500],
      ['Priya Natarajan', 2500],
    ]);
    expect(overview.flights.items[0]).toMatchObject({
      recordingId: big.id,
      sold: false,
      files: 3,
      bytesByKind: { raw: 10_000, export: 500, photo: 0, thumbnail: 0 },
      rawRemovedAt: null,
    });
    const next = await b.value<StorageOverview>('storage.overview', { limit: 2, offset: 2 });
    expect(next.flights.items.map((f) => f.recordingId)).toEqual([small.id]);
  });

  it('grows by what was recorded in the last 14 days, and counts the days left from the free disk', async () => {
    const b = await open();
    b.flight({ flownDaysAgo: 100, footageBytes: 1_000_000 }); // before the window: sets the kiosk's age
    b.f.storage(b.flight({ flownDaysAgo: 1 }).id, { bytes: 13_994_000, recorded_at: daysAgo(1) });
    const { growth, disk } = await b.value<StorageOverview>('storage.overview', {});
    // Yesterday's flight: 2 × 3,000 raw + 500 export + 13,994,000 more, averaged over the 14 days.
    expect(growth.days).toHaveLength(14);
    expect(growth.days.reduce((sum, d) => sum + d.bytes, 0)).toBe(13_994_000 + 6000 + 500);
    expect(growth.bytesPerDay).toBeCloseTo((13_994_000 + 6500) / 14);
    expect(disk.lowBytes).toBe(2 * 1024 ** 3);
    expect(growth.daysLeft).toBe(
      Math.max(0, Math.floor((disk.freeBytes! - disk.lowBytes) / growth.bytesPerDay)),
    );
  });

  it('says what the rules removed so far, and which flights', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 120, footageBytes: 800 });
    await b.value('storage.apply', {
      flights: [{ recordingId: flight.id, typedNames: flight.passengerNames }],
    });
    const overview = await b.value<StorageOverview>('storage.overview', {});
    expect(overview.removed).toEqual({ flights: 1, files: 2, bytes: 1600 });
    expect(overview.flights.items[0]).toMatchObject({
      recordingId: flight.id,
      rawRemovedAt: expect.any(String),
    });
  });
});
