// The retention rules applied to real footage files: what goes with a verified backup, what stays without one,
// the confirmation by name, and the records every removal leaves (audit, media_removals, storage rows).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRows } from '../../../db/test-support';
import type { RecordingDetail } from '../../shared/recordings';
import type { RetentionApplyResult, RetentionPreview, StorageProgress } from '../../shared/storage';
import { readRecordingDetail } from '../recordings/views';
import { localDay } from '../access/rules';
import { NOW, useStorageBench, type StorageBench, type TestFlight } from './test-support';

const open = useStorageBench();

const apply = (b: StorageBench, flights: Array<{ recordingId: string; typedNames?: string }>) =>
  b.value<RetentionApplyResult>('storage.apply', { flights });

const detail = (b: StorageBench, flight: TestFlight): Promise<RecordingDetail> =>
  readRecordingDetail(b.t.db, flight.id, b.admin, localDay(NOW, 0));

const rawRows = (b: StorageBench, flight: TestFlight) =>
  countRows(b.t.sqlite, 'storage_usage', `recording_id = ? AND kind = 'raw'`, flight.id);

describe('storage.preview', () => {
  it('lists per flight what the rules would remove, with bytes and whether each file is in the backup', async () => {
    const b = await open();
    const due = b.flight({ flownDaysAgo: 50, soldDaysAgo: 40, deliveredBy: 'download', footageBytes: 4000 });
    const unsold = b.flight({ passengerNames: 'Priya Natarajan', flownDaysAgo: 120, footageBytes: 1000 });
    const undelivered = b.flight({ passengerNames: 'Jon Berg', flownDaysAgo: 50, soldDaysAgo: 40 });
    b.flight({ passengerNames: 'Lea Roth', flownDaysAgo: 3 });
    b.backup.current = b.backupOf([due.raw[0]!]);

    const preview = await b.value<RetentionPreview>('storage.preview', {});
    expect(preview.backup).toEqual({
      generation: '2026-12-01T22-00-00Z',
      createdAt: '2026-12-01T22:00:00.000Z',
    });
    expect(preview.flights).toEqual([
      {
        recordingId: unsold.id,
        passengerNames: 'Priya Natarajan',
        flightAt: expect.any(String),
        rule: 'unsold',
        reason: 'Not bought; flown 120 days ago.',
        files: unsold.raw.map((p) => ({ path: p, bytes: 1000, inBackup: false })),
        bytes: 2000,
        allInBackup: false,
      },
      {
        recordingId: due.id,
        passengerNames: 'Anna & Ben Keller',
        flightAt: expect.any(String),
        rule: 'sold',
        reason: 'Sold 40 days ago and delivered (downloaded).',
        files: [
          { path: due.raw[0], bytes: 4000, inBackup: true },
          { path: due.raw[1], bytes: 4000, inBackup: false },
        ],
        bytes: 8000,
        allInBackup: false,
      },
    ]);
    expect(preview.bytes).toBe(10_000);
    expect(preview.heldBack).toEqual([
      expect.objectContaining({
        recordingId: undelivered.id,
        reason: expect.stringMatching(/not delivered yet/),
      }),
    ]);
    // A preview removes nothing.
    expect([...due.raw, ...unsold.raw].every(b.exists)).toBe(true);
  });

  it('lists nothing when both rules are off', async () => {
    const b = await open();
    b.flight({ flownDaysAgo: 500 });
    await b.value('storage.setRules', { soldRawDays: null, unsoldRawDays: null });
    expect((await b.value<RetentionPreview>('storage.preview', {})).flights).toEqual([]);
  });
});

