import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDatabaseIntegrity } from '../../../db/integrity-check';
import { openDatabase } from '../../../db/open';
import { fixtures, makeTempDir, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { IntegrityCheckView } from '../../shared/health';
import { testClock, type TestClock } from '../auth/test-support';
import { createDataAccess } from '../data-access';
import {
  createIntegrityChecker,
  INTEGRITY_SETTING,
  readLastIntegrityCheck,
  startWeeklyIntegrityCheck,
} from './integrity';
import { createHealthService } from './service';

const DAY_MS = 86_400_000;
let t: TempDatabase;
let clock: TestClock;
let scratch: string;

beforeEach(async () => {
  t = await openTempDatabase();
  clock = testClock('2026-12-02T10:00:00.000Z');
  scratch = makeTempDir('magnum-integrity-');
});
afterEach(async () => {
  await t.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * A real kiosk database with enough audit entries for its created_at index to span pages, closed, and then
 * damaged the way a failing disk does: the index's root page gets a byte SQLite cannot read as a page type.
 */
async function damagedCopy(): Promise<{ file: string; index: number }> {
  const file = path.join(scratch, 'damaged.db');
  const made = await openDatabase(file);
  const rows = fixtures(made.sqlite);
  made.sqlite.transaction(() => {
    for (let i = 0; i < 3000; i += 1)
      rows.auditLog({ created_at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() });
  })();
  const root = made.sqlite
    .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'idx_audit_logs_created_at'")
    .get() as { rootpage: number };
  const pageSize = made.sqlite.pragma('page_size', { simple: true }) as number;
  await made.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from([0]), 0, 1, (root.rootpage - 1) * pageSize);
  closeSync(fd);
  return { file, index: root.rootpage };
}

const checkerFor = (databasePath: string, onChecked?: (view: IntegrityCheckView) => void) =>
  createIntegrityChecker({ db: () => t.db, databasePath, now: clock.now, onChecked });

describe('the integrity check', () => {
  it('finds the live kiosk database sound while the app keeps it open', async () => {
    fixtures(t.sqlite).auditLog();
    const status = await checkerFor(t.path).run('admin');
    expect(status.running).toBe(false);
    expect(status.last).toMatchObject({
      checkedAt: '2026-12-02T10:00:00.000Z',
      outcome: 'ok',
      problems: [],
      trigger: 'admin',
    });
    expect(status.nextWeeklyAt).toBe('2026-12-09T10:00:00.000Z');
  });

  it('finds a damaged copy damaged and names the broken page in SQLite’s words', async () => {
    const { file, index } = await damagedCopy();
    const result = await checkDatabaseIntegrity(file);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toBe(`Tree ${index} page ${index}: btreeInitPage() returns error code 11`);
    expect(result.problems.length).toBeLessThanOrEqual(20);

    const status = await checkerFor(file).run('admin');
    expect(status.last?.outcome).toBe('damaged');
    expect(status.last?.problems[0]).toContain(`Tree ${index} page ${index}`);
  });

  it('calls a file that is not a database at all damaged', async () => {
    const file = path.join(scratch, 'not-a-database.db');
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    const result = await checkDatabaseIntegrity(file);
    expect(result).toEqual({ ok: false, problems: ['file is not a database'] });
  });

  it('says the check did not run when the file cannot be opened', async () => {
    const status = await checkerFor(path.join(scratch, 'gone.db')).run('admin');
    expect(status.last?.outcome).toBe('not-run');
    expect(status.last?.problems[0]).toMatch(/unable to open|does not exist/i);
  });

  it('keeps the result in the settings table, where a restarted kiosk reads it', async () => {
    await checkerFor(t.path).run('weekly');
    const stored = t.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(INTEGRITY_SETTING) as {
      value: string;
    };
    expect(JSON.parse(stored.value)).toMatchObject({ outcome: 'ok', trigger: 'weekly' });
    // A new checker (as after a restart) knows the last check and when the next is due.
    clock.advance(DAY_MS);
    const status = await checkerFor(t.path).status();
    expect(status.last).toMatchObject({ checkedAt: '2026-12-02T10:00:00.000Z', outcome: 'ok' });
    expect(status.nextWeeklyAt).toBe('2026-12-09T10:00:00.000Z');
  });

  it('runs one check for two admins asking at once', async () => {
    let checks = 0;
    const checker = createIntegrityChecker({
      db: () => t.db,
      databasePath: t.path,
      now: clock.now,
      check: (file) => {
        checks += 1;
        return checkDatabaseIntegrity(file);
      },
    });
    const [first, second] = await Promise.all([checker.run('admin'), checker.run('admin')]);
    expect(checks).toBe(1);
    expect(first.last).toEqual(second.last);
  });

  it('reports "running" while a check is under way', async () => {
    let release: () => void = () => undefined;
    const checker = createIntegrityChecker({
      db: () => t.db,
      databasePath: t.path,
      now: clock.now,
      check: () => new Promise((resolve) => (release = () => resolve({ ok: true, problems: [] }))),
    });
    const done = checker.run('admin');
    expect((await checker.status()).running).toBe(true);
    release();
    expect((await done).running).toBe(false);
  });
});

describe('the weekly integrity check', () => {
  it('runs when there was never a check, then not again until a week has passed', async () => {
    const checked: IntegrityCheckView[] = [];
    const checker = checkerFor(t.path, (view) => checked.push(view));
    const weekly = startWeeklyIntegrityCheck({ checker, now: clock.now, firstPollMs: 3_600_000 });
    try {
      expect(await weekly.tick()).toBe(true);
      clock.advance(2 * DAY_MS);
      expect(await weekly.tick()).toBe(false);
      clock.advance(5 * DAY_MS - 60_000);
      expect(await weekly.tick()).toBe(false);
      clock.advance(60_000);
      expect(await weekly.tick()).toBe(true);
      expect(checked.map((view) => [view.checkedAt, view.trigger])).toEqual([
        ['2026-12-02T10:00:00.000Z', 'weekly'],
        ['2026-12-09T10:00:00.000Z', 'weekly'],
      ]);
    } finally {
      await weekly.stop();
    }
  });

  it('counts an admin’s check as this week’s', async () => {
    const checker = checkerFor(t.path);
    const weekly = startWeeklyIntegrityCheck({ checker, now: clock.now, firstPollMs: 3_600_000 });
    try {
      await checker.run('admin');
      clock.advance(3 * DAY_MS);
      expect(await weekly.tick()).toBe(false);
    } finally {
      await weekly.stop();
    }
  });

  it('checks by itself on its timer', async () => {
    let checked: (view: IntegrityCheckView) => void = () => undefined;
    const done = new Promise<IntegrityCheckView>((resolve) => (checked = resolve));
    const weekly = startWeeklyIntegrityCheck({
      checker: checkerFor(t.path, (view) => checked(view)),
      now: clock.now,
      firstPollMs: 1,
      pollMs: 10,
    });
    try {
      expect(await done).toMatchObject({ outcome: 'ok', trigger: 'weekly' });
    } finally {
      await weekly.stop();
    }
  });

  it('starts with the health service and stops with it', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(line) });
    const service = createHealthService({
      data: createDataAccess({ handle: t }, { now: clock.now }),
      databasePath: t.path,
      logger,
      lastBackup: async () => null,
      freeBytes: async () => null,
      weeklyCheck: { firstPollMs: 1, pollMs: 60_000 },
    });
    await expect.poll(() => readLastIntegrityCheck(t.db)).toMatchObject({ trigger: 'weekly' });
    await service.close();
    expect(logged.join('')).toContain('database integrity check: ok');
  });
});

describe('a damaged database on the health screen', () => {
  it('shows the weekly check’s finding to the admin and logs it as an error', async () => {
    const { file } = await damagedCopy();
    const logged: string[] = [];
    const service = createHealthService({
      data: createDataAccess({ handle: t }, { now: clock.now }),
      databasePath: file,
      logger: pino({ level: 'info' }, { write: (line: string) => logged.push(line) }),
      lastBackup: async () => null,
      freeBytes: async () => null,
      weeklyCheck: false,
    });
    const status = await service.checkIntegrity();
    expect(status.last?.outcome).toBe('damaged');
    expect((await service.overview()).integrity.last?.outcome).toBe('damaged');
    expect(logged.join('')).toContain('database integrity check: damaged');
    await service.close();
  });
});
