// The scene timeline's arithmetic: where a time is drawn, what a finger touched, and where a segment goes as
// the finger moves. Pure, so the screen and the tests agree on every pixel; clamping is edit-math's, the same
// main applies when it saves.
import {
  MIN_CLIP_SECONDS,
  angleRange,
  clampClip,
  roundMs,
  type Angle,
  type SceneFootage,
  type SegmentDraft,
} from '../../shared/edit-math';

/** Segment edges land on tenths of a second: a finger cannot place them finer, and tenths read well. */
export const SNAP_SECONDS = 0.1;
/** A new segment's length. */
export const ADD_SECONDS = 3;
/** How far outside a selected segment's edge its handle still catches a finger. */
export const HANDLE_REACH_PX = 24;
/** How far inside the edge the handle reaches, at most (a third of the block on short segments). */
export const HANDLE_INSIDE_PX = 24;
/** A finger that moves less than this between down and up has tapped, not dragged. */
export const TAP_SLOP_PX = 8;

/** A timeline `length` seconds long drawn `width` pixels wide. */
export interface Scale {
  length: number;
  width: number;
}

export function timeToPx(time: number, scale: Scale): number {
  return scale.length > 0 ? (time / scale.length) * scale.width : 0;
}

/** The time under pixel `px`, kept on the timeline. */
export function pxToTime(px: number, scale: Scale): number {
  if (scale.width <= 0 || scale.length <= 0) return 0;
  return Math.min(Math.max((px / scale.width) * scale.length, 0), scale.length);
}

/** Seconds one pixel covers: how far a finger's movement moves a segment. */
export const secondsPerPx = (scale: Scale): number => (scale.width > 0 ? scale.length / scale.width : 0);

/** `time` on the nearest multiple of `step` seconds (a tenth, or one frame: 1 / frame rate). */
export function snapTime(time: number, step = SNAP_SECONDS): number {
  if (!(step > 0)) return roundMs(time);
  return roundMs(Math.round(time / step) * step);
}

/** Percent of the timeline's width, for CSS left/width that follow the window's size. */
export const percentOf = (time: number, length: number): number => (length > 0 ? (time / length) * 100 : 0);

// ---------------------------------------------------------------------------------------------------------
// Dragging

/** What a finger holds: the whole segment, or one of its edges. */
export type DragPart = 'body' | 'start' | 'end';

/**
 * Where a segment goes when the finger that grabbed `part` has moved `deltaSeconds`: the body moves the whole
 * segment, an edge moves that edge while the other stays put. Snapped to `step`, kept inside its angle's footage
 * and at least MIN_CLIP_SECONDS long.
 */
export function dragSegment<T extends SegmentDraft>(
  original: T,
  part: DragPart,
  deltaSeconds: number,
  footage: SceneFootage,
  step = SNAP_SECONDS,
): T {
  const range = angleRange(footage, original.cameraAngle);
  const end = original.startTime + original.duration;
  let clip: { start: number; duration: number };
  if (part === 'body') {
    clip = { start: snapTime(original.startTime + deltaSeconds, step), duration: original.duration };
  } else if (part === 'start') {
    const earliest = range?.start ?? 0;
    const start = Math.min(
      Math.max(snapTime(original.startTime + deltaSeconds, step), earliest),
      end - MIN_CLIP_SECONDS,
    );
    clip = { start, duration: end - start };
  } else {
    const latest = range?.end ?? Number.POSITIVE_INFINITY;
    const newEnd = Math.max(
      Math.min(snapTime(end + deltaSeconds, step), latest),
      original.startTime + MIN_CLIP_SECONDS,
    );
    clip = { start: original.startTime, duration: newEnd - original.startTime };
  }
  const clamped = clampClip(clip, range);
  return { ...original, startTime: clamped.start, duration: clamped.duration };
}

/** The segment moved to the other camera's lane, kept inside that camera's footage; null without footage. */
export function withAngle<T extends SegmentDraft>(segment: T, angle: Angle, footage: SceneFootage): T | null {
  const range = angleRange(footage, angle);
  if (range === null) return null;
  const clip = clampClip({ start: segment.startTime, duration: segment.duration }, range);
  return { ...segment, cameraAngle: angle, startTime: clip.start, duration: clip.duration };
}