describe('storage.apply with a verified backup', () => {
  it('removes the raw footage the backup holds and records it: audit, media_removals, storage rows', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 50, soldDaysAgo: 40, deliveredBy: 'email', footageBytes: 5000 });
    b.backup.current = b.backupOf(flight.raw);

    const result = await apply(b, [{ recordingId: flight.id }]);
    expect(result).toEqual({
      flights: [
        {
          recordingId: flight.id,
          passengerNames: flight.passengerNames,
          removedFiles: 2,
          removedBytes: 10_000,
          keptFiles: 0,
          problem: null,
        },
      ],
      removedFiles: 2,
      removedBytes: 10_000,
    });
    expect(flight.raw.some(b.exists)).toBe(false);
    // What was sold stays: the video, its row.
    expect(b.exists(flight.video)).toBe(true);
    expect(rawRows(b, flight)).toBe(0);
    expect(countRows(b.t.sqlite, 'storage_usage', `recording_id = ? AND kind = 'export'`, flight.id)).toBe(1);

    expect(
      b.t.sqlite
        .prepare(
          'SELECT recording_id, kind, files, bytes, backup_generation, removed_by, removed_at FROM media_removals',
        )
        .all(),
    ).toEqual([
      {
        recording_id: flight.id,
        kind: 'raw',
        files: 2,
        bytes: 10_000,
        backup_generation: '2026-12-01T22-00-00Z',
        removed_by: b.admin.id,
        removed_at: NOW.toISOString(),
      },
    ]);
    const audit = b.t.sqlite
      .prepare(
        `SELECT user_id, entity_type, entity_id, before_summary, after_summary FROM audit_logs WHERE action = 'remove_footage'`,
      )
      .all() as Array<Record<string, string>>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: b.admin.id, entity_type: 'recording', entity_id: flight.id });
    expect(JSON.parse(audit[0]!.after_summary!)).toMatchObject({
      rule: 'sold',
      removedFiles: 2,
      inBackup: 2,
      backupGeneration: '2026-12-01T22-00-00Z',
      confirmedByName: 0,
    });
    // The passengers' names are the customer's: not in the audit entry.
    expect(JSON.stringify(audit)).not.toContain('Keller');

    // The review screen's flight says the footage was removed, and where it is kept.
    expect((await detail(b, flight)).footageRemoved).toEqual({
      removedAt: NOW.toISOString(),
      backupGeneration: '2026-12-01T22-00-00Z',
    });
  });

  it('keeps a file whose content differs from the backup’s, though its path and size match', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 50, soldDaysAgo: 40, deliveredBy: 'copy', footageBytes: 2000 });
    b.backup.current = b.backupOf(flight.raw);
    writeFileSync(path.join(b.dataDir, flight.raw[1]!), Buffer.alloc(2000, 7)); // same size, other bytes

    const [outcome] = (await apply(b, [{ recordingId: flight.id }])).flights;
    expect(outcome).toMatchObject({
      removedFiles: 1,
      keptFiles: 1,
      problem: expect.stringMatching(/not in the newest verified backup/),
    });
    expect(b.exists(flight.raw[0]!)).toBe(false);
    expect(b.exists(flight.raw[1]!)).toBe(true);
    expect(rawRows(b, flight)).toBe(1);
  });

  it('reports how far it has got while checking the files against the backup', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 50, soldDaysAgo: 40, deliveredBy: 'copy', footageBytes: 3000 });
    b.backup.current = b.backupOf(flight.raw);
    await apply(b, [{ recordingId: flight.id }]);
    const progress = b.emitted
      .filter((e) => e.event === 'storage.progress')
      .map((e) => e.payload as StorageProgress);
    expect(progress[0]).toEqual({
      operation: 'apply',
      filesDone: 0,
      filesTotal: 2,
      bytesDone: 0,
      bytesTotal: 6000,
      done: false,
    });
    expect(progress.at(-1)).toEqual({
      operation: 'apply',
      filesDone: 2,
      filesTotal: 2,
      bytesDone: 6000,
      bytesTotal: 6000,
      done: true,
    });
  });
});

