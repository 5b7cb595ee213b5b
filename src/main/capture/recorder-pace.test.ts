// The render hold capture gives background renders: held while a recorder falls behind, released once every
// camera has caught up (recorder-pace.ts has the numbers). Real chunk writes into a real take.
import { describe, expect, it } from 'vitest';
import { CAMERAS, recorderFootage, splitIntoChunks, useCaptureHarness, type Chunk } from './test-support';
import type { CaptureService } from './service';

const h = useCaptureHarness();

/** Every change of the hold, in order. */
function watchHold(service: CaptureService): boolean[] {
  const changes: boolean[] = [];
  service.renderHold.subscribe((held) => changes.push(held));
  return changes;
}

async function startTake(service: CaptureService, cameras = CAMERAS) {
  const footage = await recorderFootage('h264');
  const take = await service.start({ sceneId: h.cruisingId, mimeType: footage.mimeType, cameras }, h.crew);
  return { takeId: take.takeId, chunks: splitIntoChunks(footage.bytes, 8) };
}

describe('the render hold', () => {
  it('holds while more than two chunks of a camera wait to be written, and lets go once they are', async () => {
    const changes = watchHold(h.service);
    const { takeId, chunks } = await startTake(h.service);

    // Four chunks at once, as a screen sends what piled up while the disk was slow.
    const sends = chunks
      .slice(0, 4)
      .map((bytes, seq) => h.service.chunk({ takeId, camera: 1, seq, bytes }, h.crew));
    await Promise.all(sends);

    expect(h.service.renderHold.held()).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('holds while a camera’s chunks arrive two seconds late, and lets go once they are on time again', async () => {
    let now = 10_000;
    const service = h.restart({ paceNowMs: () => now });
    const changes = watchHold(service);
    const { takeId, chunks } = await startTake(service);
    const send = async (seq: number, atMs: number, camera: 1 | 2 = 1) => {
      now = 10_000 + atMs;
      await service.chunk({ takeId, camera, seq, bytes: chunks[seq] as Chunk }, h.crew);
      return service.renderHold.held();
    };

    expect(await send(0, 0)).toBe(false);
    expect(await send(1, 1_000)).toBe(false);
    expect(await send(2, 3_900)).toBe(false); // 1.9 s late: not yet behind
    expect(await send(3, 5_100)).toBe(true); // 2.1 s late
    expect(await send(4, 5_200)).toBe(true); // 1.2 s late: not caught up yet
    expect(await send(5, 5_900)).toBe(false); // 0.9 s late: caught up
    expect(changes).toEqual([true, false]);
  });

  it('lets go when the camera that fell behind is lost, and when the take ends', async () => {
    let now = 0;
    const service = h.restart({ paceNowMs: () => now });
    const { takeId, chunks } = await startTake(service);
    await service.chunk({ takeId, camera: 1, seq: 0, bytes: chunks[0] as Chunk }, h.crew);
    await service.chunk({ takeId, camera: 2, seq: 0, bytes: chunks[0] as Chunk }, h.crew);
    now = 4_000;
    await service.chunk({ takeId, camera: 2, seq: 1, bytes: chunks[1] as Chunk }, h.crew);
    expect(service.renderHold.held()).toBe(true);

    await service.cameraLost({ takeId, camera: 2, reason: 'The camera was unplugged.' }, h.crew);
    expect(service.renderHold.held()).toBe(false);

    now = 9_000;
    await service.chunk({ takeId, camera: 1, seq: 1, bytes: chunks[1] as Chunk }, h.crew);
    expect(service.renderHold.held()).toBe(true);
    await service.discard({ takeId }, h.crew);
    expect(service.renderHold.held()).toBe(false);
  });
});
