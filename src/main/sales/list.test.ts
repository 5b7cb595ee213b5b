import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { Viewer } from '../access/rules';
import { createFlightRecording } from '../recordings/service';
import { listSales } from './list';
import { createSale } from './service';

let t: TempDatabase;
let admin: Viewer;
let tom: Viewer;
let ana: Viewer;
let kellerId: string;

beforeAll(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  admin = { id: f.user({ name: 'Maria Lopez', role: 'admin' }).id, role: 'admin' };
  tom = { id: f.user({ name: 'Tom Reed', role: 'crew' }).id, role: 'crew' };
  ana = { id: f.user({ name: 'Ana Silva', role: 'crew' }).id, role: 'crew' };
  const flight = async (name: string) =>
    (
      await createFlightRecording(
        t.db,
        { passenger_names: name, flight_at: '2025-06-01T09:30:00.000Z' },
        tom.id,
      )
    ).recording.id;
  kellerId = await flight('Anna & Ben Keller');
  const priya = await flight('Priya Natarajan');
  // Both filmed: a bundle needs footage to be sold (files.ts bundleUnavailable).
  t.sqlite.prepare(`UPDATE scene_recordings SET status = 'recorded'`).run();
  const sell = (recording_id: string, bundle: string, seller: Viewer, sale_date: string) =>
    createSale(t.db, { recording_id, bundle, payment_method: 'card', sale_date }, seller);
  await sell(kellerId, 'video_only', tom, '2025-06-01T10:00:00.000Z');
  await sell(priya, 'video_photos', ana, '2025-06-01T11:00:00.000Z');
  await sell(kellerId, 'photos_only', tom, '2025-06-01T12:00:00.000Z');
});

afterAll(async () => {
  await t.dispose();
});

const page = { limit: 50, offset: 0 };

describe('listSales', () => {
  it('shows an admin every sale, newest first, with passenger and seller names', async () => {
    const { items, total } = await listSales(t.db, admin, page);
    expect(total).toBe(3);
    expect(items.map((s) => [s.passengerNames, s.bundle, s.staffMemberName])).toEqual([
      ['Anna & Ben Keller', 'photos_only', 'Tom Reed'],
      ['Priya Natarajan', 'video_photos', 'Ana Silva'],
      ['Anna & Ben Keller', 'video_only', 'Tom Reed'],
    ]);
    expect(items[2]).toMatchObject({
      amountCents: 2500,
      currency: 'USD',
      paymentMethod: 'card',
      status: 'completed',
    });
  });

  it('shows crew only the sales they made', async () => {
    const { items, total } = await listSales(t.db, ana, page);
    expect(items.map((s) => s.passengerNames)).toEqual(['Priya Natarajan']);
    expect(total).toBe(1);
  });

  it('narrows to one flight, still within what the viewer may see', async () => {
    expect((await listSales(t.db, admin, { ...page, recordingId: kellerId })).total).toBe(2);
    expect((await listSales(t.db, ana, { ...page, recordingId: kellerId })).items).toEqual([]);
  });
});
