// Saving a take as the scene's footage, the same way whether the screen pressed stop, went quiet, or the
// kiosk died mid-take: make each camera's file from its raw parts (both cameras at once), record the files on
// the scene in one transaction, and only then deal with the raw files: removed after a stop, kept (with the
// journal, marked ended) after main ended the take on its own, so capture.resume can reopen it.
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, SceneRecording } from '../../../db/schema';
import type { FinishedCamera } from '../../shared/capture';
import { recordSceneMedia, type CameraFile } from '../recordings/scenes';
import { finishCameraFootage, type CameraFootage } from './camera-footage';
import {
  cameraOffsetMs,
  FINAL_MIME_TYPES,
  isFinalFile,
  isTakeWorkingFile,
  unreadableFileName,
} from './formats';
import { FinishBlockedError } from './remux';
import type { HeaderCache } from './salvage';
import { restoreSceneBeforeTake, sceneFolder } from './scene-records';
import {
  JOURNAL_FILE,
  takeRawFiles,
  writeTakeJournal,
  type TakeEnded,
  type TakeJournal,
} from './take-journal';

export interface FinalizeDeps {
  db: Kysely<Database>;
  logger: Logger;
  now(): Date;
  /** Recorder headers of good takes, lent to a later take whose first chunk is damaged. */
  headerCache?: HeaderCache | null;
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
  /**
   * Main ended the take on its own (`idle`: the screen went quiet; `recovered`: at start): its raw files and
   * journal stay so the screen can resume it. Null after a stop: they go.
   */
  keep: TakeEnded['how'] | null;
}

export interface SavedTake {
  scene: SceneRecording;
  cameras: FinishedCamera[];
}

/**
 * Null when no camera left anything playable: the scene goes back to what it was before the take. Throws
 * FinishBlockedError when ffmpeg cannot run or the disk refuses the files: the raw files stay for a later try.
 */
export async function saveTakeFootage(deps: FinalizeDeps, take: TakeToSave): Promise<SavedTake | null> {
  const { journal, sceneDir } = take;
  const settled = await Promise.allSettled(
    journal.cameras.map((camera) =>
      finishCameraFootage({
        sceneDir,
        camera,
        otherCameras: journal.cameras.filter((other) => other !== camera),
        mimeType: journal.mimeType,
        headerCache: deps.headerCache ?? null,
        codec: journal.codec,
        tolerateTruncation: take.tolerateTruncation,
        ffmpegPath: deps.ffmpegPath,
        logger: deps.logger,
      }),
    ),
  );
  const unavailable = settled.find(
    (outcome) => outcome.status === 'rejected' && outcome.reason instanceof FinishBlockedError,
  );
  if (unavailable?.status === 'rejected') throw unavailable.reason;
  const footage = settled.map((outcome): CameraFootage => {
    if (outcome.status === 'fulfilled') return outcome.value;
    deps.logger.warn({ err: outcome.reason, takeId: journal.takeId }, 'camera footage could not be made');
    return { file: null, unreadable: [] };
  });
  const unreadable = footage.flatMap((camera) => camera.unreadable);
  const files = footage.flatMap((camera) => (camera.file ? [camera.file] : []));
  if (files.length === 0) {
    await restoreSceneBeforeTake(deps.db, journal, 'nothing usable reached the disk', {
      action: take.auditAction,
      actingUserId: take.actingUserId,
    });
    await settleRawFiles(deps, take, unreadable);
    return null;
  }

  const folder = sceneFolder(journal.recordingId, journal.sceneType);
  const fileOf = (camera: 1 | 2) => files.find((file) => file.camera === camera) ?? null;
  const asCameraFile = (file: (typeof files)[number] | null): CameraFile | null =>
    file && { path: `${folder}/${file.fileName}`, duration: file.durationSeconds, bytes: file.bytes };
  const first = files[0] as (typeof files)[number];

  const { scene } = await recordSceneMedia(
    deps.db,
    journal.sceneId,
    {
      camera1: asCameraFile(fileOf(1)),
      camera2: asCameraFile(fileOf(2)),
      // Each camera's file begins with its first part that held footage.
      camera_offset_ms: cameraOffsetMs(fileOf(1)?.startedAtMs ?? null, fileOf(2)?.startedAtMs ?? null),
      mime_type: FINAL_MIME_TYPES[first.container],
      codec: first.codec,
      status: take.status,
      started_at: journal.startedAt,
      ended_at: take.endedAt,
      audit_action: take.auditAction,
    },
    take.actingUserId,
  );

  await settleRawFiles(deps, take, unreadable);
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
      parts: file.parts,
    })),
  };
}

/** After a save: a take main ended on its own is kept, marked ended; a stopped take's raw files go. */
async function settleRawFiles(deps: FinalizeDeps, take: TakeToSave, unreadable: string[]): Promise<void> {
  if (take.keep) {
    // Main's clock, which the retention is measured on (endedAt may be a file's time).
    const ended: TakeEnded = { at: deps.now().toISOString(), how: take.keep, unreadable };
    await writeTakeJournal(take.sceneDir, { ...take.journal, ended });
    deps.logger.info(
      { takeId: take.journal.takeId, sceneDir: take.sceneDir, how: take.keep },
      'raw files kept so the take can be resumed',
    );
    return;
  }
  await dropTakeFiles(take.sceneDir, take.journal, unreadable, deps.logger);
}

/**
 * A take's raw files and journal go, except raw files nothing playable came of: those are kept under an
 * `unreadable` name for support to look at.
 */
export async function dropTakeFiles(
  sceneDir: string,
  journal: TakeJournal,
  unreadable: readonly string[],
  logger: Logger,
): Promise<void> {
  for (const rawFile of unreadable) {
    const from = path.join(sceneDir, rawFile);
    const to = path.join(sceneDir, unreadableFileName(rawFile));
    try {
      await rename(from, to);
      logger.warn({ takeId: journal.takeId, file: to }, 'raw footage nothing playable came of is kept here');
    } catch (error) {
      logger.warn({ err: error, file: from }, 'could not keep an unreadable raw file');
    }
  }
  await removeTakeFiles(sceneDir, journal, logger);
}

/** The take's raw files (every camera and part) and its journal. */
export async function removeTakeFiles(sceneDir: string, journal: TakeJournal, logger: Logger): Promise<void> {
  await removeFiles(sceneDir, [...takeRawFiles(journal), JOURNAL_FILE], logger);
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

/**
 * Take working files and the journal in a scene folder (used once no take of that scene is running), except
 * the files named in `keep` (a take kept so it can be resumed).
 */
export async function removeLeftoverTakeFiles(
  sceneDir: string,
  logger: Logger,
  keep: readonly string[] = [],
): Promise<string[]> {
  const names = await readdir(sceneDir).catch(() => [] as string[]);
  const leftovers = names.filter(
    (name) => (isTakeWorkingFile(name) || name === JOURNAL_FILE) && !keep.includes(name),
  );
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

export async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
