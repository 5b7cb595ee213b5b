import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAuditArchive } from '../../../db/audit-archive';
import { countRows, fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { MAINTENANCE_INTERVAL_MS, runDailyMaintenance, startDailyMaintenance } from './maintenance';

const logger = pino({ level: 'silent' });
const NOW = new Date('2025-06-01T09:00:00.000Z');

let t: TempDatabase;

beforeEach(async () => {
  t = await openTempDatabase();
});

afterEach(async () => {
  vi.useRealTimers();
  await t.dispose();
});

function seed() {
  const f = fixtures(t.sqlite);
  const user = f.user();
  f.session(user.id, { expires_at: '2025-06-01T08:59:59.999Z' });
  f.session(user.id, { expires_at: '2025-06-01T21:00:00.000Z' });
  f.auditLog({ created_at: '2025-03-02T08:00:00.000Z' }); // 91 days old
  f.auditLog({ created_at: '2025-03-04T08:00:00.000Z' }); // 89 days old
}

describe('runDailyMaintenance', () => {
  it('removes expired sessions and audit entries older than 90 days, and keeps the rest', async () => {
    seed();
    await expect(runDailyMaintenance(t.db, NOW, t.dir)).resolves.toMatchObject({
      expiredSessions: 1,
      oldAuditEntries: 1,
    });
    expect(countRows(t.sqlite, 'user_sessions')).toBe(1);
    expect(countRows(t.sqlite, 'audit_logs')).toBe(1);
  });

  it('puts the old audit entries in an archive under the data folder first', async () => {
    seed();
    const { auditArchives } = await runDailyMaintenance(t.db, NOW, t.dir);
    expect(auditArchives).toHaveLength(1);
    expect(auditArchives[0]).toMatch(/^archive\/audit-.*\.jsonl\.gz$/);
    const entries = await readAuditArchive(path.join(t.dir, auditArchives[0]!));
    expect(entries.map((entry) => entry.created_at)).toEqual(['2025-03-02T08:00:00.000Z']);
  });
});

describe('startDailyMaintenance', () => {
  it('cleans up once at start, then every 24 hours until stopped', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let now = NOW;
    seed();
    const maintenance = startDailyMaintenance({ db: t.db, dataDir: t.dir, logger, now: () => now });
    await maintenance.idle();
    expect(countRows(t.sqlite, 'user_sessions')).toBe(1);

    now = new Date(NOW.getTime() + MAINTENANCE_INTERVAL_MS);
    await vi.advanceTimersByTimeAsync(MAINTENANCE_INTERVAL_MS);
    await maintenance.idle();
    expect(countRows(t.sqlite, 'user_sessions')).toBe(0);
    expect(countRows(t.sqlite, 'audit_logs')).toBe(0);

    await maintenance.stop();
    fixtures(t.sqlite).auditLog({ created_at: '2025-01-01T00:00:00.000Z' });
    await vi.advanceTimersByTimeAsync(2 * MAINTENANCE_INTERVAL_MS);
    await maintenance.idle();
    expect(countRows(t.sqlite, 'audit_logs')).toBe(1);
  });

  it('does not keep the process alive on its own', async () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const maintenance = startDailyMaintenance({ db: t.db, dataDir: t.dir, logger });
    const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
    setIntervalSpy.mockRestore();
    expect(timer.hasRef()).toBe(false);
    await maintenance.stop();
  });

  it('logs a failed cleanup instead of crashing the kiosk', async () => {
    const errors: unknown[] = [];
    const spyLogger = { info: () => undefined, error: (...args: unknown[]) => errors.push(args) } as never;
    await t.dispose();
    const maintenance = startDailyMaintenance({ db: t.db, dataDir: t.dir, logger: spyLogger });
    await maintenance.idle();
    expect(errors).toHaveLength(1);
    await maintenance.stop();
    t = await openTempDatabase();
  });
});
