import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { localDay, type Viewer } from '../access/rules';
import { createSale } from '../sales/service';
import { recordSceneMedia } from './scenes';
import { createFlightRecording } from './service';
import { listRecordings } from './list';

const TODAY = localDay(new Date('2025-06-01T09:00:00.000Z'), 0);
const page = { limit: 50, offset: 0 };

let t: TempDatabase;
let admin: Viewer;
let tom: Viewer;
let erik: Viewer;

beforeAll(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  admin = { id: f.user({ name: 'Maria Lopez', role: 'admin' }).id, role: 'admin' };
  tom = { id: f.user({ name: 'Tom Reed', role: 'crew' }).id, role: 'crew' };
  erik = { id: f.user({ name: 'Erik Halvorsen', role: 'pilot' }).id, role: 'pilot' };
  const checkIn = (passenger_names: string, flight_at: string, extra: object = {}) =>
    createFlightRecording(t.db, { passenger_names, flight_at, ...extra }, admin.id);

  const keller = await checkIn('Anna & Ben Keller', '2025-05-30T10:00:00.000Z', {
    pilot_id: erik.id,
    staff_member: tom.id,
  });
  await checkIn('Priya Natarajan', '2025-05-31T10:00:00.000Z');
  await checkIn('Lukas Brandt', '2025-06-01T11:00:00.000Z');
  await createSale(
    t.db,
    { recording_id: keller.recording.id, bundle: 'video_only', payment_method: 'card' },
    tom.id,
  );
  await recordSceneMedia(
    t.db,
    keller.scenes[0]!.id,
    {
      camera1: { path: `media/${keller.recording.id}/cruising/camera1.mp4`, duration: 20, bytes: 10 },
      camera2: { path: `media/${keller.recording.id}/cruising/camera2.mp4`, duration: 20, bytes: 10 },
      camera_offset_ms: 0,
      status: 'recorded',
    },
    tom.id,
  );
});

afterAll(async () => {
  await t.dispose();
});

describe('listRecordings', () => {
  it('lists flights newest flight first, with pilot and staff names and the summary figures', async () => {
    const { items, total } = await listRecordings(t.db, admin, page, TODAY);
    expect(total).toBe(3);
    expect(items.map((r) => r.passengerNames)).toEqual([
      'Lukas Brandt',
      'Priya Natarajan',
      'Anna & Ben Keller',
    ]);
    expect(items[2]).toMatchObject({
      pilotId: erik.id,
      pilotName: 'Erik Halvorsen',
      staffMemberId: tom.id,
      staffMemberName: 'Tom Reed',
      sold: true,
      exportStatus: 'not_exported',
      sceneCount: 3,
      recordedSceneCount: 1,
      salesTotalCents: 2500,
    });
    expect(items[0]).toMatchObject({
      pilotName: null,
      staffMemberName: null,
      sold: false,
      salesTotalCents: 0,
    });
  });

  it('gives crew their assigned flights and today’s unassigned ones, with a total to match', async () => {
    const { items, total } = await listRecordings(t.db, tom, page, TODAY);
    expect(items.map((r) => r.passengerNames)).toEqual(['Lukas Brandt', 'Anna & Ben Keller']);
    expect(total).toBe(2);
  });

  it('gives a pilot the flights they flew', async () => {
    const { items, total } = await listRecordings(t.db, erik, page, TODAY);
    expect(items.map((r) => r.passengerNames)).toEqual(['Anna & Ben Keller']);
    expect(total).toBe(1);
  });

  it('pages through the list, keeping the total of all visible flights', async () => {
    const second = await listRecordings(t.db, admin, { limit: 1, offset: 1 }, TODAY);
    expect(second.items.map((r) => r.passengerNames)).toEqual(['Priya Natarajan']);
    expect(second.total).toBe(3);
  });
});
