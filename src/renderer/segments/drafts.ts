// A scene's segments while they are being edited. Each draft has a key of the screen's own that never changes
// (history, selection and drags follow it); main's ids are kept beside, because a segment deleted and brought
// back by undo gets a new id when it is saved again. Pure, so saving and numbering can be tested directly.
import {
  normaliseSegments,
  orderSegments,
  type Angle,
  type SceneFootage,
  type SegmentDraft,
} from '../../shared/edit-math';
import type { SegmentView } from '../../shared/segments';

export interface DraftSegment {
  key: string;
  startTime: number;
  duration: number;
  cameraAngle: Angle;
}

/** Main's id for each key that main has saved. */
export type SavedIds = Readonly<Record<string, string>>;

/** Saved segments as drafts: a saved segment's key is its id. */
export function draftsFrom(segments: readonly SegmentView[]): { drafts: DraftSegment[]; ids: SavedIds } {
  const ids: Record<string, string> = {};
  const drafts = segments.map((segment) => {
    ids[segment.id] = segment.id;
    return {
      key: segment.id,
      startTime: segment.startTime,
      duration: segment.duration,
      cameraAngle: segment.cameraAngle,
    };
  });
  return { drafts: orderSegments(drafts), ids };
}

/** Two lists show the same segments (order does not matter: numbers come from start times). */
export function signature(drafts: readonly DraftSegment[]): string {
  return JSON.stringify(
    orderSegments(drafts).map((draft) => [draft.key, draft.startTime, draft.duration, draft.cameraAngle]),
  );
}

export const sameDrafts = (a: readonly DraftSegment[], b: readonly DraftSegment[]): boolean =>
  a === b || signature(a) === signature(b);

/** Number each segment will carry: 1, 2, 3… by start time, as main numbers them. */
export function numbersOf(drafts: readonly DraftSegment[]): Map<string, number> {
  return new Map(orderSegments(drafts).map((draft, index) => [draft.key, index + 1]));
}

export interface SavePayload {
  /** What segments.save gets, clamped and in main's numbering order. */
  segments: (SegmentDraft & { id?: string })[];
  /** The draft key of each entry, same order: main's answer comes back in this order too. */
  keys: string[];
}

/** The list to send: clamped to the footage exactly as main will, each with its id when main knows it. */
export function savePayload(
  drafts: readonly DraftSegment[],
  ids: SavedIds,
  footage: SceneFootage,
): SavePayload {
  const ordered = normaliseSegments(drafts, footage);
  return {
    keys: ordered.map((draft) => draft.key),
    segments: ordered.map((draft) => {
      const id = ids[draft.key];
      const segment = {
        startTime: draft.startTime,
        duration: draft.duration,
        cameraAngle: draft.cameraAngle,
      };
      return id ? { id, ...segment } : segment;
    }),
  };
}

/**
 * The ids main gave the segments of a save: main answers in the order it was sent (numbering order), so the
 * n-th saved segment belongs to the n-th key. Keys of earlier saves stay, for undo to bring back.
 */
export function idsAfterSave(
  keys: readonly string[],
  saved: readonly SegmentView[],
  before: SavedIds,
): SavedIds {
  const ids: Record<string, string> = { ...before };
  keys.forEach((key, index) => {
    const segment = saved[index];
    if (segment) ids[key] = segment.id;
  });
  return ids;
}

let counter = 0;
/** A key for a segment made on this screen. */
export const newKey = (): string => `new-${Date.now().toString(36)}-${(counter++).toString(36)}`;
