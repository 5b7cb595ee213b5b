// The rules of bundles, sales, export_jobs and storage_usage, enforced by SQLite.
import { describe, expect, it } from 'vitest';
import { insertRow, useFixtureDatabase } from './test-support';
import type { Fixtures, TempDatabase } from './test-support';

let t: TempDatabase;
let f: Fixtures;
useFixtureDatabase((database, rows) => {
  t = database;
  f = rows;
});

describe('bundles', () => {
  it('is seeded with the operator catalogue and prices', () => {
    const rows = t.sqlite.prepare('SELECT code, label, price_cents FROM bundles ORDER BY sort_order').all();
    expect(rows).toEqual([
      { code: 'video_photos', label: 'Video + Photos', price_cents: 4500 },
      { code: 'video_only', label: 'Video Only', price_cents: 2500 },
      { code: 'video_airtour_photos', label: 'Video + Air-tour Photos', price_cents: 5500 },
      { code: 'photos_only', label: 'Photos Only', price_cents: 3500 },
    ]);
  });

  const bundle = { code: 'video_usb', label: 'Video on USB', price_cents: 3000, includes_video: 1 };

  it('accepts a new bundle an admin adds', () => {
    expect(() => insertRow(t.sqlite, 'bundles', bundle)).not.toThrow();
  });

  it.each([
    ['a zero price', { price_cents: 0 }, /chk_bundle_price_positive/],
    ['a price in fractions of a cent', { price_cents: 29.99 }, /cannot store REAL value in INTEGER column/],
    ['a code with capitals or spaces', { code: 'Video USB' }, /CHECK constraint failed/],
    ['a bundle that includes nothing', { includes_video: 0 }, /chk_bundle_includes_something/],
  ])('refuses %s', (_case, override, error) => {
    expect(() => insertRow(t.sqlite, 'bundles', { ...bundle, ...override })).toThrow(error);
  });
});

describe('sales', () => {
  it('accepts a completed card sale of a catalogue bundle', () => {
    const sale = f.sale(f.recording().id);
    expect(t.sqlite.prepare('SELECT status, void_reason FROM sales WHERE id = ?').get(sale.id)).toEqual({
      status: 'completed',
      void_reason: null,
    });
  });

  it('accepts a voided sale with a reason', () => {
    expect(() => f.sale(f.recording().id, { status: 'voided', void_reason: 'rang up twice' })).not.toThrow();
  });

  it.each([
    ['a bundle that is not in the catalogue', { bundle: 'video_deluxe' }, /FOREIGN KEY constraint failed/],
    ['a zero amount', { amount_cents: 0 }, /chk_sale_amount_positive/],
    ['a negative amount', { amount_cents: -2500 }, /chk_sale_amount_positive/],
    ['a missing amount', { amount_cents: null }, /NOT NULL constraint failed: sales.amount_cents/],
    ['an unknown payment method', { payment_method: 'voucher' }, /chk_payment_method/],
    ['an unknown status', { status: 'pending' }, /chk_sale_status/],
    ['a voided sale without a reason', { status: 'voided' }, /chk_sale_void_reason/],
    ['a completed sale with a void reason', { void_reason: 'oops' }, /chk_sale_void_reason/],
    ['a lower-case currency', { currency: 'usd' }, /CHECK constraint failed/],
    [
      'a recording that does not exist',
      { recording_id: 'no-such-recording' },
      /FOREIGN KEY constraint failed/,
    ],
  ])('refuses %s', (_case, override, error) => {
    expect(() => f.sale(f.recording().id, override)).toThrow(error);
  });

  it('refuses to delete a bundle that has been sold', () => {
    f.sale(f.recording().id, { bundle: 'video_photos' });
    expect(() => t.sqlite.prepare(`DELETE FROM bundles WHERE code = 'video_photos'`).run()).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });

  it('lets an unsold bundle be deleted', () => {
    expect(t.sqlite.prepare(`DELETE FROM bundles WHERE code = 'photos_only'`).run().changes).toBe(1);
  });
});

describe('export_jobs', () => {
  it('accepts a video job, pending at 0 progress with no attempts', () => {
    const job = f.exportJob(f.recording().id);
    expect(
      t.sqlite.prepare('SELECT status, progress, attempts FROM export_jobs WHERE id = ?').get(job.id),
    ).toEqual({
      status: 'pending',
      progress: 0,
      attempts: 0,
    });
  });

  it.each([
    ['an unknown kind', { kind: 'gif' }, /chk_export_job_kind/],
    ['an unknown status', { status: 'paused' }, /chk_export_job_status/],
    ['progress above 1', { progress: 1.5 }, /chk_export_job_progress/],
    ['negative progress', { progress: -0.1 }, /chk_export_job_progress/],
    ['negative attempts', { attempts: -1 }, /CHECK constraint failed/],
  ])('refuses %s', (_case, override, error) => {
    expect(() => f.exportJob(f.recording().id, override)).toThrow(error);
  });
});

describe('storage_usage', () => {
  it('accepts a raw file of a scene of the same recording', () => {
    const { id } = f.recording();
    const scene = f.scene(id);
    expect(() => f.storage(id, { scene_id: scene.id })).not.toThrow();
  });

  it.each([
    ['negative bytes', { bytes: -1 }, /chk_storage_bytes/],
    ['an unknown kind', { kind: 'backup' }, /chk_storage_kind/],
  ])('refuses %s', (_case, override, error) => {
    expect(() => f.storage(f.recording().id, override)).toThrow(error);
  });

  it('refuses the same path twice', () => {
    const { id } = f.recording();
    f.storage(id, { path: 'media/x/cruising/camera1.mp4' });
    expect(() => f.storage(id, { path: 'media/x/cruising/camera1.mp4' })).toThrow(/UNIQUE constraint failed/);
  });

  it("refuses a file of another recording's scene", () => {
    const theirScene = f.scene(f.recording().id);
    expect(() => f.storage(f.recording().id, { scene_id: theirScene.id })).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });
});
