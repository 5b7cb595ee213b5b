import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../ffmpeg/resolve';
import { openAppDatabase } from './database';
import { probeFfmpeg } from './ffmpeg-status';
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

  it('finds and runs the bundled ffmpeg', async () => {
    const status = await probeFfmpeg(() => resolveFfmpeg());
    expect(status.available).toBe(true);
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
