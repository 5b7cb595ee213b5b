// Undo and redo for one editing session: a stack of whole states (a scene's segment list), so undoing is just
// showing and saving an earlier list. One drag is one step however many times the finger moved. Immutable:
// every function returns a new history.

/** Steps kept: far more than anyone undoes, few enough that a long session stays small. */
export const HISTORY_LIMIT = 100;

export interface History<T> {
  /** Oldest first. */
  past: readonly T[];
  present: T;
  /** Next redo first. */
  future: readonly T[];
  /** The gesture the present belongs to: further changes in it replace the present instead of adding a step. */
  group: string | null;
}

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], group: null };
}

/**
 * Makes `next` the present. A change in the same `group` as the last one (one drag) replaces it, so the whole
 * gesture undoes at once; any other change is a new step and clears redo. A change to what is already shown adds
 * nothing, and a gesture that ends where it began leaves no step behind.
 */
export function record<T>(
  history: History<T>,
  next: T,
  group: string | null = null,
  same: (a: T, b: T) => boolean = Object.is,
): History<T> {
  if (same(history.present, next)) return history;
  if (group !== null && group === history.group) {
    const before = history.past.at(-1);
    if (before !== undefined && same(before, next)) {
      return { past: history.past.slice(0, -1), present: before, future: [], group: null };
    }
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], group };
}

export const canUndo = <T>(history: History<T>): boolean => history.past.length > 0;
export const canRedo = <T>(history: History<T>): boolean => history.future.length > 0;

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    group: null,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, group: null };
}
