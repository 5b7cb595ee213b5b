// The kiosk died mid-take: the next start saves what reached the disk and tells the operator once.
import { existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CameraNumber } from '../../shared/capture';
import { probeMedia } from '../ffmpeg/probe';
import { JOURNAL_FILE } from './take-journal';
import {
  CAMERAS,
  decodeFully,
  recorderFootage,
  sendChunks,
  useCaptureHarness,
  splitIntoChunks,
  recordWholeTake,
} from './test-support';

const h = useCaptureHarness();

const folder = () => `media/${h.flight.recording.id}/cruising`;
const files = () => readdirSync(h.path(folder())).sort();
/** The scene's footage, leaving out the raw files and journal a recovered take keeps for capture.resume. */
const footageFiles = () => files().filter((name) => !name.includes('.take-') && name !== JOURNAL_FILE);
const keptJournal = () => JSON.parse(readFileSync(h.path(`${folder()}/${JOURNAL_FILE}`), 'utf8'));
const scene = () =>
  h.t.sqlite
    .prepare(
      'SELECT status, camera1_duration, camera2_duration, camera_offset_ms, started_at FROM scene_recordings WHERE id = ?',
    )
    .get(h.cruisingId) as {
    status: string;
    camera1_duration: number | null;
    camera2_duration: number | null;
    camera_offset_ms: number | null;
    started_at: string | null;
  };

/** A take whose chunks all arrived, then the kiosk went away without stop; each raw file cut to `keep`. */
async function interruptedTake(options: { keep?: number; cameras?: CameraNumber[] } = {}) {
  const { take, footage } = await recordWholeTake(h, 'h264', {
    cameras: options.cameras,
    startedAtMs: (camera) => 1_750_000_000_000 + (camera - 1) * 180,
  });
  await h.service.close();
  for (const name of files().filter((file) => file.includes('.take-'))) {
    truncateSync(h.path(`${folder()}/${name}`), Math.floor(footage.bytes.byteLength * (options.keep ?? 1)));
  }
  return take;
}

async function savedTake() {
  const footage = await recorderFootage('h264');
  const take = await h.service.start(
    { sceneId: h.cruisingId, mimeType: footage.mimeType, cameras: [CAMERAS[0]!] },
    h.crew,
  );
  await sendChunks(h.service, h.crew, take.takeId, 1, splitIntoChunks(footage.bytes));
  h.clock.advance(30_000);
  return h.service.stop({ takeId: take.takeId }, h.crew);
}

