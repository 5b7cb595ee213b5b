// The take journal: `take.json` in the scene folder, written before the first chunk and whenever a camera's
// start time or loss is known. If the kiosk dies mid-take, it tells the next start which files belong to the
// take, how the cameras line up and what the scene was before; it is rewritten atomically, never half.
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
  /** The raw file's name in the scene folder. */
  rawFile: z.string().regex(/^camera[12]\.take-[0-9a-f]{8}\.(mkv|webm|mp4)$/),
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
});

export type TakeJournal = z.infer<typeof takeJournal>;
export type JournalCamera = z.infer<typeof journalCamera>;

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
