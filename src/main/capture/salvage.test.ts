// Damaged chunks keep the rest: a lost header is borrowed from a recording like it, a damaged middle keeps
// what comes before and after, and raw footage nothing playable came of is kept for support, never deleted.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeMedia } from '../ffmpeg/probe';
import { runFfmpeg } from '../ffmpeg/run';
import { containerHeader, findCluster, graftHeader, readVint } from './salvage';
import {
  CAMERAS,
  decodeFully,
  recorderFootage,
  sendWithOffsets,
  splitIntoChunks,
  useCaptureHarness,
  type Chunk,
} from './test-support';

const h = useCaptureHarness();

const folder = () => `media/${h.flight.recording.id}/cruising`;
const sceneStatus = () =>
  (
    h.t.sqlite.prepare('SELECT status FROM scene_recordings WHERE id = ?').get(h.cruisingId) as {
      status: string;
    }
  ).status;

/** Bytes a damaged transfer or a failing card could leave: noise, the same every run. */
function noise(length: number, seed = 7): Chunk {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    bytes[i] = state >> 16;
  }
  return bytes;
}

function damaged(chunks: Chunk[], index: number): Chunk[] {
  return chunks.map((chunk, i) => (i === index ? noise(chunk.byteLength) : chunk));
}

async function errorsDecoding(file: string, from: number, seconds: number): Promise<string> {
  const { stderr } = await runFfmpeg(
    ['-v', 'error', '-ss', String(from), '-t', String(seconds), '-i', file, '-f', 'null', '-'],
    { okExitCodes: [0, 1] },
  );
  return stderr.trim();
}

async function takeOf(cameras = CAMERAS, seconds = 20) {
  const footage = await recorderFootage('h264', seconds);
  const take = await h.service.start({ sceneId: h.cruisingId, mimeType: footage.mimeType, cameras }, h.crew);
  return { take, footage, chunks: splitIntoChunks(footage.bytes, seconds) };
}

