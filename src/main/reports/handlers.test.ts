// The reports channels through the real dispatcher: plain refusals of bad ranges, admins only, and no input
// derived from the examples that crashes a handler.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { contract } from '../../shared/contract';
import { REPORT_MAX_DAYS, type SalesReportView } from '../../shared/reports';
import { createDataAccess } from '../data-access';
import { createDispatcher, type Dispatch, type SessionUser } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import type { SystemService } from '../system/service';
import { seedReportData, UTC_PLUS_2 } from './test-support';

let t: TempDatabase;
let dispatch: Dispatch;
const people: Record<string, SessionUser> = {
  admin: { id: 'a', name: 'Ada', role: 'admin' },
  crew: { id: 'c', name: 'Maya', role: 'crew' },
  pilot: { id: 'p', name: 'Erik', role: 'pilot' },
};
beforeEach(async () => {
  t = await openTempDatabase();
  seedReportData(t.sqlite);
  const data = createDataAccess({ handle: t }, { utcOffsetMinutes: UTC_PLUS_2 });
  dispatch = createDispatcher({
    handlers: createHandlers({ system: {} as SystemService, data }),
    logger: pino({ level: 'silent' }),
    resolveUser: (session) => people[session] ?? null,
  });
});
afterEach(() => t.dispose());

const call = (channel: string, input: unknown, session = 'admin') =>
  dispatch({ channel, input, session, transport: 'websocket' });

describe('reports.sales', () => {
  it('answers an admin with the report of the range', async () => {
    const result = await call('reports.sales', { from: '2026-11-30', to: '2026-12-02' });
    expect(result.ok && result.value).toMatchObject({ days: 3, kpis: { flights: 6, revenueCents: 16000 } });
  });

  it('is for admins only', async () => {
    for (const session of ['crew', 'pilot']) {
      const result = await call('reports.sales', { from: '2026-11-30', to: '2026-12-02' }, session);
      expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    }
    const signedOut = await call('reports.csv', { from: '2026-11-30', to: '2026-12-02', kind: 'daily' }, '');
    expect(!signedOut.ok && signedOut.error.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [{ from: '2026-12-02', to: '2026-11-30' }, 'The first day must not be after the last day.'],
    [{ from: '2025-01-01', to: '2026-01-02' }, `A report covers at most ${REPORT_MAX_DAYS} days.`],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'That day is not on the calendar.'],
    [{ from: '2 Dec 2026', to: '2026-12-02' }, 'Give the day as year-month-day'],
    [{ from: '2026-12-01' }, 'Give the day as year-month-day'],
  ])('refuses %j in plain words', async (input, message) => {
    const result = await call('reports.sales', input);
    expect(!result.ok && result.error.code).toBe('VALIDATION');
    expect(JSON.stringify(!result.ok && result.error)).toContain(message);
  });

  it('takes a full leap year of 366 days', async () => {
    const result = await call('reports.sales', { from: '2028-01-01', to: '2028-12-31' });
    expect(result.ok && (result.value as SalesReportView).byDay).toHaveLength(366);
  });
});

describe('reports.csv', () => {
  it('refuses a kind of file it does not make', async () => {
    const result = await call('reports.csv', { from: '2026-11-30', to: '2026-12-02', kind: 'passwords' });
    expect(!result.ok && result.error.code).toBe('VALIDATION');
  });
});

describe('robustness', () => {
  const mutations = (example: Record<string, unknown>): unknown[] => [
    null,
    'text',
    [],
    {},
    { ...example, extra: 1 },
    ...Object.keys(example).flatMap((key) =>
      [null, 0, -1, 1e308, '', ' ', '9999-99-99', '0000-01-01', '2026-12-02T00:00', {}, [], true, 'x'.repeat(10_000)].map(
        (value) => ({ ...example, [key]: value }),
      ),
    ),
  ]; // prettier-ignore

  it('answers every mutation of the examples with a Result, never a crash', async () => {
    for (const channel of ['reports.sales', 'reports.csv'] as const) {
      const example = contract[channel].example as Record<string, unknown>;
      for (const input of mutations(example)) {
        const result = await call(channel, input);
        if (!result.ok) expect([channel, input, result.error.code]).toEqual([channel, input, 'VALIDATION']);
      }
    }
  });
});
