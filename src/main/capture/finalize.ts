// Saving a take as the scene's footage, the same way whether the screen pressed stop, went quiet, or the
// kiosk died mid-take: remux each camera's raw file (both at once), record the files on the scene in one
// transaction, and only then remove the raw files, the journal and the footage the new take replaces.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, SceneRecording } from '../../../db/schema';
import type { FinishedCamera } from '../../shared/capture';
import { recordSceneMedia, type CameraFile } from '../recordings/scenes';
import { cameraOffsetMs, FINAL_MIME_TYPES, isFinalFile, isTakeWorkingFile } from './formats';
import { FinishBlockedError, remuxCameraFile, type RemuxedFile } from './remux';
import { sceneFolder } from './scene-records';
import { JOURNAL_FILE, type TakeJournal } from './take-journal';

export interface FinalizeDeps {
  db: Kysely<Database>;
  logger: Logger;
  ffmpegPath?: string;
}

export interface TakeToSave {
  journal: TakeJournal;
  /** Absolute path of the scene folder. */
  sceneDir: string;
  endedAt: string;
  status: 'recorded' | 'recovered';
  /** A take cut off by a crash may end mid-chunk. */
  tolerateTruncation: boolean;
  actingUserId: string | null;
  auditAction: 'update' | 'recover';
}

export interface SavedTake {
  scene: SceneRecording;
  cameras: FinishedCamera[];
}

/**
 * Null when no camera left anything playable: the scene is untouched and the caller decides what it goes back
 * to. Throws FinishBlockedError when ffmpeg cannot run or the disk refuses the files: the raw files stay for a
 * later try.
 */
export async function saveTakeFootage(deps: FinalizeDeps, take: TakeToSave): Promise<SavedTake | null> {
  const { journal, sceneDir } = take;
  const settled = await Promise.allSettled(
    journal.cameras.map(async (camera) => {
      if ((await fileSize(path.join(sceneDir, camera.rawFile))) === 0) return null;
      return remuxCameraFile({
        sceneDir,
        camera: camera.camera,
        rawFile: camera.rawFile,
        codec: journal.codec,
        tolerateTruncation: take.tolerateTruncation,
        ffmpegPath: deps.ffmpegPath,
        logger: deps.logger,
      });
    }),
  );
  const unavailable = settled.find(
    (outcome) => outcome.status === 'rejected' && outcome.reason instanceof FinishBlockedError,
  );
  if (unavailable?.status === 'rejected') throw unavailable.reason;
  const files = settled
    .map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : null))
    .filter((file): file is RemuxedFile => file !== null);
  if (files.length === 0) return null;

  const folder = sceneFolder(journal.recordingId, journal.sceneType);
  const fileOf = (camera: 1 | 2) => files.find((file) => file.camera === camera) ?? null;
  const asCameraFile = (file: RemuxedFile | null): CameraFile | null =>
    file && { path: `${folder}/${file.fileName}`, duration: file.durationSeconds, bytes: file.bytes };
  const startedAtMs = (camera: 1 | 2) =>
    fileOf(camera) ? (journal.cameras.find((c) => c.camera === camera)?.startedAtMs ?? null) : null;
  const first = files[0] as RemuxedFile;

  const { scene } = await recordSceneMedia(
    deps.db,
    journal.sceneId,
    {
      camera1: asCameraFile(fileOf(1)),
      camera2: asCameraFile(fileOf(2)),
      camera_offset_ms: cameraOffsetMs(startedAtMs(1), startedAtMs(2)),
      mime_type: FINAL_MIME_TYPES[first.container],
      codec: first.codec,
      status: take.status,
      started_at: journal.startedAt,
      ended_at: take.endedAt,
      audit_action: take.auditAction,
    },
    take.actingUserId,
  );

  await removeTakeFiles(sceneDir, journal, deps.logger);
  await removeFootageNotIn(
    sceneDir,
    files.map((file) => file.fileName),
    deps.logger,
  );
  return {
    scene,
    cameras: files.map((file) => ({
      camera: file.camera,
      durationSeconds: file.durationSeconds,
      bytes: file.bytes,
      lost: journal.cameras.find((c) => c.camera === file.camera)?.lost ?? false,
    })),
  };
}

/** The take's raw files and its journal. */
export async function removeTakeFiles(sceneDir: string, journal: TakeJournal, logger: Logger): Promise<void> {
  await removeFiles(sceneDir, [...journal.cameras.map((camera) => camera.rawFile), JOURNAL_FILE], logger);
}

/** Earlier takes' footage the new take replaced (another extension, or a camera that has no file now). */
async function removeFootageNotIn(sceneDir: string, keep: string[], logger: Logger): Promise<void> {
  const names = await readdir(sceneDir).catch(() => [] as string[]);
  await removeFiles(
    sceneDir,
    names.filter((name) => isFinalFile(name) && !keep.includes(name)),
    logger,
  );
}

/** Every take working file and journal in a scene folder (used once no take of that scene is running). */
export async function removeLeftoverTakeFiles(sceneDir: string, logger: Logger): Promise<string[]> {
  const names = await readdir(sceneDir).catch(() => [] as string[]);
  const leftovers = names.filter((name) => isTakeWorkingFile(name) || name === JOURNAL_FILE);
  await removeFiles(sceneDir, leftovers, logger);
  return leftovers;
}

async function removeFiles(sceneDir: string, names: string[], logger: Logger): Promise<void> {
  for (const name of names) {
    await rm(path.join(sceneDir, name), { force: true }).catch((error: unknown) =>
      // Left behind, it is only wasted space: the next start removes it.
      logger.warn({ err: error, file: path.join(sceneDir, name) }, 'could not remove a take file'),
    );
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