describe('recovering interrupted takes at start', () => {
  it('saves a take cut off at 60 % of its bytes as recovered, playable to its end', async () => {
    await interruptedTake({ keep: 0.6 });

    const restarted = h.restart();
    const found = await restarted.recoverInterruptedScenes();

    expect(found).toHaveLength(1);
    expect(scene()).toMatchObject({ status: 'recovered', camera_offset_ms: 180 });
    for (const camera of [1, 2]) {
      const file = h.path(`${folder()}/camera${camera}.mp4`);
      expect(await decodeFully(file)).toEqual({ exitCode: 0, errors: '' });
      const { durationSeconds } = await probeMedia(file);
      expect(durationSeconds).toBeGreaterThan(1.5);
      expect(durationSeconds).toBeLessThan(3.5);
    }
    expect(footageFiles()).toEqual(['camera1.mp4', 'camera2.mp4']);
    expect(keptJournal()).toMatchObject({ ended: { how: 'recovered' } });
    const audit = h.t.sqlite
      .prepare(
        `SELECT action, user_id FROM audit_logs WHERE entity_type = 'scene' AND entity_id = ? AND action = 'recover'`,
      )
      .all(h.cruisingId);
    expect(audit).toEqual([{ action: 'recover', user_id: null }]);
  });

  it('tells the operator once, with the passengers, until it is acknowledged', async () => {
    await interruptedTake({ keep: 0.6 });
    const restarted = h.restart();
    await restarted.recoverInterruptedScenes();

    const notes = await restarted.recoveries(h.crew);
    expect(notes).toEqual([
      {
        sceneId: h.cruisingId,
        recordingId: h.flight.recording.id,
        passengerNames: 'Anna & Ben Keller',
        sceneType: 'cruising',
        camera1Duration: scene().camera1_duration,
        camera2Duration: scene().camera2_duration,
        recoveredAt: '2025-06-01T09:00:00.000Z',
      },
    ]);
    expect(await restarted.recoveries(h.crew)).toHaveLength(1);

    expect(await restarted.acknowledgeRecoveries([h.cruisingId], h.crew)).toEqual({ acknowledged: 1 });
    expect(await restarted.recoveries(h.crew)).toEqual([]);
    expect(await restarted.acknowledgeRecoveries([h.cruisingId], h.crew)).toEqual({ acknowledged: 0 });
  });

  it('shows the note only to people who may see the flight', async () => {
    await interruptedTake({ keep: 0.6 });
    const restarted = h.restart();
    await restarted.recoverInterruptedScenes();

    expect(await restarted.recoveries(h.otherCrew)).toEqual([]);
    expect(await restarted.acknowledgeRecoveries([h.cruisingId], h.otherCrew)).toEqual({ acknowledged: 0 });
    expect(await restarted.recoveries(h.admin)).toHaveLength(1);
  });

  it('puts back the earlier take when nothing of the new one reached the disk', async () => {
    await savedTake();
    const before = scene();
    const oldFile = readFileSync(h.path(`${folder()}/camera1.mp4`));
    h.clock.advance(60_000);
    await interruptedTake({ keep: 0 });

    const restarted = h.restart();
    await restarted.recoverInterruptedScenes();

    expect(scene()).toEqual(before);
    expect(footageFiles()).toEqual(['camera1.mp4']);
    expect(Buffer.compare(readFileSync(h.path(`${folder()}/camera1.mp4`)), oldFile)).toBe(0);
    expect(await restarted.recoveries(h.crew)).toMatchObject([
      { sceneId: h.cruisingId, camera1Duration: null, camera2Duration: null },
    ]);
  });

  it('puts a first take with nothing on disk back to pending', async () => {
    await interruptedTake({ keep: 0 });

    await h.restart().recoverInterruptedScenes();

    expect(scene()).toMatchObject({ status: 'pending', started_at: null });
    expect(footageFiles()).toEqual([]);
    // Kept all the same: the screen may still hold the chunks that never arrived, and resume the take.
    expect(keptJournal()).toMatchObject({ ended: { how: 'recovered' } });
  });

  it('recovers from the raw files when the journal is gone', async () => {
    await interruptedTake({ keep: 0.6, cameras: [1] });
    rmSync(h.path(`${folder()}/${JOURNAL_FILE}`));

    await h.restart().recoverInterruptedScenes();

    expect(scene()).toMatchObject({ status: 'recovered', camera_offset_ms: null });
    expect(footageFiles()).toEqual(['camera1.mp4']);
  });

  it('keeps the footage for the next start when ffmpeg cannot run', async () => {
    await interruptedTake({ keep: 0.6, cameras: [1] });
    const before = files();

    const found = await h.restart({ ffmpegPath: h.path('no-such-ffmpeg') }).recoverInterruptedScenes();

    expect(found).toEqual([]);
    expect(scene().status).toBe('recording');
    expect(files()).toEqual(before);
  });

  it('keeps a stopped take on disk for the next start when ffmpeg cannot run, and says so', async () => {
    const footage = await recorderFootage('h264');
    const broken = h.restart({ ffmpegPath: h.path('no-such-ffmpeg') });
    const take = await broken.start(
      { sceneId: h.cruisingId, mimeType: footage.mimeType, cameras: [CAMERAS[0]!] },
      h.crew,
    );
    await sendChunks(broken, h.crew, take.takeId, 1, splitIntoChunks(footage.bytes));
    h.clock.advance(30_000);

    await expect(broken.stop({ takeId: take.takeId }, h.crew)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/ffmpeg is missing or broken\. The footage is kept/),
    });
    expect(scene().status).toBe('recording');
    await broken.close();

    await h.restart().recoverInterruptedScenes();
    expect(scene().status).toBe('recovered');
    expect(scene().camera1_duration).toBeCloseTo(footage.durationSeconds, 0);
  });

  it('removes working files left by takes that did finish', async () => {
    await savedTake();
    for (const name of ['camera1.take-0a1b2c3d.mkv', 'camera1.take-0a1b2c3d.mkv.remux.tmp', JOURNAL_FILE]) {
      writeFileSync(h.path(`${folder()}/${name}`), 'left over');
    }

    await h.restart().recoverInterruptedScenes();

    expect(files()).toEqual(['camera1.mp4']);
    expect(scene().status).toBe('recorded');
  });

  it('makes capture calls wait until recovery has finished', async () => {
    await interruptedTake({ keep: 0.6, cameras: [1] });
    const restarted = h.restart();

    const recovering = restarted.recoverInterruptedScenes();
    const started = restarted.start(
      { sceneId: h.cruisingId, mimeType: 'video/x-matroska;codecs=avc1', cameras: [CAMERAS[0]!] },
      h.crew,
    );

    await expect(started).resolves.toMatchObject({ sceneId: h.cruisingId });
    expect(await recovering).toHaveLength(1);
    expect(existsSync(h.path(`${folder()}/camera1.mp4`))).toBe(true);
  });
});
