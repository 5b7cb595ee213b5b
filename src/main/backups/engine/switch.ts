// Putting a restored copy in place of the live data folder, journaled. The journal (beside the data folder) is
// written before anything moves; the moves are two renames (live data aside to `.before-restore-<stamp>`, which
// is never deleted, then the restored copy in). Whatever instant a kill -9 or a power cut hits, the next start's
// finishInterruptedRestore sees the journal and either completes the switch or rolls it back.
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from './copy';
import { writeFileDurably } from './durable';
import { generationName } from './layout';

interface SwitchJournal {
  stagedDir: string;
  dataDir: string;
  previousDir: string | null;
}

export const journalPath = (dataDir: string) => `${path.resolve(dataDir)}.restore-journal.json`;

/** `<dataDir>.restoring-<id>`: where a restore builds its copy, beside the data folder (same drive, so a rename). */
export const STAGING_MARK = '.restoring-';

async function isEmptyDir(dir: string): Promise<boolean> {
  return (await readdir(dir)).length === 0;
}

async function freeName(base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(candidate)) return candidate;
  }
}

/** Moves live data aside (`<dataDir>.before-restore-<stamp>`, never deleted) and the staged copy into place, journaled. */
export async function switchInRestored(
  stagedDir: string,
  dataDir: string,
): Promise<{ previousDir: string | null }> {
  const staged = path.resolve(stagedDir);
  const live = path.resolve(dataDir);
  const parent = path.dirname(live);
  const hasLive = existsSync(live);
  // An empty folder (made for the restore, say) holds nothing to keep: it is removed, not moved aside.
  const keepLive = hasLive && !(await isEmptyDir(live));
  const previousDir = keepLive
    ? await freeName(`${live}.before-restore-${generationName(new Date())}`)
    : null;
  const journal: SwitchJournal = { stagedDir: staged, dataDir: live, previousDir };
  await writeFileDurably(journalPath(live), JSON.stringify(journal));
  await syncDir(parent);
  if (previousDir) await rename(live, previousDir);
  else if (hasLive) await rmdir(live);
  await rename(staged, live);
  await syncDir(parent);
  await rm(journalPath(live), { force: true });
  await syncDir(parent);
  return { previousDir };
}

/** Staged copies of restores that never reached their switch (killed while copying): only disk space now. */
async function removeAbandonedStaging(live: string, keep: string | null): Promise<void> {
  const parent = path.dirname(live);
  const prefix = `${path.basename(live)}${STAGING_MARK}`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const full = path.join(parent, name);
    if (name.startsWith(prefix) && full !== keep) await rm(full, { recursive: true, force: true });
  }
}

/** At start, before the database opens: completes or rolls back a switch a kill -9 interrupted. */
export async function finishInterruptedRestore(
  dataDir: string,
): Promise<'none' | 'completed' | 'rolled-back'> {
  const live = path.resolve(dataDir);
  const file = journalPath(live);
  let journal: SwitchJournal | null = null;
  try {
    journal = JSON.parse(await readFile(file, 'utf8')) as SwitchJournal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(file, { force: true }); // written by rename, so never half: unreadable means not ours
    }
  }
  if (!journal || typeof journal.stagedDir !== 'string') {
    await removeAbandonedStaging(live, null);
    return 'none';
  }
  const parent = path.dirname(live);
  const staged = journal.stagedDir;
  const stagedThere = existsSync(staged);
  const liveThere = existsSync(live);
  let outcome: 'none' | 'completed' | 'rolled-back';
  const liveMoved = journal.previousDir === null || existsSync(journal.previousDir);
  if (stagedThere && liveThere && !liveMoved) {
    // Killed before the live data moved: it is untouched; the staged copy goes.
    await rm(staged, { recursive: true, force: true });
    outcome = 'rolled-back';
  } else if (stagedThere && liveThere) {
    // The live data had already moved aside (or there was none), and something made a new data folder since
    // (Electron re-creates its userData folder at launch, a logger its logs/): that folder is not the kiosk's
    // data. It is kept beside when it holds anything, and the verified copy goes in as was asked.
    if (await isEmptyDir(live)) await rmdir(live);
    else await rename(live, await freeName(`${live}.recreated-${generationName(new Date())}`));
    await rename(staged, live);
    outcome = 'completed';
  } else if (stagedThere) {
    // The live data is aside (or there was none): the verified copy goes in, as was asked.
    await rename(staged, live);
    outcome = 'completed';
  } else if (liveThere) {
    outcome = 'completed'; // both renames done; only the journal was left
  } else if (journal.previousDir && existsSync(journal.previousDir)) {
    await rename(journal.previousDir, live);
    outcome = 'rolled-back';
  } else {
    outcome = 'none';
  }
  await syncDir(parent);
  await rm(file, { force: true });
  await syncDir(parent);
  await removeAbandonedStaging(live, null);
  return outcome;
}