/**
 * A new segment of `seconds` starting at the playhead on `angle`, moved back if it would run past the end of
 * that camera's footage; null when that camera filmed nothing.
 */
export function segmentAt(
  playhead: number,
  angle: Angle,
  footage: SceneFootage,
  seconds = ADD_SECONDS,
): SegmentDraft | null {
  const range = angleRange(footage, angle);
  if (range === null) return null;
  const clip = clampClip({ start: snapTime(playhead), duration: seconds }, range);
  return { startTime: clip.start, duration: clip.duration, cameraAngle: angle };
}

// ---------------------------------------------------------------------------------------------------------
// Hit testing

/** A segment as drawn in its lane, in pixels from the lane's left edge. */
export interface Block {
  key: string;
  left: number;
  right: number;
}

export interface Hit {
  key: string;
  part: DragPart;
}

export function blockOf(key: string, segment: SegmentDraft, scale: Scale): Block {
  return {
    key,
    left: timeToPx(segment.startTime, scale),
    right: timeToPx(segment.startTime + segment.duration, scale),
  };
}

/** How far inside a block its edge handles reach: HANDLE_INSIDE_PX, or a third of a short block. */
export const handleInside = (block: Block): number =>
  Math.min(HANDLE_INSIDE_PX, Math.max(0, block.right - block.left) / 3);

/**
 * What a finger at `x` in a lane touched. Only the selected segment shows handles, so only its edges resize;
 * they win over everything else, the nearer edge when both are in reach. Otherwise the body under the finger
 * (the selected one first, then the shortest, so a small segment lying over a long one can still be taken).
 */
export function hitTest(x: number, blocks: readonly Block[], selectedKey: string | null): Hit | null {
  const selected = blocks.find((block) => block.key === selectedKey);
  if (selected) {
    const inside = handleInside(selected);
    const nearStart = x >= selected.left - HANDLE_REACH_PX && x <= selected.left + inside;
    const nearEnd = x >= selected.right - inside && x <= selected.right + HANDLE_REACH_PX;
    if (nearStart && nearEnd) {
      return {
        key: selected.key,
        part: Math.abs(x - selected.left) <= Math.abs(x - selected.right) ? 'start' : 'end',
      };
    }
    if (nearStart) return { key: selected.key, part: 'start' };
    if (nearEnd) return { key: selected.key, part: 'end' };
    if (x >= selected.left && x <= selected.right) return { key: selected.key, part: 'body' };
  }
  const under = blocks
    .filter((block) => x >= block.left && x <= block.right)
    .sort((a, b) => a.right - a.left - (b.right - b.left));
  return under[0] ? { key: under[0].key, part: 'body' } : null;
}

// ---------------------------------------------------------------------------------------------------------
// Ruler

const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

/** Labelled ticks at least `minGapPx` apart: every 1, 2, 5, 10… seconds, whichever is the finest that fits. */
export function rulerTicks(scale: Scale, minGapPx = 80): number[] {
  if (scale.length <= 0 || scale.width <= 0) return [];
  const step =
    TICK_STEPS.find((candidate) => timeToPx(candidate, scale) >= minGapPx) ?? TICK_STEPS.at(-1) ?? 600;
  const ticks: number[] = [];
  for (let i = 0; i * step <= scale.length + 1e-9; i++) ticks.push(roundMs(i * step));
  // A tick at the very end has its label before its line (Timeline.tsx), so the tick before it needs room for
  // two labels, or "0:18" and "0:20" run together.
  const last = ticks.at(-1) ?? 0;
  const before = ticks.at(-2);
  const atEnd = timeToPx(scale.length - last, scale) < scale.width * 0.04;
  if (atEnd && before !== undefined && before > 0 && timeToPx(last - before, scale) < 2 * minGapPx) {
    ticks.splice(-2, 1);
  }
  return ticks;
}
