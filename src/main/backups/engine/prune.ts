// Removing old generations, only after a new one is in place, and then the objects no kept generation uses.
// A generation leaves generations/ by one rename (into tmp/, then deleted), so a kill midway never leaves half a
// generation listed; objects left behind are removed by the next run's sweep.
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from './copy';
import { GENERATIONS_DIR, OBJECTS_DIR, TMP_DIR, generationPath, type Manifest } from './layout';

export async function pruneGenerations(
  root: string,
  names: string[],
  options: {
    /** Every generation kept; null when one could not be read, so no object is known to be unused. */
    kept: Manifest[] | null;
    onPruned?: () => void;
  },
): Promise<void> {
  for (const old of names) {
    const aside = path.join(root, TMP_DIR, `prune-${old}`);
    await rename(generationPath(root, old), aside);
    await rm(aside, { recursive: true, force: true });
    options.onPruned?.();
  }
  await syncDir(path.join(root, GENERATIONS_DIR));
  if (options.kept) {
    await removeUnusedObjects(root, new Set(options.kept.flatMap((m) => m.files.map((file) => file.sha256))));
  }
}

/** Deletes every object no kept generation names (and anything else that is not an object). */
async function removeUnusedObjects(root: string, used: Set<string>): Promise<void> {
  const objects = path.join(root, OBJECTS_DIR);
  for (const prefix of await readdir(objects)) {
    const dir = path.join(objects, prefix);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    let left = names.length;
    for (const object of names) {
      if (!used.has(object)) {
        await rm(path.join(dir, object), { recursive: true, force: true });
        left--;
      }
    }
    if (left === 0) await rm(dir, { recursive: true, force: true });
  }
}
