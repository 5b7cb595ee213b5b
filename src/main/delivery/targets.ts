// Where a sale's files may be copied: the kiosk's own deliveries folder (for a folder shared on the network, or
// a drive that is not mounted where we look) and every removable drive. The screen only ever sees an opaque id
// per place and sends it back; a path never comes from the screen.
import { createHash } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import type { DeliveryTarget } from '../../shared/delivery';

/** The kiosk's own folder for copies, inside the data folder. */
export const DELIVERIES_FOLDER = 'deliveries';

export interface TargetRoot {
  dir: string;
  label: string;
  kind: DeliveryTarget['kind'];
}

/** Stable across calls (the same drive keeps its id while it stays mounted at the same place). */
export function targetIdOf(dir: string): string {
  return createHash('sha256')
    .update(`delivery-target:${path.resolve(dir)}`)
    .digest('hex')
    .slice(0, 24);
}

export async function freeBytesOf(dir: string): Promise<number | null> {
  try {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

export async function listTargets(
  roots: readonly TargetRoot[],
  freeBytes: (dir: string) => Promise<number | null> = freeBytesOf,
): Promise<DeliveryTarget[]> {
  return Promise.all(
    roots.map(async (root) => ({
      id: targetIdOf(root.dir),
      label: root.label,
      kind: root.kind,
      freeBytes: await freeBytes(root.dir),
    })),
  );
}

export function findTarget(roots: readonly TargetRoot[], id: string): TargetRoot | undefined {
  return roots.find((root) => targetIdOf(root.dir) === id);
}
