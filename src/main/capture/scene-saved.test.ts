// Capture tells the autopilot about every scene whose footage it saved, and whether it was filmed again; and
// the export whether a take is open now.
import { describe, expect, it } from 'vitest';
import type { SceneSaved } from './service';
import { CAMERAS, recorderFootage, sendChunks, splitIntoChunks, useCaptureHarness } from './test-support';

const h = useCaptureHarness();

describe('the scene-saved hook', () => {
  it('names the flight, the scene and who filmed it, and marks a second take as filmed again', async () => {
    const heard: SceneSaved[] = [];
    const service = h.restart({ onSceneSaved: (saved) => heard.push(saved) });
    const footage = await recorderFootage('h264');
    for (let take = 0; take < 2; take++) {
      const { takeId } = await service.start(
        { sceneId: h.cruisingId, mimeType: footage.mimeType, cameras: [CAMERAS[0]!] },
        h.crew,
      );
      await sendChunks(service, h.crew, takeId, 1, splitIntoChunks(footage.bytes));
      h.clock.advance(60_000);
      await service.stop({ takeId }, h.crew);
    }

    const scene = {
      recordingId: h.flight.recording.id,
      sceneId: h.cruisingId,
      userId: h.crew.id,
      how: 'stop',
    };
    expect(heard).toEqual([
      { ...scene, rerecord: false },
      { ...scene, rerecord: true },
    ]);
  });

  it('is not told of a discarded take', async () => {
    const heard: SceneSaved[] = [];
    const service = h.restart({ onSceneSaved: (saved) => heard.push(saved) });
    const footage = await recorderFootage('h264');
    const { takeId } = await service.start(
      { sceneId: h.cruisingId, mimeType: footage.mimeType, cameras: [CAMERAS[0]!] },
      h.crew,
    );
    await sendChunks(service, h.crew, takeId, 1, splitIntoChunks(footage.bytes));
    await service.discard({ takeId }, h.crew);

    expect(heard).toEqual([]);
  });

  it('says it is filming from the start of a take to its end, so videos render gently meanwhile', async () => {
    const service = h.restart();
    const footage = await recorderFootage('h264');
    expect(service.filming()).toBe(false);
    const { takeId } = await service.start(
      { sceneId: h.cruisingId, mimeType: footage.mimeType, cameras: [CAMERAS[0]!] },
      h.crew,
    );
    expect(service.filming()).toBe(true);
    await sendChunks(service, h.crew, takeId, 1, splitIntoChunks(footage.bytes));
    h.clock.advance(60_000);
    await service.stop({ takeId }, h.crew);
    expect(service.filming()).toBe(false);
  });
});
