// A take that survives a lost host: chunks written exactly once by their offset, and a take main ended (the
// kiosk restarted, or the screen went quiet) reopened by capture.resume so the screen can send what it kept.
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probeMedia } from '../ffmpeg/probe';
import { TAKE_GONE } from './resume';
import { JOURNAL_FILE } from './take-journal';
import {
  CAMERAS,
  decodeFully,
  offsetOf,
  recorderFootage,
  sendWithOffsets,
  splitIntoChunks,
  useCaptureHarness,
  type CaptureHarness,
} from './test-support';

const h = useCaptureHarness();

const folder = () => `media/${h.flight.recording.id}/cruising`;
const files = () => readdirSync(h.path(folder())).sort();
const rawFile = (takeId: string, camera: 1 | 2) =>
  h.path(`${folder()}/camera${camera}.take-${takeId.replace(/-/g, '').slice(0, 8)}.mkv`);
const sceneStatus = () =>
  (
    h.t.sqlite.prepare('SELECT status FROM scene_recordings WHERE id = ?').get(h.cruisingId) as {
      status: string;
    }
  ).status;

async function startTake(service = h.service, cameras = CAMERAS) {
  const footage = await recorderFootage('h264');
  const take = await service.start({ sceneId: h.cruisingId, mimeType: footage.mimeType, cameras }, h.crew);
  return { take, footage, chunks: splitIntoChunks(footage.bytes) };
}

/** The kiosk dies: the service goes without saving, and a new one starts over the same folder. */
async function restartKiosk(harness: CaptureHarness) {
  await harness.service.close();
  const restarted = harness.restart();
  await restarted.recoverInterruptedScenes();
  return restarted;
}

describe('chunks with offsets', () => {
  it('acknowledges a retried chunk whose answer was lost without writing it twice', async () => {
    const { take, footage, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { to: 3 });

    const retried = await h.service.chunk(
      { takeId: take.takeId, camera: 1, seq: 2, offset: offsetOf(chunks, 2), bytes: chunks[2]! },
      h.crew,
    );
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { from: 3 });

    expect(retried.bytesWritten).toBe(offsetOf(chunks, 3));
    expect(Buffer.compare(readFileSync(rawFile(take.takeId, 1)), footage.bytes)).toBe(0);
  });

  it('takes everything again from an earlier offset, as the screen resends after its last answer', async () => {
    const { take, footage, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { to: 5 });

    const again = await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { from: 2 });

    expect(again?.bytesWritten).toBe(footage.bytes.byteLength);
    expect(Buffer.compare(readFileSync(rawFile(take.takeId, 1)), footage.bytes)).toBe(0);
  });

  it('refuses a chunk that would leave a hole, and writes nothing of it', async () => {
    const { take, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { to: 2 });

    await expect(
      h.service.chunk(
        { takeId: take.takeId, camera: 1, seq: 3, offset: offsetOf(chunks, 3), bytes: chunks[3]! },
        h.crew,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/would have a hole/) });
    expect(readFileSync(rawFile(take.takeId, 1)).byteLength).toBe(offsetOf(chunks, 2));
  });
});

