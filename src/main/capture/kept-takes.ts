// Takes main saved on its own (the screen went quiet, or the kiosk restarted mid-take) keep their raw files and
// journal until the scene is confirmed good, so the screen can resume them: they go when the resumed take is
// stopped or discarded, when a new take of the scene starts, or at a start once they are old.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { dropTakeFiles, removeLeftoverTakeFiles } from './finalize';
import { isUnreadableFile } from './formats';
import { JOURNAL_FILE, readTakeJournal, takeRawFiles, type TakeJournal } from './take-journal';

/**
 * How long a kept take can still be resumed. A screen that lost the kiosk comes back within minutes; a day
 * also covers a kiosk left off overnight, and stays small next to the footage itself (the raw files are about
 * the size of the scene's saved files).
 */
export const KEPT_TAKE_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Raw files nothing playable came of are kept this long for support to look at, then removed at a start. */
export const UNREADABLE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Pure: a kept take past its retention (a take not marked ended is not a kept take). */
export function keptTakeExpired(journal: TakeJournal, now: Date): boolean {
  if (!journal.ended) return false;
  const endedAt = Date.parse(journal.ended.at);
  return !Number.isFinite(endedAt) || now.getTime() - endedAt > KEPT_TAKE_RETENTION_MS;
}

/** A new take of the scene starts: the kept take there, if any, can no longer be resumed and goes. */
export async function dropKeptTake(sceneDir: string, logger: Logger): Promise<TakeJournal | null> {
  const journal = await readTakeJournal(sceneDir);
  if (!journal?.ended) return null;
  await dropTakeFiles(sceneDir, journal, journal.ended.unreadable, logger);
  logger.info({ takeId: journal.takeId, sceneDir }, 'kept take removed: a new take of the scene started');
  return journal;
}

/**
 * At start, in a scene folder with no take left `recording`: a fresh kept take stays, an old one goes, working
 * files of finished takes go, and old unreadable raw files go. Returns the names removed.
 */
export async function tidySceneFolder(sceneDir: string, now: Date, logger: Logger): Promise<string[]> {
  const journal = await readTakeJournal(sceneDir);
  const removed: string[] = [];
  let keep: string[] = [];
  if (journal?.ended) {
    if (keptTakeExpired(journal, now)) {
      await dropTakeFiles(sceneDir, journal, journal.ended.unreadable, logger);
      removed.push(...takeRawFiles(journal), JOURNAL_FILE);
      logger.info({ takeId: journal.takeId, sceneDir }, 'kept take past its retention removed');
    } else {
      keep = [...takeRawFiles(journal), JOURNAL_FILE];
    }
  }
  removed.push(...(await removeLeftoverTakeFiles(sceneDir, logger, keep)));
  for (const name of await readdir(sceneDir).catch(() => [] as string[])) {
    if (!isUnreadableFile(name)) continue;
    const file = path.join(sceneDir, name);
    const { mtimeMs } = await stat(file);
    if (now.getTime() - mtimeMs <= UNREADABLE_RETENTION_MS) continue;
    await rm(file, { force: true });
    removed.push(name);
  }
  return [...new Set(removed)];
}
