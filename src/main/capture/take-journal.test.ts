// The take journal as a kiosk updated mid-take finds it: journals written before recorder parts still read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, readTakeJournal, takeRawFiles } from './take-journal';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const before16 = {
  takeId: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f',
  sceneId: '0b6a1f1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f',
  recordingId: '1c6a1f1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f',
  sceneType: 'cruising',
  mimeType: 'video/x-matroska;codecs=avc1',
  codec: 'h264',
  cameras: [
    {
      camera: 2,
      label: 'Rear camera',
      width: 1280,
      height: 720,
      frameRate: 30,
      startedAtMs: 1_750_000_000_000,
      lost: false,
      rawFile: 'camera2.take-3f2b9c1e.mkv',
    },
  ],
  startedAt: '2025-06-01T09:00:00.000Z',
  previousStatus: 'pending',
  previousStartedAt: null,
  userId: null,
};

describe('readTakeJournal', () => {
  it('reads a journal from before recorder parts: no parts, not ended', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'magnum-journal-'));
    writeFileSync(path.join(dir, JOURNAL_FILE), JSON.stringify(before16));

    const journal = await readTakeJournal(dir);

    expect(journal).toMatchObject({ ended: null, cameras: [{ camera: 2, parts: [] }] });
    expect(takeRawFiles(journal!)).toEqual(['camera2.take-3f2b9c1e.mkv']);
  });

  it('refuses a part file name that is not a part of a take', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'magnum-journal-'));
    const camera = { ...before16.cameras[0], parts: [{ rawFile: '../../etc/passwd', startedAtMs: null }] };
    writeFileSync(path.join(dir, JOURNAL_FILE), JSON.stringify({ ...before16, cameras: [camera] }));

    expect(await readTakeJournal(dir)).toBeNull();
  });
});
