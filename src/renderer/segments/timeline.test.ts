import { describe, expect, it } from 'vitest';
import { MIN_CLIP_SECONDS, type SceneFootage, type SegmentDraft } from '../../shared/edit-math';
import {
  HANDLE_REACH_PX,
  blockOf,
  dragSegment,
  handleInside,
  hitTest,
  percentOf,
  pxToTime,
  rulerTicks,
  secondsPerPx,
  segmentAt,
  snapTime,
  timeToPx,
  withAngle,
} from './timeline';

/** Camera 1 filmed 20 s; camera 2 started 0.24 s later and stopped with it. */
const footage: SceneFootage = { camera1Duration: 20, camera2Duration: 19.76, offsetMs: 240 };
const scale = { length: 20, width: 1000 };
const segment = (startTime: number, duration: number, cameraAngle: 1 | 2 = 1): SegmentDraft => ({
  startTime,
  duration,
  cameraAngle,
});

describe('time and pixels', () => {
  it('draws a time in proportion to the timeline', () => {
    expect(timeToPx(5, scale)).toBe(250);
    expect(percentOf(5, 20)).toBe(25);
  });

  it('reads the time under a pixel, kept on the timeline', () => {
    expect(pxToTime(250, scale)).toBe(5);
    expect(pxToTime(-40, scale)).toBe(0);
    expect(pxToTime(1400, scale)).toBe(20);
  });

  it('treats a timeline not laid out yet as zero wide rather than dividing by zero', () => {
    expect(pxToTime(100, { length: 20, width: 0 })).toBe(0);
    expect(timeToPx(5, { length: 0, width: 1000 })).toBe(0);
    expect(secondsPerPx({ length: 20, width: 0 })).toBe(0);
  });

  it('snaps to tenths by default and to a frame when given one', () => {
    expect(snapTime(4.46)).toBe(4.5);
    expect(snapTime(4.44)).toBe(4.4);
    expect(snapTime(1.01, 1 / 25)).toBe(1);
    expect(snapTime(1.03, 1 / 25)).toBe(1.04);
  });
});

describe('dragging a segment', () => {
  it('moves the whole segment by the drag, snapped, keeping its length', () => {
    expect(dragSegment(segment(4, 3), 'body', 2.04, footage)).toMatchObject({ startTime: 6, duration: 3 });
  });

  it('stops a moved segment at the end of its camera’s footage', () => {
    expect(dragSegment(segment(15, 3), 'body', 10, footage)).toMatchObject({ startTime: 17, duration: 3 });
  });

  it('does not move a camera 2 segment before camera 2 started', () => {
    expect(dragSegment(segment(2, 3, 2), 'body', -5, footage)).toMatchObject({
      startTime: 0.24,
      duration: 3,
    });
  });

  it('moves the start edge and keeps the end where it was', () => {
    const dragged = dragSegment(segment(4, 3), 'start', -1.5, footage);
    expect(dragged.startTime).toBe(2.5);
    expect(dragged.startTime + dragged.duration).toBeCloseTo(7);
  });

  it('moves the end edge and keeps the start where it was', () => {
    expect(dragSegment(segment(4, 3), 'end', 2.5, footage)).toMatchObject({ startTime: 4, duration: 5.5 });
  });

  it('never lets an edge drag make a segment shorter than the shortest clip', () => {
    expect(dragSegment(segment(4, 3), 'end', -10, footage)).toMatchObject({
      startTime: 4,
      duration: MIN_CLIP_SECONDS,
    });
    const fromStart = dragSegment(segment(4, 3), 'start', 10, footage);
    expect(fromStart.duration).toBe(MIN_CLIP_SECONDS);
    expect(fromStart.startTime + fromStart.duration).toBeCloseTo(7);
  });

  it('stops edges at the ends of the footage', () => {
    expect(dragSegment(segment(18, 1), 'end', 5, footage)).toMatchObject({ startTime: 18, duration: 2 });
    expect(dragSegment(segment(1, 1, 2), 'start', -5, footage)).toMatchObject({
      startTime: 0.24,
      duration: 1.76,
    });
  });

  it('keeps whatever else the draft carries', () => {
    const keyed = { ...segment(4, 3), key: 'k1' };
    expect(dragSegment(keyed, 'body', 1, footage).key).toBe('k1');
  });
});

