// At start: takes the kiosk never finished (it was closed, crashed or lost power mid-scene) are saved from
// whatever reached the disk and kept so the screen can resume them, and working files of takes that did finish
// are cleared away (kept takes only once they are old).
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, SceneStatus } from '../../../db/schema';
import { removeLeftoverTakeFiles, saveTakeFootage, type SavedTake } from './finalize';
import { parseRawFileName } from './formats';
import { tidySceneFolder } from './kept-takes';
import { recoveryNote, type RecoveryNote } from './recovery-notes';
import { FinishBlockedError } from './remux';
import type { HeaderCache } from './salvage';
import { absoluteMediaPath, listScenesLeftRecording, sceneFolder, type CaptureScene } from './scene-records';
import {
  JOURNAL_FILE,
  readTakeJournal,
  takeRawFiles,
  type JournalCamera,
  type TakeJournal,
} from './take-journal';

export interface RecoveryDeps {
  dataDir: string;
  headerCache?: HeaderCache | null;
  db: Kysely<Database>;
  logger: Logger;
  now(): Date;
  ffmpegPath?: string;
}

export async function recoverInterruptedScenes(deps: RecoveryDeps): Promise<RecoveryNote[]> {
  const interrupted = await listScenesLeftRecording(deps.db);
  const interruptedFolders = new Set<string>();
  const notes: RecoveryNote[] = [];
  for (const scene of interrupted) {
    interruptedFolders.add(sceneDirOf(deps.dataDir, scene));
    try {
      const note = await recoverScene(deps, scene);
      if (note) notes.push(note);
    } catch (error) {
      deps.logger.error({ err: error, sceneId: scene.scene.id }, 'could not recover an interrupted take');
    }
  }
  for (const folder of await listSceneFolders(deps.dataDir)) {
    if (interruptedFolders.has(folder)) continue;
    const removed = await tidySceneFolder(folder, deps.now(), deps.logger);
    if (removed.length > 0) deps.logger.info({ folder, removed }, 'removed files of finished takes');
  }
  return notes;
}

async function recoverScene(
  deps: RecoveryDeps,
  { scene, flight }: CaptureScene,
): Promise<RecoveryNote | null> {
  const sceneDir = sceneDirOf(deps.dataDir, { scene });
  const stored = await readTakeJournal(sceneDir);
  const journal =
    stored && stored.sceneId === scene.id
      ? stored
      : await journalFromFiles(sceneDir, { scene, flight }, deps);
  let saved: SavedTake | null;
  try {
    saved = await saveTakeFootage(deps, {
      journal,
      sceneDir,
      endedAt: (await lastWrite(sceneDir, journal)) ?? deps.now().toISOString(),
      status: 'recovered',
      tolerateTruncation: true,
      actingUserId: null,
      auditAction: 'recover',
      // Kept: the screen may still hold chunks that never reached the disk, and resume the take.
      keep: 'recovered',
    });
  } catch (error) {
    if (!(error instanceof FinishBlockedError)) throw error;
    // The footage is fine; without ffmpeg it cannot be made playable. Keep it for the next start.
    deps.logger.error(
      { err: error, sceneId: scene.id },
      'ffmpeg cannot run; interrupted take kept for later',
    );
    return null;
  }
  await removeLeftoverTakeFiles(sceneDir, deps.logger, [...takeRawFiles(journal), JOURNAL_FILE]);
  deps.logger.info(
    {
      sceneId: scene.id,
      takeId: journal.takeId,
      cameras: saved?.cameras ?? [],
      restoredStatus: saved ? null : journal.previousStatus,
    },
    saved ? 'interrupted take recovered' : 'interrupted take had nothing usable; scene restored',
  );
  return recoveryNote(
    flight,
    { sceneId: scene.id, recordingId: scene.recording_id, sceneType: scene.scene_type },
    saved,
    deps.now(),
  );
}

function sceneDirOf(dataDir: string, { scene }: Pick<CaptureScene, 'scene'>): string {
  return absoluteMediaPath(dataDir, sceneFolder(scene.recording_id, scene.scene_type));
}

/**
 * Without a journal (it never reached the disk, or is unreadable) the raw files still say which camera and
 * recorder part they are; the take with the newest file is the one. What the scene was before is unknown:
 * footage it still points to means it had been recorded, otherwise it was pending. Parts are joined back to
 * back, their starts being unknown.
 */
async function journalFromFiles(
  sceneDir: string,
  { scene }: CaptureScene,
  deps: RecoveryDeps,
): Promise<TakeJournal> {
  const found: Array<{ name: string; mtimeMs: number } & NonNullable<ReturnType<typeof parseRawFileName>>> =
    [];
  for (const name of await readdir(sceneDir).catch(() => [] as string[])) {
    const raw = parseRawFileName(name);
    if (!raw) continue;
    const { mtimeMs } = await stat(path.join(sceneDir, name));
    found.push({ name, mtimeMs, ...raw });
  }
  const newest = found.reduce<(typeof found)[number] | null>(
    (latest, file) => (!latest || file.mtimeMs > latest.mtimeMs ? file : latest),
    null,
  );
  const ofTake = found
    .filter((file) => file.take === newest?.take)
    .sort((a, b) => a.camera - b.camera || a.part - b.part);
  const cameras: JournalCamera[] = [];
  for (const file of ofTake) {
    const camera = cameras.find((c) => c.camera === file.camera);
    if (!camera && file.part === 0) {
      cameras.push({
        camera: file.camera,
        label: null,
        width: 0,
        height: 0,
        frameRate: 0,
        startedAtMs: null,
        lost: false,
        rawFile: file.name,
        parts: [],
      });
    } else if (camera && file.part === camera.parts.length + 1) {
      camera.parts.push({ rawFile: file.name, startedAtMs: null });
    }
  }
  const previousStatus: SceneStatus = scene.camera1_path || scene.camera2_path ? 'recorded' : 'pending';
  return {
    takeId: randomUUID(),
    sceneId: scene.id,
    recordingId: scene.recording_id,
    sceneType: scene.scene_type,
    mimeType: '',
    codec: null,
    cameras,
    startedAt: scene.started_at ?? deps.now().toISOString(),
    previousStatus,
    previousStartedAt: null,
    userId: null,
    ended: null,
  };
}

/** When the last chunk reached the disk: the take's real end. */
async function lastWrite(sceneDir: string, journal: TakeJournal): Promise<string | null> {
  let latest = 0;
  for (const rawFile of takeRawFiles(journal)) {
    try {
      latest = Math.max(latest, (await stat(path.join(sceneDir, rawFile))).mtimeMs);
    } catch {
      // A part whose file never appeared has nothing to say about the end.
    }
  }
  return latest > 0 ? new Date(latest).toISOString() : null;
}

/** Every `media/<recording>/<scene>` folder on disk. */
async function listSceneFolders(dataDir: string): Promise<string[]> {
  const media = path.join(dataDir, 'media');
  const folders: string[] = [];
  for (const recording of await readdir(media, { withFileTypes: true }).catch(() => [])) {
    if (!recording.isDirectory()) continue;
    const recordingDir = path.join(media, recording.name);
    for (const scene of await readdir(recordingDir, { withFileTypes: true }).catch(() => [])) {
      if (scene.isDirectory()) folders.push(path.join(recordingDir, scene.name));
    }
  }
  return folders;
}
