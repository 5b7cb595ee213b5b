// A take while it runs: its journal, one open raw file per camera, and what stop needs to know. The journal
// is written before any file is opened, so the next start can account for every file a take leaves.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { SceneRecording } from '../../../db/schema';
import type { CameraNumber, TakeFinished } from '../../shared/capture';
import type { InputOf } from '../../shared/contract';
import { AppFailure } from '../errors';
import { openCameraRecordingFile, type CameraRecordingFile } from './chunk-writer';
import { removeTakeFiles } from './finalize';
import { rawFileName, type RecorderFormat } from './formats';
import type { CaptureScene } from './scene-records';
import { writeTakeJournal, type JournalCamera, type TakeJournal } from './take-journal';

export interface OpenTake {
  journal: TakeJournal;
  sceneDir: string;
  flight: CaptureScene['flight'];
  /** Main's clock at start, for the minimum length. */
  startedAtMs: number;
  minSeconds: number;
  minFreeDiskGb: number;
  files: Map<CameraNumber, CameraRecordingFile>;
  /** The disk fell below the stop floor: the screen was asked to stop, and may stop before the minimum. */
  diskLow: boolean;
  /** People already checked against the flight's rules. */
  allowed: Set<string>;
  idleTimer: NodeJS.Timeout;
  ending: 'stop' | 'discard' | 'idle' | null;
  /** The one answer every stop call for this take gets, once a stop has begun. */
  stopping: Promise<TakeFinished> | null;
  /** Journal rewrites one at a time, so an older state never lands after a newer one. */
  journalWrites: Promise<void>;
}

/** Pure: the journal a new take starts with. */
export function newTakeJournal(
  scene: SceneRecording,
  input: InputOf<'capture.start'>,
  format: RecorderFormat,
  take: { takeId: string; startedAt: string; userId: string },
): TakeJournal {
  return {
    takeId: take.takeId,
    sceneId: scene.id,
    recordingId: scene.recording_id,
    sceneType: scene.scene_type,
    mimeType: input.mimeType,
    codec: format.codec,
    cameras: [...input.cameras]
      .sort((a, b) => a.camera - b.camera)
      .map((camera) => ({
        camera: camera.camera,
        label: camera.label,
        width: camera.width,
        height: camera.height,
        frameRate: camera.frameRate,
        startedAtMs: null,
        lost: false,
        rawFile: rawFileName(camera.camera, take.takeId, format.container),
      })),
    startedAt: take.startedAt,
    previousStatus: scene.status,
    previousStartedAt: scene.started_at,
    userId: take.userId,
  };
}

/** Writes the journal and opens the cameras' raw files; on failure nothing of the take is left behind. */
export async function openTakeFiles(
  sceneDir: string,
  journal: TakeJournal,
  logger: Logger,
): Promise<Map<CameraNumber, CameraRecordingFile>> {
  const files = new Map<CameraNumber, CameraRecordingFile>();
  try {
    await mkdir(sceneDir, { recursive: true });
    await writeTakeJournal(sceneDir, journal);
    for (const camera of journal.cameras) {
      files.set(
        camera.camera,
        await openCameraRecordingFile(path.join(sceneDir, camera.rawFile), `Camera ${camera.camera}`),
      );
    }
    return files;
  } catch (error) {
    await closeFiles(files);
    await removeTakeFiles(sceneDir, journal, logger);
    throw error;
  }
}

export function takeCamera(
  take: OpenTake,
  camera: CameraNumber,
): { entry: JournalCamera; file: CameraRecordingFile } {
  const entry = take.journal.cameras.find((c) => c.camera === camera);
  const file = take.files.get(camera);
  if (!entry || !file) {
    throw new AppFailure('VALIDATION', `This take was started without camera ${camera}.`);
  }
  return { entry, file };
}

export function saveTakeJournal(take: OpenTake): Promise<void> {
  const run = take.journalWrites.then(() => writeTakeJournal(take.sceneDir, take.journal));
  take.journalWrites = run.catch(() => undefined);
  return run;
}

/** Waits for the chunks and journal writes already asked for, then closes the raw files. */
export async function closeTakeFiles(take: OpenTake): Promise<void> {
  await closeFiles(take.files);
  await take.journalWrites;
}

async function closeFiles(files: Map<CameraNumber, CameraRecordingFile>): Promise<void> {
  await Promise.all([...files.values()].map((file) => file.close()));
}