describe('changing a segment’s camera', () => {
  it('moves it to the other lane and inside that camera’s footage', () => {
    expect(withAngle(segment(0, 3), 2, footage)).toMatchObject({
      cameraAngle: 2,
      startTime: 0.24,
      duration: 3,
    });
  });

  it('refuses a camera that filmed nothing', () => {
    expect(withAngle(segment(0, 3), 2, { ...footage, camera2Duration: null })).toBeNull();
  });
});

describe('adding a segment at the playhead', () => {
  it('starts three seconds at the playhead, snapped', () => {
    expect(segmentAt(5.04, 1, footage)).toEqual({ startTime: 5, duration: 3, cameraAngle: 1 });
  });

  it('moves back so it still ends inside the footage near the end', () => {
    expect(segmentAt(19, 2, footage)).toEqual({ startTime: 17, duration: 3, cameraAngle: 2 });
  });

  it('adds nothing on a camera without footage', () => {
    expect(segmentAt(5, 1, { ...footage, camera1Duration: null })).toBeNull();
  });
});

describe('what a finger touched', () => {
  // Segment a from 2 s to 5 s (100–250 px); b from 10 s to 10.5 s (500–525 px, a short one).
  const a = blockOf('a', segment(2, 3), scale);
  const b = blockOf('b', segment(10, 0.5), scale);

  it('takes the body of a segment that is not selected, edges included', () => {
    expect(hitTest(101, [a, b], null)).toEqual({ key: 'a', part: 'body' });
    expect(hitTest(249, [a, b], null)).toEqual({ key: 'a', part: 'body' });
  });

  it('misses between segments', () => {
    expect(hitTest(300, [a, b], null)).toBeNull();
    expect(hitTest(90, [a, b], null)).toBeNull();
  });

  it('grabs the selected segment’s edges from outside and inside', () => {
    expect(hitTest(100 - HANDLE_REACH_PX, [a, b], 'a')).toEqual({ key: 'a', part: 'start' });
    expect(hitTest(120, [a, b], 'a')).toEqual({ key: 'a', part: 'start' });
    expect(hitTest(250 + HANDLE_REACH_PX, [a, b], 'a')).toEqual({ key: 'a', part: 'end' });
    expect(hitTest(230, [a, b], 'a')).toEqual({ key: 'a', part: 'end' });
    expect(hitTest(175, [a, b], 'a')).toEqual({ key: 'a', part: 'body' });
  });

  it('gives every handle at least 48 px to touch on a segment wide enough', () => {
    expect(HANDLE_REACH_PX + handleInside(a)).toBeGreaterThanOrEqual(48);
  });

  it('leaves the middle third of a short selected segment for moving it', () => {
    expect(hitTest(512.5, [a, b], 'b')).toEqual({ key: 'b', part: 'body' });
    expect(hitTest(503, [a, b], 'b')).toEqual({ key: 'b', part: 'start' });
    expect(hitTest(522, [a, b], 'b')).toEqual({ key: 'b', part: 'end' });
  });

  it('prefers the selected segment’s handle over a neighbour’s body', () => {
    const c = blockOf('c', segment(5.2, 3), scale); // starts 10 px after a ends
    expect(hitTest(265, [a, c], 'a')).toEqual({ key: 'a', part: 'end' });
    expect(hitTest(265, [a, c], null)).toEqual({ key: 'c', part: 'body' });
  });

  it('takes the shorter of two overlapping segments', () => {
    const long = blockOf('long', segment(8, 6), scale);
    expect(hitTest(510, [long, b], null)).toEqual({ key: 'b', part: 'body' });
  });
});

describe('the ruler', () => {
  it('labels every second when seconds are far enough apart', () => {
    expect(rulerTicks({ length: 4, width: 1000 })).toEqual([0, 1, 2, 3, 4]);
  });

  it('labels less often on a long scene', () => {
    expect(rulerTicks({ length: 120, width: 1000 })).toEqual([
      0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 120,
    ]);
    expect(rulerTicks({ length: 125, width: 1000 })).toEqual([
      0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120,
    ]);
  });

  it('leaves out the tick before the end when its label would run into the end label', () => {
    expect(rulerTicks({ length: 20, width: 1000 })).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 20]);
  });

  it('has no ticks before it is laid out', () => {
    expect(rulerTicks({ length: 20, width: 0 })).toEqual([]);
  });
});
