// Starting a take: who may, which formats, one take per scene, and enough free disk before and during it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from './take-journal';
import { CAMERAS, GB, recorderFootage, sendChunks, useCaptureHarness, splitIntoChunks } from './test-support';

const h = useCaptureHarness();

const MKV = 'video/x-matroska;codecs=avc1';
const sceneStatus = () =>
  (
    h.t.sqlite.prepare('SELECT status FROM scene_recordings WHERE id = ?').get(h.cruisingId) as {
      status: string;
    }
  ).status;
const sceneFolder = () => h.path(`media/${h.flight.recording.id}/cruising`);

describe('capture.start', () => {
  it('opens a take: journal and raw files on disk, the scene recording, the minimum from settings', async () => {
    h.t.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('min_scene_seconds', '45')`).run();

    const take = await h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.crew);

    expect(take).toMatchObject({
      sceneId: h.cruisingId,
      startedAt: '2025-06-01T09:00:00.000Z',
      minSeconds: 45,
    });
    expect(sceneStatus()).toBe('recording');
    const short = take.takeId.replace(/-/g, '').slice(0, 8);
    expect(readdirSync(sceneFolder()).sort()).toEqual(
      [`camera1.take-${short}.mkv`, `camera2.take-${short}.mkv`, JOURNAL_FILE].sort(),
    );
    const journal = JSON.parse(readFileSync(`${sceneFolder()}/${JOURNAL_FILE}`, 'utf8'));
    expect(journal).toMatchObject({
      takeId: take.takeId,
      sceneId: h.cruisingId,
      recordingId: h.flight.recording.id,
      mimeType: MKV,
      codec: 'h264',
      previousStatus: 'pending',
      startedAt: take.startedAt,
      cameras: [
        {
          camera: 1,
          label: 'Front camera',
          width: 320,
          height: 240,
          frameRate: 20,
          startedAtMs: null,
          lost: false,
        },
        {
          camera: 2,
          label: 'Rear camera',
          width: 320,
          height: 240,
          frameRate: 20,
          startedAtMs: null,
          lost: false,
        },
      ],
    });
  });

  it('stores each camera’s recorder start in the journal with its first chunk', async () => {
    const footage = await recorderFootage('h264');
    const take = await h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.crew);
    await sendChunks(h.service, h.crew, take.takeId, 2, splitIntoChunks(footage.bytes).slice(0, 1), {
      startedAtMs: 1_750_000_000_500,
    });

    const journal = JSON.parse(readFileSync(`${sceneFolder()}/${JOURNAL_FILE}`, 'utf8'));
    expect(journal.cameras.map((c: { startedAtMs: number | null }) => c.startedAtMs)).toEqual([
      null,
      1_750_000_000_500,
    ]);
  });

  it('says NOT_FOUND to a crew member who cannot see the flight', async () => {
    await expect(
      h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.otherCrew),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/not one of your flights/) });
    expect(sceneStatus()).toBe('pending');
  });

  it('lets an admin film any flight', async () => {
    await expect(
      h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.admin),
    ).resolves.toMatchObject({ sceneId: h.cruisingId });
  });

  it('says NOT_FOUND for a scene that does not exist', async () => {
    await expect(
      h.service.start(
        { sceneId: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', mimeType: MKV, cameras: CAMERAS },
        h.crew,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to film a flight without a signed waiver when the kiosk requires one, and films it once signed', async () => {
    h.t.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('require_waiver', 'true')`).run();
    await expect(
      h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.crew),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/has no signed waiver/) });
    expect(sceneStatus()).toBe('pending');

    h.t.sqlite
      .prepare('UPDATE flight_recordings SET waiver_accepted_at = ? WHERE id = ?')
      .run('2025-06-01T08:50:00.000Z', h.flight.recording.id);
    await expect(
      h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.crew),
    ).resolves.toMatchObject({ sceneId: h.cruisingId });
  });

  it('refuses a second take of a scene that is already recording', async () => {
    await h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.crew);

    await expect(
      h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.crew),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses two starts of one scene that arrive together', async () => {
    const both = await Promise.allSettled([
      h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.crew),
      h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.crew),
    ]);
    expect(both.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it.each(['video/x-matroska', 'video/webm;codecs=vp9', 'video/mp4;codecs=avc1.42E01E', 'video/webm'])(
    'accepts %s',
    async (mimeType) => {
      await expect(
        h.service.start({ sceneId: h.cruisingId, mimeType, cameras: CAMERAS }, h.crew),
      ).resolves.toMatchObject({ sceneId: h.cruisingId });
    },
  );

  it.each(['video/ogg', 'audio/webm;codecs=opus', 'text/plain'])(
    'refuses %s as VALIDATION',
    async (mimeType) => {
      await expect(
        h.service.start({ sceneId: h.cruisingId, mimeType, cameras: CAMERAS }, h.crew),
      ).rejects.toMatchObject({ code: 'VALIDATION' });
      expect(sceneStatus()).toBe('pending');
    },
  );

  it('refuses to start with less free disk than the setting, saying how much is free', async () => {
    h.disk.freeBytes = 1.25 * GB;

    await expect(
      h.service.start({ sceneId: h.cruisingId, mimeType: MKV, cameras: CAMERAS }, h.crew),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message:
        'Only 1.2 GB is free on the kiosk disk; recording needs at least 2 GB. Export and hand over older flights or free space, then try again.',
    });
    expect(sceneStatus()).toBe('pending');
    expect(existsSync(sceneFolder())).toBe(false);
  });
});

describe('free disk during a take', () => {
  it('asks the screen to stop when the disk falls below the floor, and then allows an early stop', async () => {
    const footage = await recorderFootage('h264');
    const chunks = splitIntoChunks(footage.bytes);
    const take = await h.service.start(
      { sceneId: h.cruisingId, mimeType: MKV, cameras: [CAMERAS[0]!] },
      h.crew,
    );
    const first = await sendChunks(h.service, h.crew, take.takeId, 1, chunks.slice(0, 2));
    expect(first).toMatchObject({ stopRequested: null, freeBytes: 50 * GB });

    h.disk.freeBytes = 200 * 1024 ** 2;
    const cached = await sendChunks(h.service, h.crew, take.takeId, 1, chunks.slice(2, 3), { firstSeq: 2 });
    expect(cached).toMatchObject({ stopRequested: null }); // free space is read again only every 2 s
    h.clock.advance(2_000);
    const low = await sendChunks(h.service, h.crew, take.takeId, 1, chunks.slice(3), { firstSeq: 3 });
    expect(low).toMatchObject({ stopRequested: 'disk-low', freeBytes: 200 * 1024 ** 2 });

    const finished = await h.service.stop({ takeId: take.takeId }, h.crew);
    expect(finished.scene.status).toBe('recorded');
  });
});
