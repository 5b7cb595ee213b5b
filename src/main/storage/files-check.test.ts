// The files check on a real media folder: rows whose file is gone, files no row knows sorted by what they are,
// and acting on them (delete or adopt) only where the check still finds them so.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRows, makeTempDir } from '../../../db/test-support';
import type { FilesCheck, OrphansResult, RetentionApplyResult } from '../../shared/storage';
import { useStorageBench } from './test-support';

const open = useStorageBench();

const orphanOf = (check: FilesCheck, file: string) => check.orphans.find((orphan) => orphan.path === file);

describe('storage.check', () => {
  it('finds nothing wrong on a kiosk whose files and rows agree', async () => {
    const b = await open();
    b.flight({ flownDaysAgo: 3 });
    const check = await b.value<FilesCheck>('storage.check', {});
    expect(check).toMatchObject({ filesOnDisk: 3, rowsChecked: 3, missing: [], orphans: [] });
  });

  it('lists a row whose file is gone, with what to do for its kind', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 3, footageBytes: 1234 });
    // The files go behind the database's back.
    rmSync(path.join(b.dataDir, flight.raw[1]!));
    rmSync(path.join(b.dataDir, flight.video));
    const check = await b.value<FilesCheck>('storage.check', {});
    expect(check.missing).toEqual([
      {
        path: flight.raw[1],
        kind: 'raw',
        recordingId: flight.id,
        passengerNames: flight.passengerNames,
        bytes: 1234,
        whatToDo: expect.stringMatching(/restore that backup/),
      },
      {
        path: flight.video,
        kind: 'export',
        recordingId: flight.id,
        passengerNames: flight.passengerNames,
        bytes: 500,
        whatToDo: expect.stringMatching(/Make the video again/),
      },
    ]);
    expect(check.orphans).toEqual([]);
  });

  it('sorts files no row knows into adopt, delete and leave alone', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 3 });
    // The scene points at this file, but its row is gone: adopt.
    b.t.sqlite.prepare('DELETE FROM storage_usage WHERE path = ?').run(flight.raw[0]);
    // An earlier take's footage nothing points at: delete.
    const earlier = `media/${flight.id}/cruising/camera1.webm`;
    b.writeFile(earlier, 900);
    // A take being worked on: leave it to capture.
    const working = `media/${flight.id}/chase/camera1.take-1a2b3c4d.mkv`;
    b.writeFile(working, 50);
    // A folder of a flight no longer in the database: delete.
    const stray = 'media/0b5c1c3e-0000-4000-8000-000000000000/cruising/camera1.mp4';
    b.writeFile(stray, 60);

    const check = await b.value<FilesCheck>('storage.check', {});
    expect(check.missing).toEqual([]);
    expect(orphanOf(check, flight.raw[0]!)).toEqual({
      path: flight.raw[0],
      bytes: 3000,
      recordingId: flight.id,
      passengerNames: flight.passengerNames,
      action: 'adopt',
      whatToDo: expect.stringMatching(/Adopt it/),
    });
    expect(orphanOf(check, earlier)).toMatchObject({ action: 'delete', bytes: 900, recordingId: flight.id });
    expect(orphanOf(check, working)).toMatchObject({
      action: 'none',
      whatToDo: expect.stringMatching(/by itself/),
    });
    expect(orphanOf(check, stray)).toMatchObject({
      action: 'delete',
      recordingId: null,
      passengerNames: null,
      whatToDo: expect.stringMatching(/no longer on this kiosk/),
    });
    expect(check.orphans).toHaveLength(4);
  });

  it('says to delete footage the rules removed that stayed on the disk', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 120 });
    await b.value<RetentionApplyResult>('storage.apply', {
      flights: [{ recordingId: flight.id, typedNames: flight.passengerNames }],
    });
    b.writeFile(flight.raw[0]!, 10); // as if the delete had failed
    const check = await b.value<FilesCheck>('storage.check', {});
    expect(orphanOf(check, flight.raw[0]!)).toMatchObject({
      action: 'delete',
      whatToDo: expect.stringMatching(/^The storage rules removed this footage on 2026-12-02/),
    });
  });

  it('is for admins only', async () => {
    const b = await open();
    const result = await b.call('storage.check', {}, 'crew');
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
  });
});

