// The rule an open receipt follows when main says the drives changed: copy by itself onto a drive plugged in
// after the receipt opened, never onto one that was already there, never twice onto the same drive for a sale.
import type { DrivesChanged } from '../../shared/delivery';

export interface AutoCopyDecision {
  /** The drive to copy onto now, or null. */
  driveId: string | null;
  /** The drives there now: what the next change is compared with. */
  known: string[];
}

/**
 * `known`: the drives there when the receipt opened (or at the last change); null while the receipt has not
 * heard yet, when whatever main did not call new counts as already there. `tried`: the drives this sale was
 * copied onto by itself before (a drive pulled out and put back is not copied to again).
 */
export function decideAutoCopy(
  known: readonly string[] | null,
  tried: readonly string[],
  change: DrivesChanged,
): AutoCopyDecision {
  const now = change.drives.map((drive) => drive.id);
  const before = known ?? now.filter((id) => !change.added.includes(id));
  const driveId = change.added.find((id) => !before.includes(id) && !tried.includes(id)) ?? null;
  return { driveId, known: now };
}
