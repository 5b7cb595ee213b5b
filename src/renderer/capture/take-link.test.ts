import { describe, expect, it, vi } from 'vitest';
import { ChunkBuffer, type ChunkBufferLimits } from './chunk-buffer';
import { TakeLink } from './take-link';
import type { AppError } from '../../shared/errors';
import { chunkOf, FakeConnection, FakeMain, flush } from './test-support';

const ROOMY: ChunkBufferLimits = { memoryBytes: 1024 * 1024, spillBytes: 0 };

function setUp() {
  const connection = new FakeConnection();
  const main = new FakeMain(connection);
  const failures: AppError[] = [];
  const link = new TakeLink(
    { takeId: 'take-1', sceneId: 'scene-1' },
    main,
    connection,
    new ChunkBuffer('take-1', ROOMY, null),
    { onChange: () => undefined, onAck: () => undefined, onFailed: (error) => failures.push(error) },
  );
  /** Records `count` chunks of `size` bytes for a camera, as its recorder would, from `seq`. */
  const record = (camera: 1 | 2, count: number, size = 10, from = { seq: 0, offset: 0, part: 0 }) => {
    for (let i = 0; i < count; i++) {
      const { chunk, blob } = chunkOf(camera, from.seq + i, size, {
        part: from.part,
        offset: from.offset + i * size,
      });
      void link.send(chunk, blob);
    }
  };
  return { connection, main, link, failures, record };
}

const chunksSent = (main: FakeMain, camera: 1 | 2) =>
  main.sent.flatMap((sent) =>
    sent.kind === 'chunk' && sent.camera === camera ? [`${sent.part}/${sent.seq}@${sent.offset}`] : [],
  );

describe('a take sending its chunks to main', () => {
  it('sends each camera’s chunks in order with part, seq and the bytes of the part sent before', async () => {
    const { main, link, record } = setUp();
    record(1, 3);
    record(2, 2, 7);
    await flush();
    expect(chunksSent(main, 1)).toEqual(['0/0@0', '0/1@10', '0/2@20']);
    expect(chunksSent(main, 2)).toEqual(['0/0@0', '0/1@7']);
    expect(main.bytesOf(1, 0)).toEqual([...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2)]);
    expect(link.buffer.waiting().chunks).toBe(0);
  });

  it('keeps a chunk until main acknowledges it', async () => {
    const { main, link, record } = setUp();
    main.holdCalls = true;
    record(1, 2);
    await flush();
    expect(link.buffer.waiting(1)).toMatchObject({ chunks: 2, bytes: 20 });
    main.release();
    await flush();
    main.release();
    await flush();
    expect(link.buffer.waiting(1).chunks).toBe(0);
  });

  it('holds chunks while the connection is away and calls nothing', async () => {
    const { connection, main, link, record } = setUp();
    connection.drop();
    record(1, 4);
    await flush();
    expect(main.sent).toEqual([]);
    expect(link.state).toBe('held');
    expect(link.buffer.waiting()).toMatchObject({ chunks: 4, seconds: 4 });
  });

  it('asks main where the take stands first when the connection is back, then sends the rest in order', async () => {
    const { connection, main, link, record } = setUp();
    record(1, 2);
    await flush();
    connection.drop();
    record(1, 3, 10, { seq: 2, offset: 20, part: 0 });
    await flush();
    connection.back();
    await flush();
    expect(main.sent.slice(2).map((sent) => sent.kind)).toEqual(['resume', 'chunk', 'chunk', 'chunk']);
    expect(chunksSent(main, 1)).toEqual(['0/0@0', '0/1@10', '0/2@20', '0/3@30', '0/4@40']);
    expect(main.bytesOf(1, 0)).toHaveLength(50);
    expect(link.state).toBe('sending');
    expect(link.interrupted).toBe(true);
  });

  it('lets go of the chunks main already has on disk when it resumes, though their answers were lost', async () => {
    const { connection, main, link, record } = setUp();
    main.holdCalls = true;
    record(1, 2);
    await flush();
    // Main writes chunk 0, but the connection drops before its answer reaches the take.
    main.writeThenDrop();
    main.holdCalls = false;
    await flush();
    expect(main.bytesOf(1, 0)).toHaveLength(10);
    expect(link.buffer.waiting().chunks).toBe(2);
    connection.back();
    await flush();
    // Chunk 0 is not sent again: resume said its bytes are on disk.
    expect(chunksSent(main, 1)).toEqual(['0/0@0', '0/1@10']);
    expect(main.bytesOf(1, 0)).toHaveLength(20);
    expect(link.buffer.waiting().chunks).toBe(0);
  });

  it('says main reopened the take when it had restarted meanwhile', async () => {
    const { connection, main, link, record } = setUp();
    record(2, 1);
    await flush();
    connection.drop();
    main.restarted = true;
    connection.back();
    await flush();
    expect(link.reopened).toBe(true);
  });

  it('does not retry a refusal: it says so and sends nothing more', async () => {
    const { main, link, failures, record } = setUp();
    main.refuseNext.push({ code: 'CONFLICT', message: 'That recording has already ended.' });
    record(1, 3);
    await flush();
    expect(failures).toEqual([{ code: 'CONFLICT', message: 'That recording has already ended.' }]);
    expect(chunksSent(main, 1)).toEqual(['0/0@0']);
    expect(link.state).toBe('failed');
    expect(await link.settled()).toBe(false);
  });

  it('retries main’s own “cannot now” a few times before giving up', async () => {
    const { main, failures, record } = setUp();
    main.refuseNext.push(
      { code: 'INTERNAL', message: 'A write failed.' },
      { code: 'UNAVAILABLE', message: 'The disk is busy.' },
    );
    record(1, 1);
    await vi.waitFor(() => expect(main.bytesOf(1, 0)).toHaveLength(10));
    expect(failures).toEqual([]);
  });

  it('gives up on main’s “cannot now” after three tries and says why', async () => {
    const { main, failures, record } = setUp();
    const full = { code: 'UNAVAILABLE' as const, message: 'The kiosk could not save Camera 1’s footage.' };
    main.refuseNext.push(full, full, full);
    record(1, 1);
    await vi.waitFor(() => expect(failures).toEqual([full]));
    expect(chunksSent(main, 1)).toHaveLength(3);
  });

  it('tells main a camera was lost after that part’s last chunk and before its next part', async () => {
    const { connection, main, link, record } = setUp();
    connection.drop();
    record(2, 2);
    link.cameraLost(2, 0, 'The camera stopped sending pictures.');
    record(2, 1, 10, { seq: 0, offset: 0, part: 1 });
    connection.back();
    await flush();
    expect(main.sent.filter((sent) => sent.kind !== 'resume').map((sent) => sent.kind)).toEqual([
      'chunk',
      'chunk',
      'lost',
      'chunk',
    ]);
    expect(chunksSent(main, 2)).toEqual(['0/0@0', '0/1@10', '1/0@0']);
  });

  it('is settled only once the connection is back and everything held reached main', async () => {
    const { connection, link, record } = setUp();
    connection.drop();
    record(1, 2);
    let settled: boolean | null = null;
    void link.settled().then((value) => (settled = value));
    await flush();
    expect(settled).toBeNull();
    connection.back();
    await flush();
    expect(settled).toBe(true);
  });

  it('is never settled once closed (the take was thrown away)', async () => {
    const { connection, link, record } = setUp();
    connection.drop();
    record(1, 2);
    const settled = link.settled();
    link.close();
    expect(await settled).toBe(false);
  });
});
