import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../ffmpeg/resolve';
import { openAppDatabase } from './database';
import { parseFfmpegFeatures, probeFfmpeg } from './ffmpeg-status';
import { readStorageStatus } from './storage-status';

const logger = pino({ level: 'silent' });

describe('kiosk status', () => {
  it('reports a fresh database as ready, in WAL mode, at the latest schema version', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'magnum-status-'));
    const database = await openAppDatabase(path.join(dir, 'magnum.db'), logger);
    const status = await database.status();
    await database.close();
    expect(status).toMatchObject({ state: 'ok', journalMode: 'wal', recordings: 0 });
    expect(status.state === 'ok' && status.schemaVersion).toBeGreaterThan(0);
    expect(status.state === 'ok' && status.sizeBytes).toBeGreaterThan(0);
  });

  it('explains a database that cannot be opened instead of throwing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'magnum-status-'));
    const database = await openAppDatabase(path.join(dir, 'missing-folder', 'x', '\0bad.db'), logger);
    const status = await database.status();
    expect(status.state).toBe('error');
    expect(status.state === 'error' && status.message).toMatch(/could not be opened.*restart the kiosk/);
    await database.close();
  });

  it('finds and runs the ffmpeg in use, and reads what it can do from its own lists', async () => {
    const status = await probeFfmpeg(() => resolveFfmpeg());
    expect(status.available).toBe(true);
    // The export needs these; xfade depends on the build (4.1 has none), so only its presence is read.
    expect(status.available && status.features).toMatchObject({ libx264: true, drawtext: true });
    expect(typeof (status.available && status.features.xfade)).toBe('boolean');
  });

  it('tells features apart by name, not by version', () => {
    const filters = [
      ' T.C drawtext          V->V       Draw text on top of video frames using libfreetype library.',
      ' ... xfade             VV->V      Cross fade one video with another video.',
    ].join('\n');
    const encoders = [
      ' V..... libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)',
    ].join('\n');
    expect(parseFfmpegFeatures(filters, encoders)).toEqual({ libx264: true, drawtext: true, xfade: true });
    expect(parseFfmpegFeatures(' T.C drawtext  V->V  Draw text', '')).toEqual({
      libx264: false,
      drawtext: true,
      xfade: false,
    });
  });

  it('says plainly when ffmpeg does not run', async () => {
    const status = await probeFfmpeg(() => ({ path: '/nonexistent/ffmpeg', source: 'env' }));
    expect(status).toMatchObject({ available: false });
    expect(!status.available && status.message).toMatch(/FFMPEG_PATH/);
  });

  it('measures free space where the data folder is', async () => {
    const status = await readStorageStatus(tmpdir());
    expect(status.freeBytes).toBeGreaterThan(0);
    expect(status.totalBytes).toBeGreaterThanOrEqual(status.freeBytes!);
    expect(status.lowBytes).toBe(2 * 1024 ** 3);
  });

  it('reports unknown free space for a folder that does not exist', async () => {
    expect(await readStorageStatus('/nonexistent/magnum')).toMatchObject({
      freeBytes: null,
      totalBytes: null,
    });
  });
});
