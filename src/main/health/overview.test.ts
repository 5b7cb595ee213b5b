import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type MagnumDatabase } from '../../../db/open';
import { fixtures, makeTempDir, type Fixtures } from '../../../db/test-support';
import { testClock, type TestClock } from '../auth/test-support';
import { createDataAccess } from '../data-access';
import { backupAge, exportRate } from './figures';
import { createHealthService, type HealthService } from './service';

const DAY_MS = 86_400_000;
const NOW = '2026-12-02T10:00:00.000Z';
const ago = (days: number, hours = 0) =>
  new Date(Date.parse(NOW) - days * DAY_MS - hours * 3_600_000).toISOString();

describe('export completion rate', () => {
  it('is completed over everything that ended, failed and cancelled both counting against it', () => {
    const jobs = [
      ...Array.from({ length: 6 }, () => ({ status: 'completed' })),
      { status: 'failed' },
      { status: 'cancelled' },
    ];
    expect(exportRate(jobs)).toEqual({ completed: 6, failed: 1, cancelled: 1, rate: 0.75 });
  });

  it('has no rate when nothing ended', () => {
    expect(exportRate([])).toEqual({ completed: 0, failed: 0, cancelled: 0, rate: null });
  });
});

describe('backup age', () => {
  const now = new Date(NOW);
  it('is none, recent up to 48 hours, and old after', () => {
    expect(backupAge(null, now)).toEqual({ state: 'none' });
    expect(backupAge({ at: ago(1) }, now)).toEqual({ state: 'recent', at: ago(1), ageHours: 24 });
    expect(backupAge({ at: ago(3) }, now)).toEqual({ state: 'old', at: ago(3), ageHours: 72 });
  });
});

describe('the health overview, from a real database', () => {
  let dir: string;
  let database: MagnumDatabase;
  let rows: Fixtures;
  let clock: TestClock;
  let service: HealthService;
  let lastBackup: () => Promise<{ at: string } | null>;

  beforeEach(async () => {
    dir = makeTempDir('magnum-health-');
    // Statements over 20 ms count as slow here, so one deliberately slow query is enough.
    database = await openDatabase(join(dir, 'magnum.db'), { slowQueryMs: 20 });
    rows = fixtures(database.sqlite);
    clock = testClock(NOW);
    lastBackup = async () => null;
    service = createHealthService({
      data: createDataAccess({ handle: database }, { now: clock.now, utcOffsetMinutes: () => 0 }),
      databasePath: database.path,
      logger: pino({ level: 'silent' }),
      lastBackup: () => lastBackup(),
      freeBytes: async () => 50 * 1024 ** 3,
      slowQueryMs: 20,
      weeklyCheck: false,
    });
  });
  afterEach(async () => {
    await service.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts exports that ended in the last 7 and 30 days by when they finished', async () => {
    const flight = rows.recording();
    const job = (status: string, finishedDaysAgo: number | null) =>
      rows.exportJob(flight.id, {
        status,
        finished_at: finishedDaysAgo === null ? null : ago(finishedDaysAgo),
      });
    job('completed', 1);
    job('completed', 2);
    job('completed', 3);
    job('failed', 6);
    job('completed', 10);
    job('cancelled', 20);
    job('failed', 29);
    job('completed', 31); // older than a month: not counted
    job('pending', null);
    job('processing', null);

    const { exports } = await service.overview();
    expect(exports.last7Days).toEqual({ completed: 3, failed: 1, cancelled: 0, rate: 0.75 });
    expect(exports.last30Days).toEqual({ completed: 4, failed: 2, cancelled: 1, rate: 4 / 7 });
    expect(exports.inProgress).toBe(2);
  });

  it('shows a deliberately slow query with the threshold it was over', async () => {
    await sql`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${2_000_000})
      SELECT count(*) FROM c`.execute(database.db);
    await expect
      .poll(async () => (await service.overview()).slowQueries.recent.map((q) => q.statement))
      .toContainEqual(expect.stringContaining('WITH RECURSIVE'));
    const { slowQueries } = await service.overview();
    expect(slowQueries.thresholdMs).toBe(20);
    expect(slowQueries.last7Days).toBeGreaterThanOrEqual(1);
    const slow = slowQueries.recent.find((q) => q.statement.includes('WITH RECURSIVE'));
    expect(slow?.durationMs).toBeGreaterThanOrEqual(20);
  });

  it('works out storage growth per day and the days left before the recording floor, as Storage does', async () => {
    const flight = rows.recording();
    rows.storage(flight.id, { bytes: 2 * 1024 ** 3, recorded_at: ago(1) });
    rows.storage(flight.id, { bytes: 3 * 1024 ** 3, recorded_at: ago(0, 2) });
    rows.storage(flight.id, { bytes: 9 * 1024 ** 3, recorded_at: ago(20) }); // before the window
    const { storage } = await service.overview();
    expect(storage.days.at(-1)).toEqual({ day: '2026-12-02', bytes: 3 * 1024 ** 3 });
    expect(storage.days.at(-2)).toEqual({ day: '2026-12-01', bytes: 2 * 1024 ** 3 });
    // The kiosk has recorded for longer than the 14 days (the row 20 days ago), so all 14 count.
    expect(storage.bytesPerDay).toBe((5 * 1024 ** 3) / 14);
    // 50 GB free, 2 GB kept for recording (the default floor): 48 GB at 5/14 GB a day.
    expect(storage.daysLeft).toBe(Math.floor(48 / (5 / 14)));
    expect(storage.freeBytes).toBe(50 * 1024 ** 3);
  });

  it('tells the backup’s age from what the backups area says', async () => {
    expect((await service.overview()).backup).toEqual({ state: 'none' });
    lastBackup = async () => ({ at: ago(3) });
    expect((await service.overview()).backup).toMatchObject({ state: 'old', ageHours: 72 });
    lastBackup = async () => {
      throw new Error('backup.json is unreadable');
    };
    expect((await service.overview()).backup).toMatchObject({ state: 'unknown' });
  });

  it('counts the open problem reports', async () => {
    const crew = rows.user();
    const report = (status: 'open' | 'resolved') =>
      database.sqlite
        .prepare(
          `INSERT INTO problem_reports (id, reported_by, category, description, status, resolved_at)
           VALUES (lower(hex(randomblob(16))), ?, 'camera', 'The rear camera froze', ?, ?)`,
        )
        .run(crew.id, status, status === 'resolved' ? NOW : null);
    report('open');
    report('open');
    report('resolved');
    expect((await service.overview()).openProblems).toBe(2);
  });
});
