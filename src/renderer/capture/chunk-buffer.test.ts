import { describe, expect, it } from 'vitest';
import { ChunkBuffer } from './chunk-buffer';
import { chunkOf, MapSpill } from './test-support';

const MB = 1024 * 1024;

async function holdAll(buffer: ChunkBuffer, camera: 1 | 2, count: number, size: number): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let seq = 0; seq < count; seq++) {
    const { chunk, blob } = chunkOf(camera, seq, size, { offset: seq * size });
    results.push(await buffer.hold(chunk, blob));
  }
  return results;
}

describe('the footage a take holds until main has it', () => {
  it('spills the oldest chunks to the screen’s storage beyond the memory bound', async () => {
    const spill = new MapSpill();
    const buffer = new ChunkBuffer('t', { memoryBytes: 250, spillBytes: MB }, spill);
    await holdAll(buffer, 1, 5, 100);
    await buffer.settled();
    expect([...spill.stored.keys()]).toEqual(['t/1/0/0', 't/1/0/1', 't/1/0/2']);
    expect(buffer.usage()).toEqual({ memoryBytes: 200, spilledBytes: 300 });
  });

  it('reads a spilled chunk back byte for byte', async () => {
    const buffer = new ChunkBuffer('t', { memoryBytes: 0, spillBytes: MB }, new MapSpill());
    await holdAll(buffer, 2, 2, 8);
    await buffer.settled();
    const head = buffer.head(2)!;
    expect([...(await buffer.read(head))]).toEqual(Array(8).fill(0));
  });

  it('deletes a spilled chunk from storage once main acknowledges it', async () => {
    const spill = new MapSpill();
    const buffer = new ChunkBuffer('t', { memoryBytes: 0, spillBytes: MB }, spill);
    await holdAll(buffer, 1, 2, 10);
    buffer.acknowledge(buffer.head(1)!);
    await buffer.settled();
    expect([...spill.stored.keys()]).toEqual(['t/1/0/1']);
    expect(buffer.usage().spilledBytes).toBe(10);
  });

  it('says it is full when the spill bound is reached, and keeps the chunk in memory', async () => {
    const buffer = new ChunkBuffer('t', { memoryBytes: 100, spillBytes: 200 }, new MapSpill());
    const results = await holdAll(buffer, 1, 5, 100);
    expect(results).toEqual([true, true, true, false, false]);
    expect(buffer.full).toBe(true);
    expect(buffer.waiting().chunks).toBe(5);
  });

  it('says it is full when the browser has no room left to spill into', async () => {
    const buffer = new ChunkBuffer('t', { memoryBytes: 100, spillBytes: MB }, new MapSpill(10 * MB));
    const results = await holdAll(buffer, 1, 2, 100);
    // 10 MB free is less than the margin kept for the rest of the screen.
    expect(results).toEqual([true, false]);
    expect(buffer.usage()).toEqual({ memoryBytes: 200, spilledBytes: 0 });
  });

  it('is full past the memory bound where there is nowhere to spill', async () => {
    const buffer = new ChunkBuffer('t', { memoryBytes: 150, spillBytes: MB }, null);
    expect(await holdAll(buffer, 1, 2, 100)).toEqual([true, false]);
  });

  it('lets go of what main has on disk after a resume: earlier parts, and whole chunks of the newest', async () => {
    const buffer = new ChunkBuffer('t', { memoryBytes: MB, spillBytes: 0 }, null);
    for (const [part, seq, offset] of [
      [0, 0, 0],
      [0, 1, 10],
      [1, 0, 0],
      [1, 1, 10],
      [1, 2, 20],
    ] as const) {
      const { chunk, blob } = chunkOf(1, seq, 10, { part, offset });
      await buffer.hold(chunk, blob);
    }
    // Part 1 has 15 bytes on disk: chunk 1/0 wholly, chunk 1/1 only half, so it is sent again.
    expect(buffer.dropOnDisk(1, 1, 15)).toBe(3);
    expect(buffer.head(1)).toMatchObject({ part: 1, seq: 1 });
  });

  it('counts the seconds waiting as the most of any one camera', async () => {
    const buffer = new ChunkBuffer('t', { memoryBytes: MB, spillBytes: 0 }, null);
    await holdAll(buffer, 1, 3, 10);
    await holdAll(buffer, 2, 5, 10);
    expect(buffer.waiting()).toEqual({ chunks: 8, bytes: 80, seconds: 5 });
  });

  it('clears the spilled chunks of a take that is over', async () => {
    const spill = new MapSpill();
    const buffer = new ChunkBuffer('t', { memoryBytes: 0, spillBytes: MB }, spill);
    await holdAll(buffer, 1, 3, 10);
    await buffer.clear();
    expect(spill.stored.size).toBe(0);
    expect(buffer.waiting().chunks).toBe(0);
  });
});
