// Recording a scene again: the earlier take stays until the new one is saved, and a discarded take changes
// nothing about the scene.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CameraNumber } from '../../shared/capture';
import { useCaptureHarness, type FootageKind, recordWholeTake } from './test-support';

const h = useCaptureHarness();

const folder = () => `media/${h.flight.recording.id}/cruising`;
const scene = () =>
  h.t.sqlite
    .prepare(
      'SELECT status, camera1_path, camera2_path, camera1_duration, started_at FROM scene_recordings WHERE id = ?',
    )
    .get(h.cruisingId) as {
    status: string;
    camera1_path: string | null;
    camera2_path: string | null;
    camera1_duration: number | null;
    started_at: string | null;
  };
const storagePaths = () =>
  (
    h.t.sqlite
      .prepare('SELECT path FROM storage_usage WHERE scene_id = ? ORDER BY path')
      .all(h.cruisingId) as Array<{
      path: string;
    }>
  ).map((row) => row.path);

/** Starts a take, sends all of the footage for each camera, and returns its id (not stopped). */
async function recordTake(kind: FootageKind, cameras: CameraNumber[] = [1, 2]) {
  const { take } = await recordWholeTake(h, kind, { cameras });
  return take.takeId;
}

async function saveTake(kind: FootageKind, cameras: CameraNumber[] = [1, 2]) {
  const takeId = await recordTake(kind, cameras);
  h.clock.advance(30_000);
  return h.service.stop({ takeId }, h.crew);
}

describe('recording a scene again', () => {
  it('keeps the old take until the new one is saved', async () => {
    await saveTake('h264');
    const before = scene();
    const oldFile = readFileSync(h.path(`${folder()}/camera1.mp4`));

    const takeId = await recordTake('h264');
    expect(scene()).toMatchObject({
      status: 'recording',
      camera1_path: before.camera1_path,
      camera1_duration: before.camera1_duration,
    });
    expect(Buffer.compare(readFileSync(h.path(`${folder()}/camera1.mp4`)), oldFile)).toBe(0);

    h.clock.advance(30_000);
    const finished = await h.service.stop({ takeId }, h.crew);
    expect(finished.scene.status).toBe('recorded');
    expect(readdirSync(h.path(folder())).sort()).toEqual(['camera1.mp4', 'camera2.mp4']);
    expect(storagePaths()).toEqual([`${folder()}/camera1.mp4`, `${folder()}/camera2.mp4`]);
  });

  it('replaces footage of another format: old files and their storage rows go', async () => {
    await saveTake('h264');

    await saveTake('vp8', [1]);

    expect(readdirSync(h.path(folder()))).toEqual(['camera1.webm']);
    expect(storagePaths()).toEqual([`${folder()}/camera1.webm`]);
    expect(scene()).toMatchObject({ camera1_path: `${folder()}/camera1.webm`, camera2_path: null });
  });

  it('a discarded take leaves the scene and its footage as they were', async () => {
    await saveTake('h264');
    const before = scene();
    const oldFile = readFileSync(h.path(`${folder()}/camera2.mp4`));
    h.clock.advance(60_000);

    const takeId = await recordTake('vp8');
    await h.service.discard({ takeId }, h.crew);

    expect(scene()).toEqual(before);
    expect(readdirSync(h.path(folder())).sort()).toEqual(['camera1.mp4', 'camera2.mp4']);
    expect(Buffer.compare(readFileSync(h.path(`${folder()}/camera2.mp4`)), oldFile)).toBe(0);
    await expect(
      h.service.chunk({ takeId, camera: 1, seq: 8, bytes: new Uint8Array([1]) }, h.crew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'That recording has already ended.' });
  });

  it('a discarded first take leaves the scene pending with no files', async () => {
    const takeId = await recordTake('h264', [1]);

    await h.service.discard({ takeId }, h.crew);

    expect(scene()).toMatchObject({ status: 'pending', camera1_path: null, started_at: null });
    expect(readdirSync(h.path(folder()))).toEqual([]);
  });

  it('allows a new take once the last one was discarded', async () => {
    const takeId = await recordTake('h264', [1]);
    await h.service.discard({ takeId }, h.crew);

    await expect(saveTake('h264', [1])).resolves.toMatchObject({ scene: { status: 'recorded' } });
  });
});
