import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, fixtures, openTempDatabase } from '../../../db/test-support';
import type { TempDatabase } from '../../../db/test-support';
import type { Viewer } from '../access/rules';
import { upsertBundle, type BundleInput } from '../bundles/service';
import { listUnsoldRecordings } from '../recordings/dashboard';
import { createFlightRecording } from '../recordings/service';
import { NO_AIRTOUR_PHOTOS_YET, NO_PHOTOS_YET } from './files';
import { createSale, listSalesForRecording, voidSale } from './service';

let t: TempDatabase;
let crewId: string;
let crew: Viewer;
let recordingId: string;
beforeEach(async () => {
  t = await openTempDatabase();
  crewId = fixtures(t.sqlite).user({ role: 'crew', name: 'Maya' }).id;
  crew = { id: crewId, role: 'crew' };
  const { recording } = await createFlightRecording(
    t.db,
    { passenger_names: 'Anna', customer_email: 'anna@example.com', flight_at: '2025-06-01T09:30:00.000Z' },
    crewId,
  );
  recordingId = recording.id;
  film(recordingId);
});
afterEach(() => t.dispose());

/** The flight's cruising scene filmed: what the kiosk has before a video or stills can be made. */
const film = (id: string) =>
  t.sqlite
    .prepare(
      `UPDATE scene_recordings SET status = 'recorded' WHERE recording_id = ? AND scene_type = 'cruising'`,
    )
    .run(id);

const sellVideo = () =>
  createSale(t.db, { recording_id: recordingId, bundle: 'video_only', payment_method: 'card' }, crew);
/** A catalogue entry as an admin saves it: video only unless said otherwise. */
const saveBundle = (bundle: Pick<BundleInput, 'code' | 'label' | 'price_cents'> & Partial<BundleInput>) =>
  upsertBundle(
    t.db,
    { includes_video: true, includes_photos: false, includes_airtour_photos: false, ...bundle },
    null,
  );
const soldFlag = () =>
  t.sqlite.prepare('SELECT sold FROM flight_recordings WHERE id = ?').pluck().get(recordingId);

describe('createSale', () => {
  it('sells at the catalogue price, by the acting crew member, and marks the flight sold', async () => {
    const sale = await sellVideo();
    expect(sale).toMatchObject({
      amount_cents: 2500,
      currency: 'USD',
      staff_member: crewId,
      status: 'completed',
    });
    expect(soldFlag()).toBe(1);
    expect((await listUnsoldRecordings(t.db)).items).toHaveLength(0);
  });

  it('keeps the price it was sold at when the catalogue price changes later', async () => {
    const sale = await sellVideo();
    await saveBundle({ code: 'video_only', label: 'Video Only', price_cents: 2900 });
    expect((await listSalesForRecording(t.db, recordingId)).map((s) => s.amount_cents)).toEqual([
      sale.amount_cents,
    ]);
  });

  it('takes the customer contact from check-in unless given', async () => {
    const sale = await sellVideo();
    expect(sale.customer_email).toBe('anna@example.com');
  });

  it('refuses a bundle that is not for sale and leaves the flight unsold', async () => {
    await saveBundle({ code: 'video_usb', label: 'USB', price_cents: 3000, active: false });
    for (const bundle of ['video_usb', 'video_deluxe']) {
      await expect(
        createSale(t.db, { recording_id: recordingId, bundle, payment_method: 'cash' }, crew),
      ).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(soldFlag()).toBe(0);
    expect(countRows(t.sqlite, 'sales')).toBe(0);
  });

  describe('for a flight with no footage', () => {
    let unfilmed: string;
    beforeEach(async () => {
      const { recording } = await createFlightRecording(
        t.db,
        { passenger_names: 'Walk-in', flight_at: '2025-06-01T10:30:00.000Z' },
        crewId,
      );
      unfilmed = recording.id;
    });
    const sell = (bundle: string) =>
      createSale(t.db, { recording_id: unfilmed, bundle, payment_method: 'cash' }, crew);

    it('refuses a video bundle in plain words and leaves the flight unsold', async () => {
      for (const bundle of ['video_only', 'video_photos', 'video_airtour_photos']) {
        await expect(sell(bundle)).rejects.toMatchObject({
          code: 'VALIDATION',
          message:
            'This flight has no filmed footage yet, so a video bundle cannot be sold. Film a scene first, or sell a photos bundle.',
        });
      }
      expect(countRows(t.sqlite, 'sales')).toBe(0);
      expect(t.sqlite.prepare('SELECT sold FROM flight_recordings WHERE id = ?').pluck().get(unfilmed)).toBe(
        0,
      );
    });

    it('refuses a photos bundle while there are no photos and no footage to cut them from', async () => {
      await expect(sell('photos_only')).rejects.toMatchObject({
        code: 'VALIDATION',
        message: NO_PHOTOS_YET,
      });
    });

    it('sells an air-tour photos bundle once the photographer’s photos are imported', async () => {
      await saveBundle({
        code: 'airtour_only',
        label: 'Air-tour Photos',
        price_cents: 2000,
        includes_video: false,
        includes_airtour_photos: true,
      });
      await expect(sell('airtour_only')).rejects.toMatchObject({ message: NO_AIRTOUR_PHOTOS_YET });
      fixtures(t.sqlite).storage(unfilmed, {
        kind: 'photo',
        path: `media/${unfilmed}/photos/imported/IMG_0001.jpg`,
      });
      await expect(sell('airtour_only')).resolves.toMatchObject({ bundle: 'airtour_only' });
    });

    it('sells a video bundle once a scene is filmed', async () => {
      film(unfilmed);
      await expect(sell('video_only')).resolves.toMatchObject({ status: 'completed' });
    });
  });

  it('says NOT_FOUND for a flight that does not exist', async () => {
    await expect(
      createSale(t.db, { recording_id: randomUUID(), bundle: 'video_only', payment_method: 'card' }, crew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('records no sale when the flight cannot be marked sold', async () => {
    t.sqlite.exec(`CREATE TRIGGER refuse_sold BEFORE UPDATE OF sold ON flight_recordings
      BEGIN SELECT RAISE(ABORT, 'flight is locked'); END`);
    await expect(sellVideo()).rejects.toThrow(/flight is locked/);
    expect(countRows(t.sqlite, 'sales')).toBe(0);
    expect(countRows(t.sqlite, 'audit_logs', `entity_type = 'sale'`)).toBe(0);
  });
});

describe('voidSale', () => {
  it('returns the flight to the unsold list when its only sale is voided', async () => {
    const sale = await sellVideo();
    const voided = await voidSale(t.db, sale.id, { reason: 'rang up the wrong flight' }, crewId);
    expect(voided).toMatchObject({ status: 'voided', void_reason: 'rang up the wrong flight' });
    expect(soldFlag()).toBe(0);
  });

  it('keeps the flight sold while another sale stands', async () => {
    const first = await sellVideo();
    await createSale(
      t.db,
      { recording_id: recordingId, bundle: 'photos_only', payment_method: 'cash' },
      crew,
    );
    await voidSale(t.db, first.id, { reason: 'customer changed bundle', status: 'refunded' }, crewId);
    expect(soldFlag()).toBe(1);
  });

  it('refuses to undo a sale without a reason', async () => {
    const sale = await sellVideo();
    await expect(voidSale(t.db, sale.id, { reason: ' ' }, crewId)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('refuses to void a sale twice', async () => {
    const sale = await sellVideo();
    await voidSale(t.db, sale.id, { reason: 'duplicate' }, crewId);
    await expect(voidSale(t.db, sale.id, { reason: 'again' }, crewId)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