describe('reading a recorder header', () => {
  it('finds the header up to the first cluster and leaves the segment size open', async () => {
    const { bytes } = await recorderFootage('vp8');
    const header = containerHeader(bytes);

    expect(header).not.toBeNull();
    expect(header!.byteLength).toBe(findCluster(bytes));
    expect(Buffer.compare(header!.subarray(0, 4), Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))).toBe(0);
    expect(containerHeader(noise(4096))).toBeNull();
  });

  it('grafts a header onto the first cluster after more than a megabyte of damage', async () => {
    const { bytes } = await recorderFootage('vp8');
    const cluster = findCluster(bytes);
    const dir = mkdtempSync(path.join(tmpdir(), 'magnum-graft-'));
    try {
      const damagedFile = path.join(dir, 'damaged.webm');
      writeFileSync(damagedFile, Buffer.concat([noise(1_500_000), bytes.subarray(cluster)]));

      const skipped = await graftHeader(damagedFile, containerHeader(bytes)!, path.join(dir, 'grafted.webm'));

      expect(skipped).toBe(1_500_000);
      const grafted = readFileSync(path.join(dir, 'grafted.webm'));
      expect(
        Buffer.compare(grafted.subarray(containerHeader(bytes)!.byteLength), bytes.subarray(cluster)),
      ).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads EBML sizes, known and unknown', () => {
    expect(readVint(new Uint8Array([0x81]), 0)).toEqual({ length: 1, value: 1, unknown: false });
    expect(readVint(new Uint8Array([0x40, 0x02]), 0)).toEqual({ length: 2, value: 2, unknown: false });
    expect(readVint(new Uint8Array([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0)).toMatchObject({
      length: 8,
      unknown: true,
    });
    expect(readVint(new Uint8Array([0x00]), 0)).toBeNull();
  });
});

describe('salvaging damaged footage', () => {
  it("keeps at least 18 s of a 20 s take whose first chunk was damaged, with the other camera's header", async () => {
    const { take, chunks } = await takeOf();
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks);
    await sendWithOffsets(h.service, h.crew, take.takeId, 2, damaged(chunks, 0));
    h.clock.advance(30_000);

    const finished = await h.service.stop({ takeId: take.takeId }, h.crew);

    const camera2 = finished.cameras.find((camera) => camera.camera === 2);
    expect(camera2?.durationSeconds).toBeGreaterThanOrEqual(18);
    const file = h.path(`${folder()}/camera2.mp4`);
    expect((await probeMedia(file)).durationSeconds).toBeGreaterThanOrEqual(18);
    expect(await decodeFully(file)).toEqual({ exitCode: 0, errors: '' });
  });

  it("borrows the last good take's header when the take has one camera", async () => {
    const good = await takeOf([CAMERAS[0]!], 4);
    await sendWithOffsets(h.service, h.crew, good.take.takeId, 1, good.chunks);
    h.clock.advance(30_000);
    await h.service.stop({ takeId: good.take.takeId }, h.crew);

    const { take, chunks } = await takeOf([CAMERAS[0]!], 4);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, damaged(chunks, 0));
    h.clock.advance(30_000);
    const finished = await h.service.stop({ takeId: take.takeId }, h.crew);

    expect(finished.cameras[0]!.durationSeconds).toBeGreaterThanOrEqual(2.5);
    expect(await decodeFully(h.path(`${folder()}/camera1.mp4`))).toEqual({ exitCode: 0, errors: '' });
  });

  it('keeps the footage before and after a damaged chunk in the middle', async () => {
    const { take, chunks } = await takeOf([CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, damaged(chunks, 10));
    h.clock.advance(30_000);

    const finished = await h.service.stop({ takeId: take.takeId }, h.crew);

    expect(finished.cameras[0]!.durationSeconds).toBeGreaterThanOrEqual(19);
    const file = h.path(`${folder()}/camera1.mp4`);
    expect(await errorsDecoding(file, 0, 9)).toBe('');
    expect(await errorsDecoding(file, 12, 8)).toBe('');
  });

  it('keeps a camera’s raw file under an unreadable name when nothing playable came of it', async () => {
    const { take, chunks } = await takeOf(CAMERAS, 4);
    const garbage = chunks.map((chunk, i) => noise(chunk.byteLength, i + 1));
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks);
    await sendWithOffsets(h.service, h.crew, take.takeId, 2, garbage);
    h.clock.advance(30_000);

    const finished = await h.service.stop({ takeId: take.takeId }, h.crew);

    expect(finished.cameras.map((camera) => camera.camera)).toEqual([1]);
    const short = take.takeId.replace(/-/g, '').slice(0, 8);
    expect(readdirSync(h.path(folder())).sort()).toEqual(['camera1.mp4', `camera2.unreadable-${short}.mkv`]);
    const kept = readFileSync(h.path(`${folder()}/camera2.unreadable-${short}.mkv`));
    expect(Buffer.compare(kept, Buffer.concat(garbage))).toBe(0);
  });

  it('puts the scene back and keeps the raw file when no camera had anything playable', async () => {
    const { take, chunks } = await takeOf([CAMERAS[0]!], 4);
    await sendWithOffsets(
      h.service,
      h.crew,
      take.takeId,
      1,
      chunks.map((chunk) => noise(chunk.byteLength)),
    );
    h.clock.advance(30_000);

    await expect(h.service.stop({ takeId: take.takeId }, h.crew)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/No usable footage/),
    });

    expect(sceneStatus()).toBe('pending');
    const short = take.takeId.replace(/-/g, '').slice(0, 8);
    expect(readdirSync(h.path(folder()))).toEqual([`camera1.unreadable-${short}.mkv`]);
  });

  it('keeps the unreadable raw file of a kept take when a new take of the scene starts', async () => {
    const { take, chunks } = await takeOf([CAMERAS[0]!], 4);
    await sendWithOffsets(
      h.service,
      h.crew,
      take.takeId,
      1,
      chunks.map((chunk) => noise(chunk.byteLength)),
    );
    await h.service.close();
    const restarted = h.restart();
    await restarted.recoverInterruptedScenes();
    const short = take.takeId.replace(/-/g, '').slice(0, 8);
    expect(readdirSync(h.path(folder())).sort()).toEqual([`camera1.take-${short}.mkv`, 'take.json']);

    const next = await restarted.start(
      { sceneId: h.cruisingId, mimeType: 'video/x-matroska;codecs=avc1', cameras: [CAMERAS[0]!] },
      h.crew,
    );

    expect(readdirSync(h.path(folder()))).toContain(`camera1.unreadable-${short}.mkv`);
    await restarted.discard({ takeId: next.takeId }, h.crew);
  });
});
