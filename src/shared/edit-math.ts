// The arithmetic of editing a flight, shared by the screens (to draw and clamp as the finger moves) and main
// (to check every edit before the database sees it), so both always agree.
//
// One clock: every time on the editing screens (a segment's start_time, a slot's window_start) is on the
// scene's timeline, which is camera 1's clock, the same one the review player scrubs. Camera 2 started
// offsetMs later, so scene time t is camera 2's file time t − offsetMs / 1000. A seamless pair therefore lands
// on the same moment: the second slot starts at the first one's end on this clock, and playing or exporting it
// on camera 2 seeks camera 2's file to that moment minus the offset.

export type Angle = 1 | 2;

/** Shortest segment or slot window, in seconds: shorter is a flicker in the final video. */
export const MIN_CLIP_SECONDS = 0.5;
/** Longest slot window: the souvenir video is eight short moments. */
export const MAX_SLOT_SECONDS = 30;
export const DEFAULT_SLOT_SECONDS = 3.0;
/** Most segments one scene may hold: far more than anyone marks, few enough to draw. */
export const MAX_SEGMENTS_PER_SCENE = 100;

/** Times are kept to the millisecond: finer is noise from a finger, and it keeps saved values stable. */
export const roundMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;

export interface SceneFootage {
  camera1Duration: number | null;
  camera2Duration: number | null;
  offsetMs: number | null;
}

export interface TimeRange {
  start: number;
  end: number;
}

function usable(duration: number | null): number | null {
  return duration !== null && Number.isFinite(duration) && duration > 0 ? duration : null;
}

/** Where one angle's footage lies on the scene clock; null when that camera has no footage. */
export function angleRange(footage: SceneFootage, angle: Angle): TimeRange | null {
  if (angle === 1) {
    const duration = usable(footage.camera1Duration);
    return duration === null ? null : { start: 0, end: roundMs(duration) };
  }
  const duration = usable(footage.camera2Duration);
  if (duration === null) return null;
  const offset = (footage.offsetMs ?? 0) / 1000;
  // Scene time cannot be negative (start_time >= 0): footage camera 2 filmed before camera 1 started is cut.
  const start = Math.max(0, offset);
  const end = offset + duration;
  return end > start ? { start: roundMs(start), end: roundMs(end) } : null;
}

/** The stretch of the scene clock the editor shows: from 0 to the later end of the two angles. */
export function sceneLength(footage: SceneFootage): number {
  const ends = ([1, 2] as const).map((angle) => angleRange(footage, angle)?.end ?? 0);
  return Math.max(...ends);
}

/** Camera `angle`'s own file time for scene time `sceneTime`. */
export function fileTimeAt(sceneTime: number, angle: Angle, offsetMs: number | null): number {
  return angle === 1 ? sceneTime : sceneTime - (offsetMs ?? 0) / 1000;
}

export interface Clip {
  start: number;
  duration: number;
}

/**
 * A clip (segment or slot window) kept inside `range`: the duration is at least MIN_CLIP_SECONDS (when the
 * footage is that long) and at most `maxDuration` and the footage, and the start is moved so the clip ends
 * inside the footage. Without footage the clip is only kept non-negative.
 */
export function clampClip(clip: Clip, range: TimeRange | null, maxDuration = Number.POSITIVE_INFINITY): Clip {
  const wanted = Number.isFinite(clip.duration) ? clip.duration : MIN_CLIP_SECONDS;
  const from = Number.isFinite(clip.start) ? clip.start : 0;
  if (range === null) {
    return {
      start: roundMs(Math.max(0, from)),
      duration: roundMs(Math.min(Math.max(wanted, MIN_CLIP_SECONDS), maxDuration)),
    };
  }
  const available = range.end - range.start;
  const duration = Math.min(Math.max(wanted, Math.min(MIN_CLIP_SECONDS, available)), maxDuration, available);
  const start = Math.min(Math.max(from, range.start), range.end - duration);
  return { start: roundMs(start), duration: roundMs(duration) };
}

// ---------------------------------------------------------------------------------------------------------
// Segments

export interface SegmentDraft {
  /** Kept across saves so a segment's history (audit) follows it; absent for a segment not saved yet. */
  id?: string;
  startTime: number;
  duration: number;
  cameraAngle: Angle;
}

/** Segments in the order they are numbered: by start time, then angle, then length. */
export function orderSegments<T extends SegmentDraft>(segments: readonly T[]): T[] {
  return [...segments].sort(
    (a, b) => a.startTime - b.startTime || a.cameraAngle - b.cameraAngle || a.duration - b.duration,
  );
}

