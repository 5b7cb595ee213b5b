// Checkout through the real dispatcher and a real database file: which flights are ready to sell, what each
// bundle still needs, who may change the amount or sell for someone else, and voiding or refunding.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { Result } from '../../shared/errors';
import type { BundleCatalogue, BundleView } from '../../shared/bundles';
import type { CheckoutView, ReadyFlight, SaleView } from '../../shared/sales';
import { bundlesHandlers } from '../bundles/handlers';
import { createDataAccess } from '../data-access';
import { createDispatcher, type Dispatch, type SessionUser } from '../ipc/dispatch';
import { handlersWith } from '../ipc/test-support';
import { NO_FOOTAGE_FOR_VIDEO, NO_PHOTOS_YET } from './files';
import { salesHandlers } from './handlers';

const NOW = new Date('2025-06-01T12:00:00.000Z');

let t: TempDatabase;
let dispatch: Dispatch;
let admin: SessionUser;
let crew: SessionUser;
let otherCrew: SessionUser;
/** Filmed, video and stills made. */
let keller: string;
/** Filmed, nothing exported yet. */
let priya: string;
/** Checked in, not filmed. */
let walkIn: string;

beforeEach(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  const person = (name: string, role: 'admin' | 'crew'): SessionUser => ({
    id: f.user({ name, role }).id,
    name,
    role,
  });
  admin = person('Maria Lopez', 'admin');
  crew = person('Tom Reed', 'crew');
  otherCrew = person('Ana Silva', 'crew');
  const pilot = f.user({ name: 'Capt. Jo Whitaker', role: 'pilot' }).id;
  const flight = (passenger_names: string, o: Record<string, unknown> = {}) =>
    f.recording({
      passenger_names,
      flight_at: '2025-06-01T09:30:00.000Z',
      staff_member: crew.id,
      pilot_id: pilot,
      ...o,
    }).id;
  keller = flight('Anna & Ben Keller', {
    customer_email: 'anna@example.com',
    flight_at: '2025-06-01T10:30:00.000Z',
  });
  priya = flight('Priya Natarajan');
  walkIn = flight('Walk-in');
  for (const id of [keller, priya])
    f.scene(id, 'cruising', { status: 'recorded', camera1_path: `media/${id}/c1.mp4` });
  const videoPath = `media/${keller}/exports/job1.mp4`;
  f.exportJob(keller, {
    status: 'completed',
    output_path: videoPath,
    finished_at: '2025-06-01T11:00:00.000Z',
  });
  f.storage(keller, { kind: 'export', path: videoPath, bytes: 5_000_000 });
  const stillsFolder = `media/${keller}/photos/job2`;
  f.exportJob(keller, {
    kind: 'photos',
    status: 'completed',
    output_path: stillsFolder,
    finished_at: '2025-06-01T11:01:00.000Z',
  });
  for (const n of [1, 2, 3])
    f.storage(keller, { kind: 'photo', path: `${stillsFolder}/photo-0${n}.jpg`, bytes: 200_000 });

  const users = new Map([
    ['admin', admin],
    ['crew', crew],
    ['other', otherCrew],
  ]);
  const data = createDataAccess({ handle: t }, { now: () => NOW, utcOffsetMinutes: () => 0 });
  dispatch = createDispatcher({
    // The catalogue's channels too: the bundles tests below sell from it.
    handlers: handlersWith({ ...salesHandlers(data), ...bundlesHandlers(data) }),
    logger: pino({ level: 'silent' }),
    resolveUser: (session) => users.get(session) ?? null,
  });
});
afterEach(() => t.dispose());