describe('storage.resolveOrphans', () => {
  it('deletes the orphans asked for that nothing uses, audited, and leaves the rest', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 3 });
    const earlier = `media/${flight.id}/cruising/camera1.webm`;
    b.writeFile(earlier, 900);
    const working = `media/${flight.id}/chase/camera1.take-1a2b3c4d.mkv`;
    b.writeFile(working, 50);
    b.t.sqlite.prepare('DELETE FROM storage_usage WHERE path = ?').run(flight.raw[0]);

    const result = await b.value<OrphansResult>('storage.resolveOrphans', {
      action: 'delete',
      paths: [earlier, working, flight.raw[0], flight.raw[1]],
    });
    expect(result).toEqual({
      done: 1,
      bytes: 900,
      skipped: [
        { path: working, reason: 'It is a working file the kiosk looks after itself.' },
        { path: flight.raw[0], reason: 'This file is to be adopted, not deleted.' },
        { path: flight.raw[1], reason: 'It is not an orphan now (or it is gone already).' },
      ],
    });
    expect(b.exists(earlier)).toBe(false);
    expect([working, ...flight.raw].every(b.exists)).toBe(true);
    const after = b.t.sqlite
      .prepare(`SELECT after_summary FROM audit_logs WHERE action = 'delete_orphan_files' AND user_id = ?`)
      .pluck()
      .get(b.admin.id) as string;
    expect(JSON.parse(after)).toEqual({ files: 1, bytes: 900, paths: [earlier] });
  });

  it('adopts a file the database points at: its row is back, with its kind and scene', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 3 });
    b.t.sqlite.prepare('DELETE FROM storage_usage WHERE path = ?').run(flight.raw[1]);
    const result = await b.value<OrphansResult>('storage.resolveOrphans', {
      action: 'adopt',
      paths: [flight.raw[1]],
    });
    expect(result).toEqual({ done: 1, bytes: 3000, skipped: [] });
    expect(
      b.t.sqlite
        .prepare('SELECT recording_id, scene_id, kind, bytes FROM storage_usage WHERE path = ?')
        .get(flight.raw[1]),
    ).toEqual({ recording_id: flight.id, scene_id: flight.sceneId, kind: 'raw', bytes: 3000 });
    expect(countRows(b.t.sqlite, 'audit_logs', `action = 'adopt_files'`)).toBe(1);
    expect((await b.value<FilesCheck>('storage.check', {})).orphans).toEqual([]);
  });

  it('removes a symlink itself, never the file it points at outside the data folder', async () => {
    const b = await open();
    const flight = b.flight({ flownDaysAgo: 3 });
    const outsideDir = makeTempDir('magnum-outside-');
    const outside = path.join(outsideDir, 'precious.mp4');
    writeFileSync(outside, 'keep me');
    const link = `media/${flight.id}/cruising/link.mp4`;
    mkdirSync(path.dirname(path.join(b.dataDir, link)), { recursive: true });
    symlinkSync(outside, path.join(b.dataDir, link));
    const result = await b.value<OrphansResult>('storage.resolveOrphans', {
      action: 'delete',
      paths: [link],
    });
    expect(result.done).toBe(1);
    expect(b.exists(link)).toBe(false);
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    rmSync(outsideDir, { recursive: true, force: true });
  });

  it('refuses a path that is not a file under the media folder', async () => {
    const b = await open();
    for (const bad of ['media/../magnum.db', '/etc/passwd', 'logs/magnum.log', 'media\\x\\y.mp4']) {
      const result = await b.call('storage.resolveOrphans', { action: 'delete', paths: [bad] });
      expect(!result.ok && result.error.code, bad).toBe('VALIDATION');
    }
  });
});
