// recording_summary on fixed data chosen so that any join fan-out (scenes x slots x segments x sales x files)
// would multiply the figures.
import { describe, expect, it } from 'vitest';
import { useFixtureDatabase } from './test-support';
import type { Fixtures, TempDatabase } from './test-support';

let t: TempDatabase;
let f: Fixtures;
useFixtureDatabase((database, rows) => {
  t = database;
  f = rows;
});

function summaryOf(id: string) {
  return t.sqlite.prepare('SELECT * FROM recording_summary WHERE id = ?').get(id) as Record<string, unknown>;
}

describe('recording_summary', () => {
  it('counts and sums each child table once, whatever the others hold', () => {
    const { id } = f.recording({ passenger_names: 'Anna & Ben Keller' });
    const cruising = f.scene(id, 'cruising', { status: 'recorded' });
    const chase = f.scene(id, 'chase', { status: 'recovered' });
    const arrival = f.scene(id, 'arrival', { status: 'failed' });
    f.segment(cruising.id, 1);
    f.segment(cruising.id, 2);
    f.segment(chase.id, 1);
    f.segment(chase.id, 2);
    f.segment(chase.id, 3);
    [cruising, cruising, cruising, chase, chase, chase, arrival, arrival].forEach((scene, i) =>
      f.slot(id, scene.id, i + 1),
    );
    f.sale(id, { bundle: 'video_only', amount_cents: 2500 });
    f.sale(id, { bundle: 'video_photos', amount_cents: 4500 });
    f.sale(id, {
      bundle: 'video_photos',
      amount_cents: 4500,
      status: 'voided',
      void_reason: 'rang up twice',
    });
    f.storage(id, { bytes: 1_000_000, scene_id: cruising.id });
    f.storage(id, { bytes: 2_000_000, scene_id: chase.id });
    f.storage(id, { bytes: 3_000_000, kind: 'export' });
    f.exportJob(id, { status: 'failed', created_at: '2025-06-01T10:00:00.000Z' });
    f.exportJob(id, { status: 'completed', created_at: '2025-06-01T10:05:00.000Z' });

    expect(summaryOf(id)).toMatchObject({
      id,
      passenger_names: 'Anna & Ben Keller',
      scene_count: 3,
      recorded_scene_count: 2,
      segment_count: 5,
      slot_count: 8,
      sales_count: 2,
      sales_total_cents: 7000,
      storage_bytes: 6_000_000,
      latest_export_status: 'completed',
    });
  });

  it('shows zeros and no export status for a recording with nothing yet', () => {
    const { id } = f.recording();
    expect(summaryOf(id)).toMatchObject({
      scene_count: 0,
      recorded_scene_count: 0,
      segment_count: 0,
      slot_count: 0,
      sales_count: 0,
      sales_total_cents: 0,
      storage_bytes: 0,
      latest_export_status: null,
    });
  });

  it("never counts another recording's rows", () => {
    const a = f.recording();
    const b = f.recording();
    f.sale(a.id, { amount_cents: 2500 });
    f.storage(a.id, { bytes: 10 });
    expect(summaryOf(b.id)).toMatchObject({ sales_count: 0, sales_total_cents: 0, storage_bytes: 0 });
  });

  it('has one row per flight recording', () => {
    for (let i = 0; i < 5; i++) f.scene(f.recording().id);
    expect(t.sqlite.prepare('SELECT count(*) FROM recording_summary').pluck().get()).toBe(5);
  });

  it('serves "latest unsold first" from idx_flight_recordings_unsold, without sorting', () => {
    const plan = t.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM recording_summary WHERE sold = 0 ORDER BY created_at DESC LIMIT 50`,
      )
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/SCAN r USING INDEX idx_flight_recordings_unsold/);
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});
