import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readAuditArchive } from './audit-archive';
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
  const archiveDir = () => join(t.dir, 'archive');
  const archives = () => (existsSync(archiveDir()) ? readdirSync(archiveDir()) : []);

  it('deletes entries older than 90 days and keeps newer ones', async () => {
    f.auditLog({ created_at: '2025-03-03T11:59:59.999Z' }); // 90 days + 1 ms before NOW
    f.auditLog({ created_at: '2025-03-03T12:00:00.000Z' }); // exactly 90 days
    f.auditLog({ created_at: '2025-05-31T12:00:00.000Z' });
    expect((await cleanupOldAuditLogs(t.db, { archiveDir: archiveDir(), now: NOW })).deleted).toBe(1);
    expect(countRows(t.sqlite, 'audit_logs')).toBe(2);
  });

  it('honours a shorter retention', async () => {
    f.auditLog({ created_at: '2025-05-20T12:00:00.000Z' });
    const result = await cleanupOldAuditLogs(t.db, { archiveDir: archiveDir(), now: NOW, retentionDays: 7 });
    expect(result.deleted).toBe(1);
  });

  it('writes the entries it deletes to a gzip file of JSON lines that zlib reads back', async () => {
    const user = f.user();
    const old = f.auditLog({
      user_id: user.id,
      action: 'update',
      entity_type: 'bundle',
      entity_id: 'video_only',
      before_summary: '{"price_cents":2500}',
      after_summary: '{"price_cents":2700}',
      created_at: '2025-01-02T08:00:00.000Z',
    });
    f.auditLog({ created_at: '2025-05-31T12:00:00.000Z' });
    const { files } = await cleanupOldAuditLogs(t.db, { archiveDir: archiveDir(), now: NOW });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/archive[\\/]audit-2025-06-01T12-00-00-000Z-1-[0-9a-f]{4}\.jsonl\.gz$/);
    const lines = gunzipSync(readFileSync(files[0]!)).toString('utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        id: old.id,
        user_id: user.id,
        action: 'update',
        entity_type: 'bundle',
        entity_id: 'video_only',
        before: { price_cents: 2500 },
        after: { price_cents: 2700 },
        created_at: '2025-01-02T08:00:00.000Z',
      },
    ]);
    expect(await readAuditArchive(files[0]!)).toHaveLength(1);
    // Nothing half-written is left beside it.
    expect(archives()).toEqual([basename(files[0]!)]);
  });

  it('writes no file when nothing is old enough', async () => {
    f.auditLog({ created_at: '2025-05-31T12:00:00.000Z' });
    expect(await cleanupOldAuditLogs(t.db, { archiveDir: archiveDir(), now: NOW })).toEqual({
      deleted: 0,
      files: [],
    });
    expect(archives()).toEqual([]);
  });

  it('archives oldest first in batches, each batch its own file', async () => {
    for (let day = 1; day <= 5; day++) f.auditLog({ created_at: `2025-01-0${day}T08:00:00.000Z` });
    const { deleted, files } = await cleanupOldAuditLogs(t.db, {
      archiveDir: archiveDir(),
      now: NOW,
      batchSize: 2,
    });
    expect(deleted).toBe(5);
    const perFile = await Promise.all(files.map(readAuditArchive));
    expect(perFile.map((entries) => entries.map((e) => e.created_at.slice(8, 10)))).toEqual([
      ['01', '02'],
      ['03', '04'],
      ['05'],
    ]);
  });

  it('has the archive whole on disk before any entry is deleted', async () => {
    const old = f.auditLog({ created_at: '2025-01-02T08:00:00.000Z' });
    // The delete fails, as a power cut right after the rename would stop it: the entry is in a file already.
    t.sqlite.exec(
      `CREATE TRIGGER no_delete BEFORE DELETE ON audit_logs BEGIN SELECT RAISE(ABORT, 'stop'); END`,
    );
    await expect(cleanupOldAuditLogs(t.db, { archiveDir: archiveDir(), now: NOW })).rejects.toThrow('stop');
    expect(countRows(t.sqlite, 'audit_logs')).toBe(1);
    const [written] = archives();
    expect((await readAuditArchive(join(archiveDir(), written!))).map((e) => e.id)).toEqual([old.id]);

    // The next run archives it again (same id in two files, never in none) and deletes it.
    t.sqlite.exec('DROP TRIGGER no_delete');
    expect((await cleanupOldAuditLogs(t.db, { archiveDir: archiveDir(), now: NOW })).deleted).toBe(1);
    expect(archives()).toHaveLength(2);
    expect(countRows(t.sqlite, 'audit_logs')).toBe(0);
  });

  it('deletes nothing when the archive cannot be written', async () => {
    f.auditLog({ created_at: '2025-01-02T08:00:00.000Z' });
    // A file where the archive folder should be: the folder cannot be made.
    writeFileSync(archiveDir(), 'not a folder');
    await expect(cleanupOldAuditLogs(t.db, { archiveDir: archiveDir(), now: NOW })).rejects.toThrow();
    expect(countRows(t.sqlite, 'audit_logs')).toBe(1);
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
