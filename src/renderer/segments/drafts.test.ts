import { describe, expect, it } from 'vitest';
import type { SceneFootage } from '../../shared/edit-math';
import type { SegmentView } from '../../shared/segments';
import {
  draftsFrom,
  idsAfterSave,
  newKey,
  numbersOf,
  sameDrafts,
  savePayload,
  type DraftSegment,
} from './drafts';

const footage: SceneFootage = { camera1Duration: 20, camera2Duration: 19.76, offsetMs: 240 };
const saved = (
  id: string,
  segmentNumber: number,
  startTime: number,
  duration = 3,
  cameraAngle: 1 | 2 = 1,
): SegmentView => ({
  id,
  sceneId: 'scene',
  segmentNumber,
  startTime,
  duration,
  cameraAngle,
});
const draft = (key: string, startTime: number, duration = 3, cameraAngle: 1 | 2 = 1): DraftSegment => ({
  key,
  startTime,
  duration,
  cameraAngle,
});

describe('segments as drafts', () => {
  it('keys saved segments by their id', () => {
    const { drafts, ids } = draftsFrom([saved('s1', 1, 2), saved('s2', 2, 8, 2, 2)]);
    expect(drafts).toEqual([draft('s1', 2), draft('s2', 8, 2, 2)]);
    expect(ids).toEqual({ s1: 's1', s2: 's2' });
  });

  it('numbers segments by start time whatever order they were made in', () => {
    const numbers = numbersOf([draft('late', 9), draft('early', 1), draft('middle', 5, 1, 2)]);
    expect([...numbers]).toEqual([
      ['early', 1],
      ['middle', 2],
      ['late', 3],
    ]);
  });

  it('sees two lists with the same segments in another order as the same', () => {
    expect(sameDrafts([draft('a', 1), draft('b', 5)], [draft('b', 5), draft('a', 1)])).toBe(true);
    expect(sameDrafts([draft('a', 1)], [draft('a', 1.1)])).toBe(false);
    expect(sameDrafts([draft('a', 1)], [draft('a', 1, 3, 2)])).toBe(false);
  });

  it('makes a different key every time', () => {
    expect(newKey()).not.toBe(newKey());
  });
});

describe('saving', () => {
  it('sends the list in numbering order, clamped as main clamps it, with ids main knows', () => {
    const payload = savePayload([draft('new-1', 18.5), draft('s1', 2)], { s1: 'id-1' }, footage);
    expect(payload.keys).toEqual(['s1', 'new-1']);
    expect(payload.segments).toEqual([
      { id: 'id-1', startTime: 2, duration: 3, cameraAngle: 1 },
      { startTime: 17, duration: 3, cameraAngle: 1 },
    ]);
  });

  it('learns the ids main gave new segments from the order of its answer', () => {
    const ids = idsAfterSave(['s1', 'new-1'], [saved('id-1', 1, 2), saved('id-9', 2, 17)], { s1: 'id-1' });
    expect(ids).toEqual({ s1: 'id-1', 'new-1': 'id-9' });
  });

  it('keeps the id of a deleted segment so undo can send it again', () => {
    const ids = idsAfterSave([], [], { s1: 'id-1' });
    expect(ids).toEqual({ s1: 'id-1' });
  });
});
