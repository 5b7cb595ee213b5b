// For the problem and diagnostics tests: a real database file in a data folder with a log folder, an admin, a
// crew member and a pilot with real PIN hashes, a flight with a customer's contact details, a fake USB drive
// (a real temp folder), and the problem channels behind the real dispatcher, so input checks and roles apply.
import { rmSync } from 'node:fs';
import { pino } from 'pino';
import { openTempDatabase, fixtures, makeTempDir, type TempDatabase } from '../../../db/test-support';
import type { Result } from '../../shared/errors';
import type { SystemInfo } from '../../shared/system';
import { addTestPerson, testClock, type TestClock } from '../auth/test-support';
import { createDataAccess, type DataAccess } from '../data-access';
import type { TargetRoot } from '../delivery/targets';
import { createHealthService, type HealthService } from '../health/service';
import { createDispatcher, type Dispatch, type SessionUser } from '../ipc/dispatch';
import { handlersWith, valueOf } from '../ipc/test-support';
import { problemsHandlers } from './handlers';
import { createProblemsService, type ProblemsService } from './service';

export const NOW = '2026-12-02T10:00:00.000Z';
export const CUSTOMER = {
  passengerNames: 'Anna-Katharina & Benedikt Keller-Hohenberg',
  email: 'anna.keller@example.com',
  phone: '+41 79 123 45 67',
};

export interface ProblemsBench {
  t: TempDatabase;
  dataDir: string;
  drive: TargetRoot;
  data: DataAccess;
  clock: TestClock;
  admin: SessionUser;
  crew: SessionUser;
  pilot: SessionUser;
  /** Today's flight, assigned to the crew member and flown by the pilot, with the customer's details. */
  flightId: string;
  /** Another crew member's flight from last week: the crew member may not see it. */
  hiddenFlightId: string;
  service: ProblemsService;
  health: HealthService;
  call<T>(channel: string, input: unknown, session?: string): Promise<Result<T>>;
  value<T>(channel: string, input: unknown, session?: string): Promise<T>;
  dispose(): Promise<void>;
}

export const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);

export async function openProblemsBench(): Promise<ProblemsBench> {
  const t = await openTempDatabase();
  const dataDir = t.dir;
  const driveDir = makeTempDir('magnum-diag-drive-');
  const drive: TargetRoot = { dir: driveDir, label: 'Drive TESTSTICK', kind: 'drive' };
  const clock = testClock(NOW);
  const person = async (name: string, role: SessionUser['role'], pin: string): Promise<SessionUser> => ({
    id: await addTestPerson(t.db, clock, { name, role, pin }),
    name,
    role,
  });
  const admin = await person('Maria Lopez', 'admin', '482100');
  const crew = await person('Tom Reed', 'crew', '135700');
  const pilot = await person('Capt. Jo Whitaker', 'pilot', '246800');
  const otherCrew = await person('Ana Silva', 'crew', '975300');

  const rows = fixtures(t.sqlite);
  const flightId = rows.recording({
    passenger_names: CUSTOMER.passengerNames,
    customer_email: CUSTOMER.email,
    customer_phone: CUSTOMER.phone,
    staff_member: crew.id,
    pilot_id: pilot.id,
    flight_at: '2026-12-02T09:00:00.000Z',
  }).id;
  const hiddenFlightId = rows.recording({
    passenger_names: 'Priya Natarajan',
    staff_member: otherCrew.id,
    flight_at: '2026-11-25T09:00:00.000Z',
  }).id;

  const data = createDataAccess({ handle: t }, { now: clock.now, utcOffsetMinutes: () => 0 });
  const logger = pino({ level: 'silent' });
  const health = createHealthService({
    data,
    databasePath: t.path,
    logger,
    lastBackup: async () => ({ at: '2026-12-01T22:00:00.000Z' }),
    freeBytes: async () => 40 * 1024 ** 3,
    weeklyCheck: false,
  });
  const systemInfo = async (): Promise<SystemInfo> => ({
    appName: 'MagnumStream',
    version: '0.1.0',
    host: 'browser',
    startedAt: NOW,
    dataDir,
    database: {
      state: 'ok',
      path: t.path,
      schemaVersion: 8,
      journalMode: 'wal',
      sizeBytes: 4096,
      recordings: 2,
    },
    ffmpeg: { available: false, message: 'ffmpeg was not looked for in this test.' },
    storage: {
      freeBytes: 40 * 1024 ** 3,
      totalBytes: 100 * 1024 ** 3,
      lowBytes: 2 * 1024 ** 3,
      growthBytesPerDay: null,
      daysLeft: null,
      level: 'ok',
    },
    backup: { lastVerifiedAt: '2026-12-01T22:00:00.000Z' },
  });
  const service = createProblemsService({
    data,
    dataDir,
    logger,
    targetRoots: async () => [drive],
    systemInfo,
    health: () => health.overview(),
  });
  const users = new Map([
    ['admin', admin],
    ['crew', crew],
    ['pilot', pilot],
  ]);
  const dispatch: Dispatch = createDispatcher({
    handlers: handlersWith(problemsHandlers(service)),
    logger,
    resolveUser: (session) => users.get(session) ?? null,
  });
  const call = async <T>(channel: string, input: unknown, session = 'crew') =>
    (await dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;
  return {
    t,
    dataDir,
    drive,
    data,
    clock,
    admin,
    crew,
    pilot,
    flightId,
    hiddenFlightId,
    service,
    health,
    call,
    value: async <T>(channel: string, input: unknown, session = 'crew') =>
      valueOf(await call<T>(channel, input, session)),
    async dispose() {
      await service.close();
      await health.close();
      await t.dispose();
      rmSync(driveDir, { recursive: true, force: true });
    },
  };
}
