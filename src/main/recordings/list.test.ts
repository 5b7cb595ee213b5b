import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { recordingsChannels, type FlightFilter } from '../../shared/recordings';
import type { Viewer } from '../access/rules';
import { thumbUrl } from '../media/thumb-url';
import { markSceneRecording, restoreSceneStatus } from '../capture/scene-records';
import { createSale } from '../sales/service';
import { recordSceneMedia } from './scenes';
import { createFlightRecording } from './service';
import { calendarDayRange, listRecordings, type KioskClock } from './list';

// The kiosk is at UTC+2 and it is 11:00 there on 1 June: its "today" runs from 31 May 22:00 UTC.
const CLOCK: KioskClock = { now: new Date('2025-06-01T09:00:00.000Z'), utcOffsetMinutes: () => 120 };
const page = { limit: 50, offset: 0 };

let t: TempDatabase;
let admin: Viewer;
let tom: Viewer;
let maya: Viewer;
let erik: Viewer;
let jo: Viewer;
const ids: Record<string, string> = {};
const sceneIds: Record<string, string[]> = {};

const list = (viewer: Viewer, filter: FlightFilter = {}, paging = page) =>
  listRecordings(t.db, viewer, { ...paging, ...filter }, CLOCK);
const names = async (viewer: Viewer, filter: FlightFilter = {}) =>
  (await list(viewer, filter)).items.map((item) => item.passengerNames);

beforeAll(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  admin = { id: f.user({ name: 'Maria Lopez', role: 'admin' }).id, role: 'admin' };
  tom = { id: f.user({ name: 'Tom Reed', role: 'crew' }).id, role: 'crew' };
  maya = { id: f.user({ name: 'Maya Lindqvist', role: 'crew' }).id, role: 'crew' };
  erik = { id: f.user({ name: 'Erik Halvorsen', role: 'pilot' }).id, role: 'pilot' };
  jo = { id: f.user({ name: 'Jo Whitaker', role: 'pilot' }).id, role: 'pilot' };
  const checkIn = async (passenger_names: string, flight_at: string, extra: object = {}) => {
    const detail = await createFlightRecording(t.db, { passenger_names, flight_at, ...extra }, admin.id);
    ids[passenger_names] = detail.recording.id;
    sceneIds[passenger_names] = detail.scenes.map((scene) => scene.id);
    return detail;
  };

  const keller = await checkIn('Anna & Ben Keller', '2025-05-30T10:00:00.000Z', {
    pilot_id: erik.id,
    staff_member: tom.id,
  });
  // Local 31 May, 07:00 and 12:00.
  await checkIn('Early Bird', '2025-05-31T05:00:00.000Z', { pilot_id: jo.id, staff_member: maya.id });
  await checkIn('Priya Natarajan', '2025-05-31T10:00:00.000Z');
  // Local 1 June, 01:30 (still 31 May in UTC) and 13:00: today.
  await checkIn('Sofia Martínez', '2025-05-31T23:30:00.000Z', { staff_member: maya.id });
  await checkIn('Lukas Brandt', '2025-06-01T11:00:00.000Z', { pilot_id: erik.id });
  await checkIn('Future Flyer', '2025-06-03T08:00:00.000Z');
  await checkIn('100% Fun_Tours', '2025-05-20T10:00:00.000Z');

  t.sqlite
    .prepare(`UPDATE flight_recordings SET export_status = 'completed' WHERE id IN (?, ?)`)
    .run(ids['Priya Natarajan'], ids['Anna & Ben Keller']);
  const file = (recording: string, scene: string, camera: number) => ({
    path: `media/${recording}/${scene}/camera${camera}.mp4`,
    duration: 20,
    bytes: 10,
  });
  await recordSceneMedia(
    t.db,
    keller.scenes[0]!.id,
    {
      camera1: file(keller.recording.id, 'cruising', 1),
      camera2: file(keller.recording.id, 'cruising', 2),
      camera_offset_ms: 0,
      status: 'recorded',
    },
    tom.id,
  );
  // Sold once filmed: a video bundle needs footage (sales/files.ts bundleUnavailable).
  await createSale(
    t.db,
    { recording_id: keller.recording.id, bundle: 'video_only', payment_method: 'card' },
    tom,
  );
  // Lukas: cruising never filmed, chase only on camera 2 (camera 1 dropped out), arrival on both.
  const lukas = ids['Lukas Brandt']!;
  const [, lukasChase, lukasArrival] = sceneIds['Lukas Brandt']!;
  await recordSceneMedia(
    t.db,
    lukasChase!,
    { camera1: null, camera2: file(lukas, 'chase', 2), camera_offset_ms: null, status: 'recorded' },
    tom.id,
  );
  await recordSceneMedia(
    t.db,
    lukasArrival!,
    {
      camera1: file(lukas, 'arrival', 1),
      camera2: file(lukas, 'arrival', 2),
      camera_offset_ms: 0,
      status: 'recorded',
    },
    tom.id,
  );
});

