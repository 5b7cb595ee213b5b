import { describe, expect, it } from 'vitest';
import {
  cleanupExpiredSessions,
  cleanupOldAuditLogs,
  databaseSize,
  getRecordingStorageUsage,
} from './maintenance';
import { writeAuditLog } from './audit';
import { countRows, useFixtureDatabase } from './test-support';
import type { Fixtures, TempDatabase } from './test-support';

let t: TempDatabase;
let f: Fixtures;
useFixtureDatabase((database, rows) => {
  t = database;
  f = rows;
});

const NOW = new Date('2025-06-01T12:00:00.000Z');

describe('cleanupExpiredSessions', () => {
  it('deletes sessions that have expired and keeps the rest', async () => {
    const user = f.user();
    f.session(user.id, { expires_at: '2025-06-01T11:59:59.999Z' });
    f.session(user.id, { expires_at: '2025-06-01T12:00:00.000Z' });
    const live = f.session(user.id, { expires_at: '2025-06-01T12:00:00.001Z' });
    expect(await cleanupExpiredSessions(t.db, NOW)).toBe(2);
    expect(t.sqlite.prepare('SELECT id FROM user_sessions').pluck().all()).toEqual([live.id]);
  });
});

describe('cleanupOldAuditLogs', () => {
  it('deletes entries older than 90 days and keeps newer ones', async () => {
    f.auditLog({ created_at: '2025-03-03T11:59:59.999Z' }); // 90 days + 1 ms before NOW
    f.auditLog({ created_at: '2025-03-03T12:00:00.000Z' }); // exactly 90 days
    f.auditLog({ created_at: '2025-05-31T12:00:00.000Z' });
    expect(await cleanupOldAuditLogs(t.db, { now: NOW })).toBe(1);
    expect(countRows(t.sqlite, 'audit_logs')).toBe(2);
  });

  it('honours a shorter retention', async () => {
    f.auditLog({ created_at: '2025-05-20T12:00:00.000Z' });
    expect(await cleanupOldAuditLogs(t.db, { now: NOW, retentionDays: 7 })).toBe(1);
  });
});

describe('writeAuditLog', () => {
  it('stores who did what with JSON summaries', async () => {
    const user = f.user();
    await writeAuditLog(t.db, {
      userId: user.id,
      action: 'update',
      entityType: 'bundle',
      entityId: 'video_only',
      before: { price_cents: 2500 },
      after: { price_cents: 2700 },
    });
    expect(
      t.sqlite.prepare('SELECT user_id, action, before_summary, after_summary FROM audit_logs').get(),
    ).toEqual({
      user_id: user.id,
      action: 'update',
      before_summary: '{"price_cents":2500}',
      after_summary: '{"price_cents":2700}',
    });
  });
});

describe('getRecordingStorageUsage', () => {
  it("totals one recording's files by kind", async () => {
    const { id } = f.recording();
    const other = f.recording();
    f.storage(id, { kind: 'raw', bytes: 100 });
    f.storage(id, { kind: 'raw', bytes: 200 });
    f.storage(id, { kind: 'export', bytes: 50 });
    f.storage(other.id, { kind: 'raw', bytes: 9999 });
    expect(await getRecordingStorageUsage(t.db, id)).toEqual({
      recordingId: id,
      totalBytes: 350,
      fileCount: 3,
      bytesByKind: { raw: 300, export: 50, photo: 0, thumbnail: 0 },
    });
  });

  it('reports zero for a recording with no files', async () => {
    const { id } = f.recording();
    expect(await getRecordingStorageUsage(t.db, id)).toMatchObject({ totalBytes: 0, fileCount: 0 });
  });
});

describe('databaseSize', () => {
  it('reports pages times page size, and grows as rows are added', async () => {
    const before = await databaseSize(t.db);
    expect(before.bytes).toBe(before.pageCount * before.pageSize);
    expect(before.bytes).toBeGreaterThan(0);
    const insert = t.sqlite.transaction(() => {
      for (let i = 0; i < 2000; i++) f.recording({ notes: 'x'.repeat(200) });
    });
    insert();
    expect((await databaseSize(t.db)).bytes).toBeGreaterThan(before.bytes);
  });
});
