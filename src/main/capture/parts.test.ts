// A camera got back mid-take: its new recorder's chunks come as part 1, 2..., each in its own raw file, and
// stop joins the parts into one file that keeps the camera in sync with the other across the gap.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probeMedia } from '../ffmpeg/probe';
import {
  CAMERAS,
  decodeFully,
  recorderFootage,
  sendWithOffsets,
  splitIntoChunks,
  useCaptureHarness,
} from './test-support';

const h = useCaptureHarness();

const T0 = 1_750_000_000_000;
const folder = () => `media/${h.flight.recording.id}/cruising`;

async function startTake() {
  const footage = await recorderFootage('h264');
  return h.service.start({ sceneId: h.cruisingId, mimeType: footage.mimeType, cameras: CAMERAS }, h.crew);
}

/** Camera 2 films 4 s, is lost, and is got back 6 s after it first started for another 4 s. */
async function cameraGotBack(takeId: string, secondPart?: Uint8Array<ArrayBuffer>[]) {
  const first = splitIntoChunks((await recorderFootage('h264')).bytes);
  await sendWithOffsets(h.service, h.crew, takeId, 2, first, { startedAtMs: T0 + 100 });
  await h.service.cameraLost({ takeId, camera: 2, reason: 'The camera stopped sending video.' }, h.crew);
  await sendWithOffsets(h.service, h.crew, takeId, 2, secondPart ?? first, {
    part: 1,
    startedAtMs: T0 + 6_100,
  });
}

describe('recorder parts', () => {
  it('joins a camera got back mid-take into one playable file as long as the wall span', async () => {
    const take = await startTake();
    const long = await recorderFootage('h264', 10);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, splitIntoChunks(long.bytes, 10), {
      startedAtMs: T0,
    });
    await cameraGotBack(take.takeId);
    h.clock.advance(30_000);

    const finished = await h.service.stop({ takeId: take.takeId }, h.crew);

    expect(finished.cameras[1]).toMatchObject({ camera: 2, lost: false, parts: 2 });
    expect(finished.scene.offsetMs).toBe(100);
    const joined = h.path(`${folder()}/camera2.mp4`);
    const { durationSeconds } = await probeMedia(joined);
    // 6 s from the first part's start to the second's, then the second part's 4 s.
    expect(Math.abs((durationSeconds ?? 0) - 10)).toBeLessThanOrEqual(0.5);
    expect(finished.cameras[1]!.durationSeconds).toBe(durationSeconds);
    expect(await decodeFully(joined)).toEqual({ exitCode: 0, errors: '' });
    expect(readdirSync(h.path(folder())).sort()).toEqual(['camera1.mp4', 'camera2.mp4']);
  });

  it('journals the new part and takes the camera back from lost', async () => {
    const take = await startTake();
    await cameraGotBack(take.takeId);

    expect(await h.service.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew)).toMatchObject({
      reopened: false,
      cameras: [
        { camera: 1, part: 0, bytesOnDisk: 0, lost: false },
        { camera: 2, part: 1, lost: false },
      ],
    });
    const short = take.takeId.replace(/-/g, '').slice(0, 8);
    expect(readdirSync(h.path(folder()))).toContain(`camera2.take-${short}.p1.mkv`);
  });

  it('refuses a chunk for an older part, and a part that skips one', async () => {
    const take = await startTake();
    await cameraGotBack(take.takeId);
    const bytes = new Uint8Array([1, 2, 3]);

    await expect(
      h.service.chunk({ takeId: take.takeId, camera: 2, part: 0, seq: 8, offset: 1, bytes }, h.crew),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/earlier recording/) });
    await expect(
      h.service.chunk({ takeId: take.takeId, camera: 2, part: 3, seq: 0, offset: 0, bytes }, h.crew),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/would have a hole/) });
  });

  it('acknowledges a retried first chunk of a new part without opening another part', async () => {
    const take = await startTake();
    const chunks = splitIntoChunks((await recorderFootage('h264')).bytes);
    await sendWithOffsets(h.service, h.crew, take.takeId, 2, chunks, { to: 2 });
    await sendWithOffsets(h.service, h.crew, take.takeId, 2, chunks, { part: 1, to: 1 });

    const again = await h.service.chunk(
      { takeId: take.takeId, camera: 2, part: 1, seq: 0, offset: 0, bytes: chunks[0]! },
      h.crew,
    );

    const earlier = chunks[0]!.byteLength + chunks[1]!.byteLength;
    expect(again.bytesWritten).toBe(earlier + chunks[0]!.byteLength);
    expect(await h.service.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew)).toMatchObject({
      cameras: [{ camera: 1 }, { camera: 2, part: 1, bytesOnDisk: chunks[0]!.byteLength }],
    });
  });

  it('keeps the longest part when the parts differ in picture size', async () => {
    const take = await startTake();
    const bigger = await recorderFootage('h264', 2, { width: 640, height: 480, rate: 20 });
    await cameraGotBack(take.takeId, splitIntoChunks(bigger.bytes));
    h.clock.advance(30_000);

    const finished = await h.service.stop({ takeId: take.takeId }, h.crew);

    expect(finished.cameras).toMatchObject([{ camera: 2, parts: 1 }]);
    expect(finished.cameras[0]!.durationSeconds).toBeCloseTo(4, 0);
    expect((await probeMedia(h.path(`${folder()}/camera2.mp4`))).width).toBe(320);
  });

  it('leaves out a part that holds nothing playable', async () => {
    const take = await startTake();
    await cameraGotBack(take.takeId, [new Uint8Array(4096).fill(7)]);
    h.clock.advance(30_000);

    const finished = await h.service.stop({ takeId: take.takeId }, h.crew);

    expect(finished.cameras).toMatchObject([{ camera: 2, parts: 1 }]);
    expect(finished.cameras[0]!.durationSeconds).toBeCloseTo(4, 0);
  });

  it('goes on with the newest part after a kiosk restart and joins all of it on stop', async () => {
    const take = await startTake();
    const second = splitIntoChunks((await recorderFootage('h264')).bytes);
    await cameraGotBack(take.takeId, second.slice(0, 3));
    await h.service.close();
    const restarted = h.restart();
    await restarted.recoverInterruptedScenes();

    const resumed = await restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew);
    expect(resumed.cameras[1]).toMatchObject({ camera: 2, part: 1, lost: false });
    await sendWithOffsets(restarted, h.crew, take.takeId, 2, second, { part: 1, from: 3 });
    h.clock.advance(30_000);
    const finished = await restarted.stop({ takeId: take.takeId }, h.crew);

    expect(finished.cameras).toMatchObject([{ camera: 2, parts: 2 }]);
    expect(Math.abs(finished.cameras[0]!.durationSeconds - 10)).toBeLessThanOrEqual(0.5);
  });
});
