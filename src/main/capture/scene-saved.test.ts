// Capture tells the autopilot about every scene whose footage it saved, and whether it was filmed again.
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
});