afterAll(async () => {
  await t.dispose();
});

describe('listRecordings order', () => {
  it('puts today’s flights first in flight-time order, then the rest newest first', async () => {
    expect(await names(admin)).toEqual([
      'Sofia Martínez',
      'Lukas Brandt',
      'Future Flyer',
      'Priya Natarajan',
      'Early Bird',
      'Anna & Ben Keller',
      '100% Fun_Tours',
    ]);
  });

  it('says which calendar day is today on the kiosk’s clock', async () => {
    expect((await list(admin)).today).toBe('2025-06-01');
    const late = { now: new Date('2025-06-01T23:00:00.000Z'), utcOffsetMinutes: () => 120 };
    expect((await listRecordings(t.db, admin, page, late)).today).toBe('2025-06-02');
  });

  it('gives pilot and staff names and the summary figures', async () => {
    const { items, total } = await list(admin);
    expect(total).toBe(7);
    expect(items.find((item) => item.id === ids['Anna & Ben Keller'])).toMatchObject({
      pilotId: erik.id,
      pilotName: 'Erik Halvorsen',
      staffMemberId: tom.id,
      staffMemberName: 'Tom Reed',
      sold: true,
      exportStatus: 'completed',
      sceneCount: 3,
      recordedSceneCount: 1,
      salesTotalCents: 2500,
    });
    expect(items.find((item) => item.id === ids['Future Flyer'])).toMatchObject({
      pilotName: null,
      staffMemberName: null,
      sold: false,
      salesTotalCents: 0,
      recordedSceneCount: 0,
    });
  });

  it('pages through the same order, keeping the total of all matching flights', async () => {
    const second = await list(admin, {}, { limit: 2, offset: 2 });
    expect(second.items.map((r) => r.passengerNames)).toEqual(['Future Flyer', 'Priya Natarajan']);
    expect(second.total).toBe(7);
    const past = await list(admin, {}, { limit: 2, offset: 10 });
    expect(past).toMatchObject({ items: [], total: 7 });
  });
});

describe('listRecordings filters', () => {
  it('narrows to one calendar day on the kiosk’s clock, in flight-time order', async () => {
    expect(await names(admin, { day: '2025-05-31' })).toEqual(['Early Bird', 'Priya Natarajan']);
    expect(await names(admin, { day: '2025-06-01' })).toEqual(['Sofia Martínez', 'Lukas Brandt']);
    expect(await names(admin, { day: '2025-06-02' })).toEqual([]);
  });

  it('narrows to one pilot', async () => {
    expect(await names(admin, { pilotId: erik.id })).toEqual(['Lukas Brandt', 'Anna & Ben Keller']);
    expect(await names(admin, { pilotId: jo.id })).toEqual(['Early Bird']);
  });

  it('narrows to one staff member', async () => {
    expect(await names(admin, { staffMemberId: maya.id })).toEqual(['Sofia Martínez', 'Early Bird']);
  });

  it('narrows to unsold, exported or sold flights', async () => {
    expect(await names(admin, { status: 'sold' })).toEqual(['Anna & Ben Keller']);
    expect(await names(admin, { status: 'exported' })).toEqual(['Priya Natarajan', 'Anna & Ben Keller']);
    expect(await names(admin, { status: 'unsold' })).toEqual([
      'Sofia Martínez',
      'Lukas Brandt',
      'Future Flyer',
      'Priya Natarajan',
      'Early Bird',
      '100% Fun_Tours',
    ]);
  });

  it('finds passengers by any part of a name, in any case', async () => {
    expect(await names(admin, { search: 'keller' })).toEqual(['Anna & Ben Keller']);
    expect(await names(admin, { search: 'BEN K' })).toEqual(['Anna & Ben Keller']);
    expect(await names(admin, { search: 'mart' })).toEqual(['Sofia Martínez']);
    expect(await names(admin, { search: 'zz' })).toEqual([]);
  });

  it('treats % and _ in a search as plain characters, not wildcards', async () => {
    expect(await names(admin, { search: '%' })).toEqual(['100% Fun_Tours']);
    expect(await names(admin, { search: '_' })).toEqual(['100% Fun_Tours']);
    expect(await names(admin, { search: 'l_kas' })).toEqual([]);
    expect(await names(admin, { search: 'anna%keller' })).toEqual([]);
  });

  it('ignores a search of only spaces', async () => {
    expect((await list(admin, { search: '   ' })).total).toBe(7);
  });

  it('combines filters, and counts only what matches', async () => {
    const result = await list(admin, { staffMemberId: tom.id, status: 'sold', search: 'anna' });
    expect(result.items.map((item) => item.passengerNames)).toEqual(['Anna & Ben Keller']);
    expect(result.total).toBe(1);
    expect((await list(admin, { pilotId: erik.id, day: '2025-06-01' })).total).toBe(1);
  });
});

