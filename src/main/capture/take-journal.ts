// The take journal: `take.json` in the scene folder, written before the first chunk and whenever a camera's
// start time, loss or new recorder part is known. If the kiosk dies mid-take, it tells the next start which
// files belong to the take, how the cameras line up and what the scene was before; it is rewritten atomically,
// never half. A take main ended on its own (idle, or recovered at start) keeps its journal, marked `ended`, so
// capture.resume can reopen it.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SCENE_STATUSES, SCENE_TYPES } from '../../../db/enums';
import { syncDirectory } from '../files/durable';

export const JOURNAL_FILE = 'take.json';

const journalCamera = z.object({
  camera: z.union([z.literal(1), z.literal(2)]),
  label: z.string().nullable(),
  width: z.number(),
  height: z.number(),
  frameRate: z.number(),
  /** When this camera's recorder started, on the screen's clock (ms since the epoch). */
  startedAtMs: z.number().nullable(),
  lost: z.boolean(),
  /** The raw file of recorder part 0, in the scene folder. */
  rawFile: z.string().regex(/^camera[12]\.take-[0-9a-f]{8}\.(mkv|webm|mp4)$/),
  /** Parts 1, 2... (the camera got back mid-take, a new recorder each time); absent in older journals. */
  parts: z
    .array(
      z.object({
        rawFile: z.string().regex(/^camera[12]\.take-[0-9a-f]{8}\.p[1-9][0-9]?\.(mkv|webm|mp4)$/),
        /** When this part's recorder started, on the screen's clock; null when the screen did not say. */
        startedAtMs: z.number().nullable(),
      }),
    )
    .default([]),
});

const takeJournal = z.object({
  takeId: z.string(),
  sceneId: z.string(),
  recordingId: z.string(),
  sceneType: z.enum(SCENE_TYPES),
  mimeType: z.string(),
  /** From the mimeType's codecs=, or null (then ffmpeg is asked). */
  codec: z.string().nullable(),
  cameras: z.array(journalCamera),
  /** Main's clock when the take started. */
  startedAt: z.string(),
  /** What the scene was before this take, to put back if nothing usable comes of it. */
  previousStatus: z.enum(SCENE_STATUSES),
  previousStartedAt: z.string().nullable(),
  /** Who started the take (null for an unknown caller). */
  userId: z.string().nullable(),
  /**
   * Set when main saved the take on its own (the screen went quiet, or the kiosk restarted): the footage is in
   * the scene, and the raw files stay until the take is resumed and ended, a new take starts, or they are old.
   */
  ended: z
    .object({
      at: z.string(),
      how: z.enum(['idle', 'recovered']),
      /** Raw files with bytes nothing playable came of: kept under an `unreadable` name when the take goes. */
      unreadable: z.array(z.string()).default([]),
    })
    .nullable()
    .default(null),
});

export type TakeJournal = z.infer<typeof takeJournal>;
export type JournalCamera = z.infer<typeof journalCamera>;
export type TakeEnded = NonNullable<TakeJournal['ended']>;

/** A camera's recorder parts in order: part 0 from `rawFile`, then `parts`. */
export function cameraParts(camera: JournalCamera): Array<{ rawFile: string; startedAtMs: number | null }> {
  return [{ rawFile: camera.rawFile, startedAtMs: camera.startedAtMs }, ...camera.parts];
}

/** Every raw file of the take, all cameras and parts. */
export function takeRawFiles(journal: TakeJournal): string[] {
  return journal.cameras.flatMap((camera) => cameraParts(camera).map((part) => part.rawFile));
}

/** Writes to a temporary file, flushes it, then renames it over the old journal (and flushes the folder). */
export async function writeTakeJournal(sceneDir: string, journal: TakeJournal): Promise<void> {
  await writeFileDurably(path.join(sceneDir, JOURNAL_FILE), `${JSON.stringify(journal, null, 2)}\n`);
}

/** The journal in a scene folder, or null when there is none or it cannot be read as one. */
export async function readTakeJournal(sceneDir: string): Promise<TakeJournal | null> {
  let text: string;
  try {
    text = await readFile(path.join(sceneDir, JOURNAL_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = takeJournal.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeFileDurably(target: string, contents: string): Promise<void> {
  const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(contents, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(target));
}