/** Each segment clamped to its angle's footage, in numbering order (segment n is the n-th in the list). */
export function normaliseSegments<T extends SegmentDraft>(
  segments: readonly T[],
  footage: SceneFootage,
): T[] {
  return orderSegments(
    segments.map((segment) => {
      const clip = clampClip(
        { start: segment.startTime, duration: segment.duration },
        angleRange(footage, segment.cameraAngle),
      );
      return { ...segment, startTime: clip.start, duration: clip.duration };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Slots

export interface SlotPlan {
  slotNumber: number;
  sceneId: string;
  cameraAngle: Angle;
  windowStart: number;
  slotDuration: number;
  /** Starts where the previous slot ended, on the other camera of the same scene. */
  seamlessWithPrevious: boolean;
}

export interface SlotEdit {
  slotNumber: number;
  windowStart: number;
  slotDuration: number;
}

/**
 * Applies edits to the eight slots: each edited window is clamped to its angle's footage, then every seamless
 * slot is moved to start where the slot before it ends (and clamped, which can only cut it short at the end of
 * the footage). Pure: returns new slots in slot order, the input untouched.
 */
export function applySlotEdits(
  slots: readonly SlotPlan[],
  edits: readonly SlotEdit[],
  footageOf: (sceneId: string) => SceneFootage | null,
): SlotPlan[] {
  const byNumber = new Map(edits.map((edit) => [edit.slotNumber, edit]));
  const ordered = [...slots].sort((a, b) => a.slotNumber - b.slotNumber);
  const result: SlotPlan[] = [];
  for (const slot of ordered) {
    const footage = footageOf(slot.sceneId);
    const range = footage ? angleRange(footage, slot.cameraAngle) : null;
    const edit = byNumber.get(slot.slotNumber);
    const previous = result.at(-1);
    let clip: Clip = edit
      ? { start: edit.windowStart, duration: edit.slotDuration }
      : { start: slot.windowStart, duration: slot.slotDuration };
    if (slot.seamlessWithPrevious && previous && previous.sceneId === slot.sceneId) {
      clip = { start: previous.windowStart + previous.slotDuration, duration: clip.duration };
    }
    const clamped = clampClip(clip, range, MAX_SLOT_SECONDS);
    result.push({ ...slot, windowStart: clamped.start, slotDuration: clamped.duration });
  }
  return result;
}

/**
 * Slot windows taken from the scene's segments: each scene's slots take that scene's segments in order, the
 * first slot the first segment and so on, the window centred on the segment (a segment marks a moment, the
 * slot keeps its own length). A slot whose scene has fewer segments than slots keeps its window. Seamless
 * slots are left to follow their partner (applySlotEdits).
 */
export function prefillFromSegments(
  slots: readonly SlotPlan[],
  segmentsOf: (sceneId: string) => readonly SegmentDraft[],
): SlotEdit[] {
  const used = new Map<string, number>();
  const edits: SlotEdit[] = [];
  for (const slot of [...slots].sort((a, b) => a.slotNumber - b.slotNumber)) {
    if (slot.seamlessWithPrevious) continue;
    const segments = orderSegments(segmentsOf(slot.sceneId));
    const index = used.get(slot.sceneId) ?? 0;
    const segment = segments[index];
    if (!segment) continue;
    used.set(slot.sceneId, index + 1);
    const centre = segment.startTime + segment.duration / 2;
    edits.push({
      slotNumber: slot.slotNumber,
      windowStart: roundMs(Math.max(0, centre - slot.slotDuration / 2)),
      slotDuration: slot.slotDuration,
    });
  }
  return edits;
}

export interface SequenceEntry {
  slotNumber: number;
  sceneId: string;
  cameraAngle: Angle;
  /** Where to seek in that camera's file, and for how long to play. */
  fileStart: number;
  duration: number;
  /** Where this entry starts in the finished sequence. */
  sequenceStart: number;
}

/** The eight windows as they play one after another: file positions (offset applied) and sequence times. */
export function sequenceOf(
  slots: readonly SlotPlan[],
  footageOf: (sceneId: string) => SceneFootage | null,
): SequenceEntry[] {
  let at = 0;
  return [...slots]
    .sort((a, b) => a.slotNumber - b.slotNumber)
    .map((slot) => {
      const offsetMs = footageOf(slot.sceneId)?.offsetMs ?? null;
      const entry: SequenceEntry = {
        slotNumber: slot.slotNumber,
        sceneId: slot.sceneId,
        cameraAngle: slot.cameraAngle,
        fileStart: roundMs(Math.max(0, fileTimeAt(slot.windowStart, slot.cameraAngle, offsetMs))),
        duration: slot.slotDuration,
        sequenceStart: roundMs(at),
      };
      at += slot.slotDuration;
      return entry;
    });
}