async function call<T>(channel: string, input: unknown, session = 'crew'): Promise<Result<T>> {
  return (await dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;
}

async function value<T>(channel: string, input: unknown, session = 'crew'): Promise<T> {
  const result = await call<T>(channel, input, session);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);
const sell = (input: Record<string, unknown>, session = 'crew') =>
  call<SaleView>(
    'sales.create',
    { recordingId: keller, bundle: 'video_only', paymentMethod: 'card', ...input },
    session,
  );

describe('sales.ready', () => {
  it('lists unsold filmed flights, newest first, with their video and photos', async () => {
    const ready = await value<ReadyFlight[]>('sales.ready', {});
    expect(ready.map((flight) => flight.passengerNames)).toEqual(['Anna & Ben Keller', 'Priya Natarajan']);
    expect(ready[0]).toMatchObject({
      pilotName: 'Capt. Jo Whitaker',
      customerEmail: 'anna@example.com',
      videoUrl: `/media/${keller}/exports/job1.mp4`,
      stillCount: 3,
      airtourPhotoCount: 0,
    });
    expect(ready[1]).toMatchObject({ videoUrl: null, stillCount: 0 });
    expect(ready.find((flight) => flight.recordingId === walkIn)).toBeUndefined();
  });

  it('drops a flight once it is sold', async () => {
    expect(codeOf(await sell({}))).toBe('ok');
    const ready = await value<ReadyFlight[]>('sales.ready', {});
    expect(ready.map((flight) => flight.recordingId)).toEqual([priya]);
  });

  it('finds passengers by name in any script and case', async () => {
    const orjan = fixtures(t.sqlite).recording({
      passenger_names: 'Ørjan Østby',
      flight_at: '2025-06-01T08:00:00.000Z',
      staff_member: crew.id,
    }).id;
    fixtures(t.sqlite).scene(orjan, 'cruising', { status: 'recorded' });
    for (const search of ['ørjan', 'ØRJAN', 'østby'])
      expect((await value<ReadyFlight[]>('sales.ready', { search })).map((f) => f.recordingId)).toEqual([
        orjan,
      ]);
  });

  it('shows crew only the flights they may open', async () => {
    expect(await value<ReadyFlight[]>('sales.ready', {}, 'other')).toEqual([]);
  });
});

describe('sales.checkout', () => {
  it('offers every active bundle with what the flight still needs for it', async () => {
    const view = await value<CheckoutView>('sales.checkout', { recordingId: keller });
    expect(view.bundles.map((b) => [b.code, b.priceCents, b.missing])).toEqual([
      ['video_photos', 4500, null],
      ['video_only', 2500, null],
      ['video_airtour_photos', 5500, 'Not made yet: air-tour photos'],
      ['photos_only', 3500, null],
    ]);
    expect(view.flight.posterUrl).toBe(`/media/${keller}/exports/job1-poster.jpg`);
    expect(view.staff).toEqual([{ id: crew.id, name: 'Tom Reed' }]);
    const unexported = await value<CheckoutView>('sales.checkout', { recordingId: priya });
    expect(unexported.bundles.find((b) => b.code === 'video_photos')?.missing).toBe(
      'Not made yet: video and photos',
    );
  });

  it('shows which bundles a flight with no footage cannot be sold, and why', async () => {
    const filmed = await value<CheckoutView>('sales.checkout', { recordingId: priya });
    expect(filmed.bundles.every((b) => b.unavailable === null)).toBe(true);
    const view = await value<CheckoutView>('sales.checkout', { recordingId: walkIn });
    expect(view.bundles.map((b) => [b.code, b.unavailable])).toEqual([
      ['video_photos', NO_FOOTAGE_FOR_VIDEO],
      ['video_only', NO_FOOTAGE_FOR_VIDEO],
      ['video_airtour_photos', NO_FOOTAGE_FOR_VIDEO],
      ['photos_only', NO_PHOTOS_YET],
    ]);
  });

  it('lets an admin pick any active ground-crew member as the seller', async () => {
    const view = await value<CheckoutView>('sales.checkout', { recordingId: keller }, 'admin');
    expect(view.staff.map((s) => s.name)).toEqual(['Ana Silva', 'Maria Lopez', 'Tom Reed']);
  });

  it('says NOT_FOUND for a flight crew may not open', async () => {
    expect(codeOf(await call('sales.checkout', { recordingId: keller }, 'other'))).toBe('NOT_FOUND');
  });
});

describe('sales.create', () => {
  it('refuses a video bundle for a flight with no footage, in plain words', async () => {
    const result = await sell({ recordingId: walkIn });
    expect(!result.ok && result.error).toMatchObject({ code: 'VALIDATION', message: NO_FOOTAGE_FOR_VIDEO });
    expect(countRows(t.sqlite, 'sales')).toBe(0);
  });

  it('sells at the list price by the signed-in crew member and marks the flight sold', async () => {
    const sale = await value<SaleView>('sales.create', {
      recordingId: keller,
      bundle: 'video_photos',
      paymentMethod: 'cash',
      customerPhone: '+41 79 555 01 23',
    });
    expect(sale).toMatchObject({
      bundleLabel: 'Video + Photos',
      amountCents: 4500,
      listPriceCents: 4500,
      priceChangeReason: null,
      paymentMethod: 'cash',
      staffMemberName: 'Tom Reed',
      customerEmail: 'anna@example.com',
      customerPhone: '+41 79 555 01 23',
      status: 'completed',
      saleDate: NOW.toISOString(),
      receiptNumber: sale.id.slice(0, 8).toUpperCase(),
    });
    expect(t.sqlite.prepare('SELECT sold FROM flight_recordings WHERE id = ?').pluck().get(keller)).toBe(1);
  });

  it('lets an admin charge another amount only with a reason, keeping the list price beside it', async () => {
    expect(codeOf(await sell({ amountCents: 2000 }, 'admin'))).toBe('VALIDATION');
    const sale = await sell({ amountCents: 2000, priceChangeReason: 'Returning customer' }, 'admin');
    expect(sale.ok && sale.value).toMatchObject({
      amountCents: 2000,
      listPriceCents: 2500,
      priceChangeReason: 'Returning customer',
    });
  });

  it('refuses crew a changed amount or a sale in someone else’s name, and records nothing', async () => {
    expect(codeOf(await sell({ amountCents: 2000, priceChangeReason: 'friend' }))).toBe('FORBIDDEN');
    expect(codeOf(await sell({ staffMemberId: otherCrew.id }))).toBe('FORBIDDEN');
    expect(countRows(t.sqlite, 'sales')).toBe(0);
    // The list price sent back unchanged is not a change.
    expect(codeOf(await sell({ amountCents: 2500 }))).toBe('ok');
  });

  it('lets an admin record the sale for another crew member, but not for a pilot', async () => {
    const sale = await sell({ staffMemberId: otherCrew.id }, 'admin');
    expect(sale.ok && sale.value.staffMemberName).toBe('Ana Silva');
    const pilot = t.sqlite.prepare(`SELECT id FROM users WHERE role = 'pilot'`).pluck().get();
    expect(codeOf(await sell({ staffMemberId: pilot }, 'admin'))).toBe('VALIDATION');
  });

  it('refuses an invalid e-mail address or phone number in plain words', async () => {
    const email = await sell({ customerEmail: 'anna at example' });
    expect(!email.ok && email.error.message).toMatch(/e-mail/);
    expect(codeOf(await sell({ customerPhone: 'call me' }))).toBe('VALIDATION');
    expect(countRows(t.sqlite, 'sales')).toBe(0);
  });

  it('refuses a flight crew may not open', async () => {
    expect(codeOf(await sell({}, 'other'))).toBe('NOT_FOUND');
  });
});

describe('sales.get and sales.void', () => {
  it('shows crew their own sale and hides it from other crew', async () => {
    const sale = await sell({});
    const id = sale.ok ? sale.value.id : '';
    expect((await value<SaleView>('sales.get', { saleId: id })).bundle).toBe('video_only');
    expect(codeOf(await call('sales.get', { saleId: id }, 'other'))).toBe('NOT_FOUND');
  });

  it('lets an admin refund with a reason, audit-logged, and the flight is for sale again', async () => {
    const sale = await sell({});
    const id = sale.ok ? sale.value.id : '';
    expect(codeOf(await call('sales.void', { saleId: id, status: 'refunded', reason: 'Changed mind' }))).toBe(
      'FORBIDDEN',
    );
    const refunded = await value<SaleView>(
      'sales.void',
      { saleId: id, status: 'refunded', reason: 'Changed mind' },
      'admin',
    );
    expect(refunded).toMatchObject({ status: 'refunded', voidReason: 'Changed mind' });
    expect(countRows(t.sqlite, 'audit_logs', `entity_type = 'sale' AND action = 'refund'`)).toBe(1);
    const ready = await value<ReadyFlight[]>('sales.ready', {});
    expect(ready.map((flight) => flight.recordingId)).toContain(keller);
  });
});

describe('bundles', () => {
  const video = {
    code: 'video_only',
    label: 'Video Only',
    priceCents: 2900,
    includesVideo: true,
    includesPhotos: false,
    includesAirtourPhotos: false,
    active: true,
  };

  it('lets an admin change a price without changing past sales, and counts what sold', async () => {
    await sell({});
    const saved = await value<BundleView>('bundles.save', video, 'admin');
    expect(saved).toMatchObject({ priceCents: 2900, soldCount: 1 });
    const [past] = (await value<{ items: { amountCents: number }[] }>('sales.list', { limit: 10 }, 'admin'))
      .items;
    expect(past?.amountCents).toBe(2500);
  });

  it('keeps bundles taken off sale from crew but shows them to an admin', async () => {
    await value('bundles.save', { ...video, active: false }, 'admin');
    const crewList = await value<BundleCatalogue>('bundles.list', { includeInactive: true });
    expect(crewList.bundles.map((b) => b.code)).not.toContain('video_only');
    const adminList = await value<BundleCatalogue>('bundles.list', { includeInactive: true }, 'admin');
    expect(adminList.currency).toBe('USD');
    expect(adminList.bundles.find((b) => b.code === 'video_only')?.active).toBe(false);
    expect(codeOf(await call('bundles.save', video))).toBe('FORBIDDEN');
  });

  it('refuses a bundle with nothing in it or a price of zero', async () => {
    const nothing = await call('bundles.save', { ...video, includesVideo: false }, 'admin');
    expect(codeOf(nothing)).toBe('VALIDATION');
    expect(codeOf(await call('bundles.save', { ...video, priceCents: 0 }, 'admin'))).toBe('VALIDATION');
  });
});
