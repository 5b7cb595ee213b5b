// A take whose screen went away (closed, crashed, unplugged) is saved by main on its own after a quiet spell.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAMERAS, recorderFootage, sendChunks, useCaptureHarness, splitIntoChunks } from './test-support';

const IDLE_MS = 400;

const h = useCaptureHarness({ idleMs: IDLE_MS });

describe('the idle watchdog', () => {
  it('saves a take with no calls for a while as recovered and says so to every screen', async () => {
    const footage = await recorderFootage('h264');
    const take = await h.service.start(
      { sceneId: h.cruisingId, mimeType: footage.mimeType, cameras: [CAMERAS[0]!] },
      h.crew,
    );
    const ended = h.nextEvent('capture.takeEnded');
    await sendChunks(h.service, h.crew, take.takeId, 1, splitIntoChunks(footage.bytes));

    expect(await ended).toEqual({ takeId: take.takeId, sceneId: h.cruisingId, reason: 'idle' });
    const scene = h.t.sqlite
      .prepare('SELECT status, camera1_duration FROM scene_recordings WHERE id = ?')
      .get(h.cruisingId) as { status: string; camera1_duration: number };
    expect(scene.status).toBe('recovered');
    expect(scene.camera1_duration).toBeCloseTo(footage.durationSeconds, 0);
    // The raw file and the journal stay, marked ended, so the screen can still resume the take.
    const folder = h.path(`media/${h.flight.recording.id}/cruising`);
    const short = take.takeId.replace(/-/g, '').slice(0, 8);
    expect(readdirSync(folder).sort()).toEqual(['camera1.mp4', `camera1.take-${short}.mkv`, 'take.json']);
    expect(JSON.parse(readFileSync(`${folder}/take.json`, 'utf8'))).toMatchObject({
      takeId: take.takeId,
      ended: { how: 'idle', unreadable: [] },
    });
    expect(await h.service.recoveries(h.crew)).toMatchObject([
      { sceneId: h.cruisingId, passengerNames: 'Anna & Ben Keller', camera2Duration: null },
    ]);
    await expect(h.service.stop({ takeId: take.takeId }, h.crew)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'That recording has already ended.',
    });
  });

  it('puts the scene back when the abandoned take has no footage', async () => {
    const ended = h.nextEvent('capture.takeEnded');
    await h.service.start(
      { sceneId: h.cruisingId, mimeType: 'video/webm;codecs=vp8', cameras: CAMERAS },
      h.crew,
    );

    await ended;
    const scene = h.t.sqlite.prepare('SELECT status FROM scene_recordings WHERE id = ?').get(h.cruisingId);
    expect(scene).toEqual({ status: 'pending' });
    expect(await h.service.recoveries(h.crew)).toMatchObject([
      { sceneId: h.cruisingId, camera1Duration: null, camera2Duration: null },
    ]);
  });

  it('leaves a take alone once the service is closed; the next start recovers it', async () => {
    const footage = await recorderFootage('h264');
    const take = await h.service.start(
      { sceneId: h.cruisingId, mimeType: footage.mimeType, cameras: [CAMERAS[0]!] },
      h.crew,
    );
    await sendChunks(h.service, h.crew, take.takeId, 1, splitIntoChunks(footage.bytes));
    await h.service.close();

    const recovered = await h.restart().recoverInterruptedScenes();

    expect(h.emitted).toEqual([]);
    expect(recovered).toMatchObject([{ sceneId: h.cruisingId }]);
  });
});
