// Each rule on one fixed set of rows, checked twice: the pure predicate and the kysely filter must agree
// with the expected table, so a list and a single-row check can never disagree about who sees what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import {
  canSeeRecording,
  canSeeSale,
  canSeeUser,
  localDay,
  recordingVisibleTo,
  saleVisibleTo,
  userVisibleTo,
  type Viewer,
} from './rules';

describe('localDay', () => {
  it('is the UTC calendar day for a kiosk on UTC', () => {
    expect(localDay(new Date('2025-06-01T09:00:00.000Z'), 0)).toEqual({
      start: '2025-06-01T00:00:00.000Z',
      end: '2025-06-02T00:00:00.000Z',
    });
  });

  it('starts at local midnight east of UTC, even when UTC is still on the day before', () => {
    // 00:30 on 1 June in UTC+2 is 22:30 on 31 May in UTC.
    expect(localDay(new Date('2025-05-31T22:30:00.000Z'), 120)).toEqual({
      start: '2025-05-31T22:00:00.000Z',
      end: '2025-06-01T22:00:00.000Z',
    });
  });

  it('starts at local midnight west of UTC, even when UTC is already on the next day', () => {
    // 21:00 on 1 June in UTC-5 is 02:00 on 2 June in UTC.
    expect(localDay(new Date('2025-06-02T02:00:00.000Z'), -300)).toEqual({
      start: '2025-06-01T05:00:00.000Z',
      end: '2025-06-02T05:00:00.000Z',
    });
  });
});

const NOW = new Date('2025-06-01T09:00:00.000Z');
const TODAY = localDay(NOW, 120); // UTC+2: 2025-05-31T22:00Z .. 2025-06-01T22:00Z

let t: TempDatabase;
const people: Record<'admin' | 'crewA' | 'crewB' | 'pilotA' | 'pilotB', Viewer> = {} as never;
const flights: Record<string, string> = {};
const sales: Record<string, string> = {};

beforeAll(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  for (const [key, name, role] of [
    ['admin', 'Maria Lopez', 'admin'],
    ['crewA', 'Tom Reed', 'crew'],
    ['crewB', 'Ana Silva', 'crew'],
    ['pilotA', 'Erik Halvorsen', 'pilot'],
    ['pilotB', 'Jo Whitaker', 'pilot'],
  ] as const) {
    people[key] = { id: f.user({ name, role }).id, role };
  }
  const flight = (name: string, row: Record<string, string | null>) => {
    flights[name] = f.recording({ passenger_names: name, ...row }).id;
  };
  flight('created by crew A, days ago', {
    created_by: people.crewA.id,
    flight_at: '2025-05-28T10:00:00.000Z',
  });
  flight('assigned to crew A, flown by pilot A', {
    created_by: people.admin.id,
    staff_member: people.crewA.id,
    pilot_id: people.pilotA.id,
    flight_at: '2025-05-29T10:00:00.000Z',
  });
  flight('assigned to crew B, flown by pilot B', {
    staff_member: people.crewB.id,
    pilot_id: people.pilotB.id,
    flight_at: '2025-06-01T08:00:00.000Z',
  });
  flight('unassigned, early today local time (yesterday in UTC)', { flight_at: '2025-05-31T23:00:00.000Z' });
  flight('unassigned, late yesterday local time', { flight_at: '2025-05-31T21:59:59.999Z' });
  flight('unassigned, midnight tonight local time', { flight_at: '2025-06-01T22:00:00.000Z' });
  flight('unassigned today, flown by pilot A', {
    pilot_id: people.pilotA.id,
    flight_at: '2025-06-01T12:00:00.000Z',
  });

  sales['sold by crew A'] = f.sale(flights['created by crew A, days ago']!, {
    staff_member: people.crewA.id,
  }).id;
  sales['sold by crew B'] = f.sale(flights['assigned to crew B, flown by pilot B']!, {
    staff_member: people.crewB.id,
  }).id;
  sales['seller unknown'] = f.sale(flights['unassigned today, flown by pilot A']!, { staff_member: null }).id;
});

afterAll(async () => {
  await t.dispose();
});