describe('capture.resume', () => {
  it('tells where an open take stands without reopening anything', async () => {
    const { take, chunks } = await startTake();
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { to: 3 });

    expect(await h.service.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew)).toEqual({
      takeId: take.takeId,
      sceneId: h.cruisingId,
      reopened: false,
      cameras: [
        { camera: 1, part: 0, bytesOnDisk: offsetOf(chunks, 3), lost: false },
        { camera: 2, part: 0, bytesOnDisk: 0, lost: false },
      ],
    });
  });

  it('reopens a take after a kiosk restart and loses no byte: the half-written chunk is cut and resent', async () => {
    const { take, footage, chunks } = await startTake();
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, {
      to: 5,
      startedAtMs: 1_750_000_000_000,
    });
    await sendWithOffsets(h.service, h.crew, take.takeId, 2, chunks, { startedAtMs: 1_750_000_000_120 });
    await h.service.close();
    // The kiosk died halfway through writing chunk 5.
    appendFileSync(rawFile(take.takeId, 1), chunks[5]!.subarray(0, chunks[5]!.byteLength / 2));
    const restarted = h.restart();
    await restarted.recoverInterruptedScenes();
    expect(sceneStatus()).toBe('recovered');

    const resumed = await restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew);

    expect(resumed).toEqual({
      takeId: take.takeId,
      sceneId: h.cruisingId,
      reopened: true,
      cameras: [
        { camera: 1, part: 0, bytesOnDisk: offsetOf(chunks, 5) + chunks[5]!.byteLength / 2, lost: false },
        { camera: 2, part: 0, bytesOnDisk: footage.bytes.byteLength, lost: false },
      ],
    });
    expect(sceneStatus()).toBe('recording');
    expect(await restarted.recoveries(h.crew)).toEqual([]);
    // The screen's last answer was for chunk 3 (chunk 4's was lost): it sends everything from chunk 4 again.
    await sendWithOffsets(restarted, h.crew, take.takeId, 1, chunks, { from: 4 });
    expect(Buffer.compare(readFileSync(rawFile(take.takeId, 1)), footage.bytes)).toBe(0);
    expect(Buffer.compare(readFileSync(rawFile(take.takeId, 2)), footage.bytes)).toBe(0);

    h.clock.advance(30_000);
    const finished = await restarted.stop({ takeId: take.takeId }, h.crew);

    expect(finished.scene).toMatchObject({ status: 'recorded', offsetMs: 120 });
    for (const camera of finished.cameras) {
      expect(Math.abs(camera.durationSeconds - footage.durationSeconds)).toBeLessThanOrEqual(0.1);
    }
    expect(await decodeFully(h.path(`${folder()}/camera1.mp4`))).toEqual({ exitCode: 0, errors: '' });
    expect(files()).toEqual(['camera1.mp4', 'camera2.mp4']);
    const audit = h.t.sqlite
      .prepare(
        `SELECT after_summary FROM audit_logs WHERE entity_type = 'scene' AND entity_id = ? AND after_summary LIKE '%resumed%'`,
      )
      .all(h.cruisingId);
    expect(audit).toHaveLength(1);
  });

  it('refuses a chunk without its offset once the take was reopened', async () => {
    const { take, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { to: 2 });
    const restarted = await restartKiosk(h);
    await restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew);

    await expect(
      restarted.chunk({ takeId: take.takeId, camera: 1, seq: 2, bytes: chunks[2]! }, h.crew),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/cannot tell which/) });
  });

  it('reopens a take the idle watchdog ended, and the stop saves all of it', async () => {
    const watched = h.restart({ idleMs: 300 });
    const { take, footage, chunks } = await startTake(watched, [CAMERAS[0]!]);
    const ended = h.nextEvent('capture.takeEnded');
    await sendWithOffsets(watched, h.crew, take.takeId, 1, chunks, { to: 4 });
    await ended;
    expect(sceneStatus()).toBe('recovered');

    const resumed = await watched.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew);
    expect(resumed).toMatchObject({
      reopened: true,
      cameras: [{ camera: 1, bytesOnDisk: offsetOf(chunks, 4) }],
    });
    await sendWithOffsets(watched, h.crew, take.takeId, 1, chunks, { from: 4 });
    h.clock.advance(30_000);
    const finished = await watched.stop({ takeId: take.takeId }, h.crew);

    expect(finished.cameras[0]!.durationSeconds).toBeCloseTo(footage.durationSeconds, 0);
    expect(files()).toEqual(['camera1.mp4']);
  });

  it('reopens a take once when two screens ask at the same time', async () => {
    const { take, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { to: 2 });
    const restarted = await restartKiosk(h);

    const both = await Promise.all([
      restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew),
      restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew),
    ]);

    expect(both.map((answer) => answer.reopened).sort()).toEqual([false, true]);
    expect(both[0]!.cameras).toEqual(both[1]!.cameras);
  });

  it('throws the reopened take away leaving the scene as it was recovered', async () => {
    const { take, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks);
    const restarted = await restartKiosk(h);
    await restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew);

    await restarted.discard({ takeId: take.takeId }, h.crew);

    expect(sceneStatus()).toBe('recovered');
    expect(files()).toEqual(['camera1.mp4']);
    await expect(
      restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: TAKE_GONE });
  });

  it('refuses to reopen once another take of the scene has started, whose start removed the kept files', async () => {
    const { take, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks);
    const restarted = await restartKiosk(h);
    const next = await startTake(restarted, [CAMERAS[0]!]);

    await expect(
      restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: TAKE_GONE });
    expect(existsSync(rawFile(take.takeId, 1))).toBe(false);
    await restarted.discard({ takeId: next.take.takeId }, h.crew);
    await expect(
      restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: TAKE_GONE });
  });

  it('refuses a take that was stopped or thrown away', async () => {
    const { take, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks);
    h.clock.advance(30_000);
    await h.service.stop({ takeId: take.takeId }, h.crew);
    await expect(
      h.service.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.crew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: TAKE_GONE });

    const second = await startTake(h.service, [CAMERAS[0]!]);
    await h.service.discard({ takeId: second.take.takeId }, h.crew);
    await expect(
      h.service.resume({ takeId: second.take.takeId, sceneId: h.cruisingId }, h.crew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: TAKE_GONE });
  });

  it("refuses someone else's flight, open or kept", async () => {
    const { take, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { to: 2 });
    await expect(
      h.service.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.otherCrew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const restarted = await restartKiosk(h);
    await expect(
      restarted.resume({ takeId: take.takeId, sceneId: h.cruisingId }, h.otherCrew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(sceneStatus()).toBe('recovered');
  });
});

describe('kept takes', () => {
  it('keeps the raw files of a recovered take through later starts, and removes them after a day', async () => {
    const { take, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks);
    const restarted = await restartKiosk(h);
    const kept = files();
    expect(kept).toEqual(['camera1.mp4', expect.stringMatching(/^camera1\.take-/), JOURNAL_FILE]);

    await restarted.close();
    h.clock.advance(23 * 3600_000);
    await h.restart().recoverInterruptedScenes();
    expect(files()).toEqual(kept);

    h.clock.advance(2 * 3600_000);
    await h.restart().recoverInterruptedScenes();
    expect(files()).toEqual(['camera1.mp4']);
    expect(files()).not.toContain(JOURNAL_FILE);
  });

  it('keeps the footage of a take it could save, and plays it', async () => {
    const { take, chunks } = await startTake(h.service, [CAMERAS[0]!]);
    await sendWithOffsets(h.service, h.crew, take.takeId, 1, chunks, { to: 6 });
    await restartKiosk(h);

    const file = h.path(`${folder()}/camera1.mp4`);
    expect((await probeMedia(file)).durationSeconds).toBeGreaterThan(2);
    expect(await decodeFully(file)).toEqual({ exitCode: 0, errors: '' });
  });
});