describe('listRecordings access rules under filters', () => {
  it('gives crew their assigned flights and today’s unassigned ones, whatever the filter', async () => {
    expect(await names(tom)).toEqual(['Lukas Brandt', 'Anna & Ben Keller']);
    // Priya is unassigned but from yesterday; Sofia is Maya's.
    expect(await names(tom, { search: 'priya' })).toEqual([]);
    expect(await names(tom, { staffMemberId: maya.id })).toEqual([]);
    expect((await list(tom, { day: '2025-05-31' })).total).toBe(0);
  });

  it('gives a pilot only the flights they flew, even when asking for another pilot', async () => {
    expect(await names(erik)).toEqual(['Lukas Brandt', 'Anna & Ben Keller']);
    expect(await names(erik, { pilotId: jo.id })).toEqual([]);
    expect((await list(erik, { status: 'unsold' })).total).toBe(1);
  });
});

describe('listRecordings posters', () => {
  const sceneVersion = (sceneId: string) =>
    String(
      Date.parse(
        (
          t.sqlite.prepare('SELECT updated_at FROM scene_recordings WHERE id = ?').get(sceneId) as {
            updated_at: string;
          }
        ).updated_at,
      ),
    );

  it('shows camera 1 of the first filmed scene, versioned by the scene’s last change', async () => {
    const keller = (await list(admin)).items.find((item) => item.id === ids['Anna & Ben Keller'])!;
    const cruising = sceneIds['Anna & Ben Keller']![0]!;
    expect(keller.posterUrl).toBe(thumbUrl(cruising, 1, 'poster', sceneVersion(cruising)));
  });

  it('falls back to camera 2 when the first filmed scene has only that', async () => {
    const lukas = (await list(admin)).items.find((item) => item.id === ids['Lukas Brandt'])!;
    const chase = sceneIds['Lukas Brandt']![1]!;
    expect(lukas.posterUrl).toBe(thumbUrl(chase, 2, 'poster', sceneVersion(chase)));
  });

  it('has no poster for a flight with no footage yet', async () => {
    const future = (await list(admin)).items.find((item) => item.id === ids['Future Flyer'])!;
    expect(future.posterUrl).toBeNull();
  });
});

describe('listRecordings takes in progress', () => {
  const TAKE = { takeId: '7d3f4c2a-9b1e-4f6a-8c5d-2e7b9a1f3c4d', startedAt: '2025-06-01T08:59:00.000Z' };
  const filmingScene = async (passengers: string) =>
    (await list(admin)).items.find((item) => item.id === ids[passengers])!.filmingScene;

  it('names the scene a take is filming on some screen of the kiosk', async () => {
    const chase = await t.db
      .selectFrom('scene_recordings')
      .selectAll()
      .where('id', '=', sceneIds['Priya Natarajan']![1]!)
      .executeTakeFirstOrThrow();
    await markSceneRecording(t.db, chase, TAKE, tom.id);
    expect(await filmingScene('Priya Natarajan')).toBe('chase');
    expect(await filmingScene('Future Flyer')).toBeNull();
  });

  it('names none once the take is over', async () => {
    const chase = sceneIds['Priya Natarajan']![1]!;
    await restoreSceneStatus(
      t.db,
      chase,
      { status: 'pending', startedAt: null, takeId: TAKE.takeId, reason: 'thrown away' },
      { action: 'capture.discard', actingUserId: tom.id },
    );
    expect(await filmingScene('Priya Natarajan')).toBeNull();
  });
});

describe('recordings.list input', () => {
  const input = recordingsChannels['recordings.list'].input;

  it('still accepts a bare page request, with the old defaults', () => {
    expect(input.parse({})).toEqual({ limit: 50, offset: 0 });
  });

  it('accepts every filter together', () => {
    const filter = {
      day: '2025-06-01',
      pilotId: erik.id,
      staffMemberId: tom.id,
      status: 'sold',
      search: ' a ',
    };
    expect(input.parse(filter)).toMatchObject({ ...filter, search: 'a' });
  });

  it.each([
    ['a day that does not exist', { day: '2025-02-30' }],
    ['a day with a time', { day: '2025-06-01T00:00' }],
    ['an unknown status', { status: 'refunded' }],
    ['a pilot that is not an id', { pilotId: 'Erik' }],
    ['a search longer than 100 characters', { search: 'x'.repeat(101) }],
  ])('refuses %s', (_name, bad) => {
    expect(input.safeParse(bad).success).toBe(false);
  });
});

describe('calendarDayRange', () => {
  it('is the kiosk’s local midnight to midnight, in UTC', () => {
    expect(calendarDayRange('2025-06-01', () => 120)).toEqual({
      start: '2025-05-31T22:00:00.000Z',
      end: '2025-06-01T22:00:00.000Z',
    });
    expect(calendarDayRange('2025-01-01', () => -300)).toEqual({
      start: '2025-01-01T05:00:00.000Z',
      end: '2025-01-02T05:00:00.000Z',
    });
  });
});