describe('storage.apply without a verified backup', () => {
  it('removes nothing unless the passenger names are typed, and says why', async () => {
    const b = await open();
    const flight = b.flight({ passengerNames: 'Priya Natarajan', flownDaysAgo: 120 });
    const [outcome] = (await apply(b, [{ recordingId: flight.id }])).flights;
    expect(outcome).toEqual({
      recordingId: flight.id,
      passengerNames: 'Priya Natarajan',
      removedFiles: 0,
      removedBytes: 0,
      keptFiles: 2,
      problem:
        '2 files are not in the newest verified backup, so they were kept. Back up first, or type the passenger names to remove them anyway.',
    });
    expect(flight.raw.every(b.exists)).toBe(true);
    expect(countRows(b.t.sqlite, 'media_removals')).toBe(0);
    expect(countRows(b.t.sqlite, 'audit_logs', `action = 'remove_footage'`)).toBe(0);
    expect((await detail(b, flight)).footageRemoved).toBeNull();
  });

  it('removes them once the admin typed the names (any case and spacing), recording that no backup held them', async () => {
    const b = await open();
    const flight = b.flight({ passengerNames: 'Zoë  Müller', flownDaysAgo: 120, footageBytes: 700 });
    const [outcome] = (await apply(b, [{ recordingId: flight.id, typedNames: ' zoe müller ' }])).flights;
    expect(outcome).toMatchObject({ removedFiles: 2, removedBytes: 1400, keptFiles: 0, problem: null });
    expect(flight.raw.some(b.exists)).toBe(false);
    expect(b.t.sqlite.prepare('SELECT files, bytes, backup_generation FROM media_removals').all()).toEqual([
      { files: 2, bytes: 1400, backup_generation: null },
    ]);
    const after = b.t.sqlite
      .prepare(`SELECT after_summary FROM audit_logs WHERE action = 'remove_footage'`)
      .pluck()
      .get() as string;
    expect(JSON.parse(after)).toMatchObject({
      rule: 'unsold',
      confirmedByName: 2,
      inBackup: 0,
      backupGeneration: null,
    });
    expect((await detail(b, flight)).footageRemoved).toEqual({
      removedAt: NOW.toISOString(),
      backupGeneration: null,
    });
  });

  it('keeps the files when the names typed are another flight’s', async () => {
    const b = await open();
    const flight = b.flight({ passengerNames: 'Priya Natarajan', flownDaysAgo: 120 });
    const [outcome] = (await apply(b, [{ recordingId: flight.id, typedNames: 'Anna Keller' }])).flights;
    expect(outcome!.removedFiles).toBe(0);
    expect(outcome!.problem).toMatch(/^The names typed are not “Priya Natarajan”\./);
    expect(flight.raw.every(b.exists)).toBe(true);
  });

  it('records a flight partly in the backup as two removals: with the backup, and by name', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 120, footageBytes: 100 });
    b.backup.current = b.backupOf([flight.raw[0]!]);
    await apply(b, [{ recordingId: flight.id, typedNames: flight.passengerNames }]);
    expect(
      b.t.sqlite
        .prepare('SELECT files, backup_generation FROM media_removals ORDER BY backup_generation')
        .all(),
    ).toEqual([
      { files: 1, backup_generation: null },
      { files: 1, backup_generation: '2026-12-01T22-00-00Z' },
    ]);
    // Not all of it is in a backup, so the flight does not claim it is.
    expect((await detail(b, flight)).footageRemoved?.backupGeneration).toBeNull();
  });
});

describe('storage.apply decides again at the moment it runs', () => {
  it('leaves a flight the rules no longer allow, even with its names typed', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 120 });
    await b.value('storage.setRules', { unsoldRawDays: 365 });
    const [outcome] = (await apply(b, [{ recordingId: flight.id, typedNames: flight.passengerNames }]))
      .flights;
    expect(outcome).toMatchObject({
      removedFiles: 0,
      problem: expect.stringMatching(/^Kept: no rule removes/),
    });
    expect(flight.raw.every(b.exists)).toBe(true);
  });

  it('leaves a sold flight that was not delivered, and one with a video being made', async () => {
    const b = await open();
    const undelivered = b.flight({ flownDaysAgo: 50, soldDaysAgo: 40 });
    const exporting = b.flight({ flownDaysAgo: 120 });
    b.f.exportJob(exporting.id, { status: 'processing' });
    const result = await apply(b, [
      { recordingId: undelivered.id, typedNames: undelivered.passengerNames },
      { recordingId: exporting.id, typedNames: exporting.passengerNames },
    ]);
    expect(result.flights.map((o) => o.problem)).toEqual([
      'Kept: Sold 40 days ago, but not delivered yet: no download, e-mail or copy to a drive.',
      'Kept: A video of it is being made right now.',
    ]);
    expect(result.removedFiles).toBe(0);
  });

  it('says a flight that is gone is gone', async () => {
    const b = await open();
    const [outcome] = (await apply(b, [{ recordingId: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f' }])).flights;
    expect(outcome!.problem).toBe('That flight is no longer on this kiosk.');
  });
});

describe('storage.apply access and input', () => {
  it('is for admins only and takes each flight once', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 120 });
    const crew = await b.call('storage.apply', { flights: [{ recordingId: flight.id }] }, 'crew');
    expect(!crew.ok && crew.error.code).toBe('FORBIDDEN');
    const twice = await b.call('storage.apply', {
      flights: [{ recordingId: flight.id }, { recordingId: flight.id }],
    });
    expect(!twice.ok && twice.error.code).toBe('VALIDATION');
  });
});
