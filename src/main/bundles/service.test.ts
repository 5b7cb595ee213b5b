import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase } from '../../../db/test-support';
import type { TempDatabase } from '../../../db/test-support';
import { getBundle, listBundles, upsertBundle } from './service';

let t: TempDatabase;
beforeEach(async () => {
  t = await openTempDatabase();
});
afterEach(() => t.dispose());

const usb = {
  code: 'video_usb',
  label: 'Video on USB',
  price_cents: 3000,
  includes_video: true,
  includes_photos: false,
  includes_airtour_photos: false,
  sort_order: 5,
};

describe('catalogue service', () => {
  it('refuses a new bundle whose code or name another has, and leaves that one as it was', async () => {
    const before = await getBundle(t.db, 'video_only');
    const namedLikeIt = { ...usb, code: 'video_only', label: 'Video only', price_cents: 500, adding: true };
    await expect(upsertBundle(t.db, namedLikeIt, null)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'There is already a bundle called “Video Only”: pick another name.',
    });
    const sameLabel = { ...usb, label: '  VIDEO ONLY ' };
    await expect(upsertBundle(t.db, sameLabel, null)).rejects.toMatchObject({ code: 'CONFLICT' });
    // Renaming a bundle to another's name is refused too; changing its own case is not.
    const renamed = { ...usb, code: 'photos_only', label: 'Video Only' };
    await expect(upsertBundle(t.db, renamed, null)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await getBundle(t.db, 'video_only')).toEqual(before);
    const ownCase = { ...usb, code: 'video_only', label: 'VIDEO ONLY', price_cents: 2500 };
    expect((await upsertBundle(t.db, ownCase, null)).label).toBe('VIDEO ONLY');
  });

  it('lists the seeded bundles in display order', async () => {
    expect((await listBundles(t.db)).map((b) => [b.code, b.price_cents])).toEqual([
      ['video_photos', 4500],
      ['video_only', 2500],
      ['video_airtour_photos', 5500],
      ['photos_only', 3500],
    ]);
  });

  it('adds a bundle an admin defines', async () => {
    const added = await upsertBundle(t.db, usb, null);
    expect(added).toMatchObject({ code: 'video_usb', price_cents: 3000, includes_video: 1, active: 1 });
    expect(await listBundles(t.db)).toHaveLength(5);
  });

  it('changes a price and records the old and new price', async () => {
    const admin = fixtures(t.sqlite).user({ role: 'admin' });
    const seeded = await getBundle(t.db, 'video_only');
    await upsertBundle(
      t.db,
      {
        code: 'video_only',
        label: 'Video Only',
        price_cents: 2700,
        includes_video: true,
        includes_photos: false,
        includes_airtour_photos: false,
      },
      admin.id,
    );
    expect((await getBundle(t.db, 'video_only'))?.price_cents).toBe(2700);
    expect((await getBundle(t.db, 'video_only'))?.sort_order).toBe(seeded?.sort_order);
    const audit = await t.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('entity_id', '=', 'video_only')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ user_id: admin.id, action: 'update', entity_type: 'bundle' });
    expect(JSON.parse(audit.before_summary ?? '{}').price_cents).toBe(2500);
    expect(JSON.parse(audit.after_summary ?? '{}').price_cents).toBe(2700);
  });

  it('hides a deactivated bundle from the sale screen but keeps it in the admin list', async () => {
    await upsertBundle(t.db, { ...usb, active: false }, null);
    expect((await listBundles(t.db)).map((b) => b.code)).not.toContain('video_usb');
    expect((await listBundles(t.db, { includeInactive: true })).map((b) => b.code)).toContain('video_usb');
  });

  it.each([
    ['a code with spaces', { code: 'video usb' }],
    ['a zero price', { price_cents: 0 }],
    ['a price in fractions of a cent', { price_cents: 29.99 }],
    ['a bundle with nothing in it', { includes_video: false }],
    ['an empty label', { label: ' ' }],
  ])('refuses %s', async (_case, change) => {
    await expect(upsertBundle(t.db, { ...usb, ...change }, null)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});

describe('upsertBundle on an existing bundle', () => {
  it('keeps a deactivated bundle inactive when only its price changes', async () => {
    await upsertBundle(t.db, { ...usb, active: false }, null);
    await upsertBundle(t.db, { ...usb, price_cents: 3200 }, null);
    expect(await getBundle(t.db, 'video_usb')).toMatchObject({ price_cents: 3200, active: 0 });
  });
});