const namesOf = (ids: Record<string, string>, visible: string[]) =>
  Object.entries(ids)
    .filter(([, id]) => visible.includes(id))
    .map(([name]) => name);

const allFlights = () => Object.keys(flights);

const expectedFlights: Record<keyof typeof people, () => string[]> = {
  admin: allFlights,
  crewA: () => [
    'created by crew A, days ago',
    'assigned to crew A, flown by pilot A',
    'unassigned, early today local time (yesterday in UTC)',
    'unassigned today, flown by pilot A',
  ],
  crewB: () => [
    'assigned to crew B, flown by pilot B',
    'unassigned, early today local time (yesterday in UTC)',
    'unassigned today, flown by pilot A',
  ],
  pilotA: () => ['assigned to crew A, flown by pilot A', 'unassigned today, flown by pilot A'],
  pilotB: () => ['assigned to crew B, flown by pilot B'],
};

const flightRuleCases = [
  ['an admin sees every flight', 'admin'],
  ['crew see flights they created or are assigned to, and today’s unassigned ones', 'crewA'],
  ['other crew see their own assignments and the same unassigned ones of today', 'crewB'],
  ['a pilot sees the flights they flew', 'pilotA'],
  ['another pilot sees only their own flight', 'pilotB'],
] as const;

describe('the flight recordings rule', () => {
  it.each(flightRuleCases)('as a filter: %s', async (_name, who) => {
    const rows = await t.db
      .selectFrom('flight_recordings as r')
      .select('r.id')
      .where(recordingVisibleTo(people[who], TODAY))
      .execute();
    expect(
      namesOf(
        flights,
        rows.map((r) => r.id),
      ).sort(),
    ).toEqual(expectedFlights[who]().sort());
  });

  it.each(flightRuleCases)('as a predicate on one row: %s', async (_name, who) => {
    const rows = await t.db.selectFrom('flight_recordings').selectAll().execute();
    const visible = rows.filter((row) => canSeeRecording(people[who], row, TODAY)).map((row) => row.id);
    expect(namesOf(flights, visible).sort()).toEqual(expectedFlights[who]().sort());
  });
});

const expectedSales: Record<keyof typeof people, string[]> = {
  admin: ['sold by crew A', 'sold by crew B', 'seller unknown'],
  crewA: ['sold by crew A'],
  crewB: ['sold by crew B'],
  pilotA: [],
  pilotB: [],
};

describe('the sales rule', () => {
  it.each([
    ['an admin sees every sale', 'admin'],
    ['crew see the sales they made', 'crewA'],
    ['other crew see theirs', 'crewB'],
    ['a pilot sees no sales', 'pilotA'],
  ] as const)('%s (filter and predicate agree)', async (_name, who) => {
    const filtered = await t.db
      .selectFrom('sales as s')
      .select('s.id')
      .where(saleVisibleTo(people[who]))
      .execute();
    expect(
      namesOf(
        sales,
        filtered.map((s) => s.id),
      ).sort(),
    ).toEqual([...expectedSales[who]].sort());
    const rows = await t.db.selectFrom('sales').selectAll().execute();
    const predicate = rows.filter((row) => canSeeSale(people[who], row)).map((row) => row.id);
    expect(namesOf(sales, predicate).sort()).toEqual([...expectedSales[who]].sort());
  });
});

describe('the users rule', () => {
  it.each([
    ['an admin sees everyone', 'admin', 5],
    ['crew see only their own row', 'crewA', 1],
    ['a pilot sees only their own row', 'pilotB', 1],
  ] as const)('%s (filter and predicate agree)', async (_name, who, count) => {
    const viewer = people[who];
    const filtered = await t.db
      .selectFrom('users as u')
      .select('u.id')
      .where(userVisibleTo(viewer))
      .execute();
    expect(filtered).toHaveLength(count);
    if (count === 1) expect(filtered[0]?.id).toBe(viewer.id);
    const rows = await t.db.selectFrom('users').select('id').execute();
    expect(rows.filter((row) => canSeeUser(viewer, row))).toHaveLength(count);
  });
});
