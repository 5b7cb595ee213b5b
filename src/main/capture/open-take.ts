// A take while it runs: its journal, one open raw file per camera (its newest recorder part), and what stop
// needs to know. The journal is written before any file is opened, so the next start can account for every
// file a take leaves.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { SceneRecording } from '../../../db/schema';
import { MAX_PARTS, type CameraNumber, type TakeFinished } from '../../shared/capture';
import type { InputOf } from '../../shared/contract';
import { AppFailure } from '../errors';
import { openCameraRecordingFile, type CameraRecordingFile } from './chunk-writer';
import { removeTakeFiles } from './finalize';
import { parseRawFileName, rawFileName, type RecorderFormat } from './formats';
import type { CaptureScene } from './scene-records';
import { cameraParts, writeTakeJournal, type JournalCamera, type TakeJournal } from './take-journal';

export interface OpenTake {
  journal: TakeJournal;
  sceneDir: string;
  flight: CaptureScene['flight'];
  /** Main's clock at start, for the minimum length. */
  startedAtMs: number;
  minSeconds: number;
  minFreeDiskGb: number;
  /** Each camera's newest part; the earlier parts are closed. */
  files: Map<CameraNumber, CameraRecordingFile>;
  /** Bytes of each camera's earlier, closed parts. */
  closedBytes: Map<CameraNumber, number>;
  /** Chunks of one camera are handled one at a time, so a new part opens before that part's next chunk. */
  cameraQueues: Map<CameraNumber, Promise<unknown>>;
  /** The disk fell below the stop floor: the screen was asked to stop, and may stop before the minimum. */
  diskLow: boolean;
  /** People already checked against the flight's rules. */
  allowed: Set<string>;
  idleTimer: NodeJS.Timeout;
  ending: 'stop' | 'discard' | 'idle' | null;
  /** The idle watchdog's save, once it has begun (a resume waits for it, then reopens the take). */
  idleEnding: Promise<void> | null;
  /** The one answer every stop call for this take gets, once a stop has begun. */
  stopping: Promise<TakeFinished> | null;
  /** Journal rewrites one at a time, so an older state never lands after a newer one. */
  journalWrites: Promise<void>;
}

/** What a take is opened with; the rest is its running state. */
export type OpenTakeFields = Omit<
  OpenTake,
  'idleTimer' | 'cameraQueues' | 'idleEnding' | 'ending' | 'stopping' | 'journalWrites'
>;

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
        parts: [],
      })),
    startedAt: take.startedAt,
    previousStatus: scene.status,
    previousStartedAt: scene.started_at,
    userId: take.userId,
    ended: null,
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

/**
 * Opens each camera's newest part of a take main had ended (capture.resume), at its size on disk; the earlier
 * parts are only measured. The last seq is unknown now, so chunks must say their offset.
 */
export async function reopenTakeFiles(
  sceneDir: string,
  journal: TakeJournal,
): Promise<{ files: Map<CameraNumber, CameraRecordingFile>; closedBytes: Map<CameraNumber, number> }> {
  const files = new Map<CameraNumber, CameraRecordingFile>();
  const closedBytes = new Map<CameraNumber, number>();
  try {
    for (const camera of journal.cameras) {
      const parts = cameraParts(camera);
      const newest = parts.at(-1) as { rawFile: string };
      let earlier = 0;
      for (const part of parts.slice(0, -1)) earlier += (await stat(path.join(sceneDir, part.rawFile))).size;
      closedBytes.set(camera.camera, earlier);
      files.set(
        camera.camera,
        await openCameraRecordingFile(path.join(sceneDir, newest.rawFile), `Camera ${camera.camera}`, {
          reopened: true,
        }),
      );
    }
    return { files, closedBytes };
  } catch (error) {
    await closeFiles(files);
    throw error;
  }
}

/** Runs one camera's chunk calls one after another, in the order they arrived. */
export function inCameraOrder<T>(take: OpenTake, camera: CameraNumber, work: () => Promise<T>): Promise<T> {
  const run = (take.cameraQueues.get(camera) ?? Promise.resolve()).then(work);
  take.cameraQueues.set(
    camera,
    run.catch(() => undefined),
  );
  return run;
}

/** This camera's recorder part now, 0 until the camera is got back mid-take. */
export function currentPart(entry: JournalCamera): number {
  return entry.parts.length;
}

/**
 * The file a chunk goes to. Chunk 0 of the next part closes the camera's current part, journals the new one,
 * opens its file and takes the camera back from lost. A chunk for an earlier part, or one that skips a part,
 * is refused.
 */
export async function fileForChunk(
  take: OpenTake,
  chunk: { camera: CameraNumber; part?: number; seq: number; offset?: number; startedAtMs?: number },
): Promise<{ entry: JournalCamera; file: CameraRecordingFile; part: number }> {
  const { entry, file } = takeCamera(take, chunk.camera);
  const name = `Camera ${chunk.camera}`;
  const part = chunk.part ?? 0;
  const current = currentPart(entry);
  if (part === current) {
    if (entry.lost) {
      throw new AppFailure(
        'CONFLICT',
        `${name} was reported lost in this take, so its file is closed. Its footage so far is kept.`,
      );
    }
    return { entry, file, part };
  }
  if (part < current) {
    throw new AppFailure(
      'CONFLICT',
      `This chunk belongs to an earlier recording of ${name} (part ${part + 1}), which was closed when part ${current + 1} began. Its footage so far is kept.`,
    );
  }
  if (part > current + 1 || part >= MAX_PARTS) {
    throw new AppFailure(
      'CONFLICT',
      `${name}'s new recording (part ${part + 1}) came before part ${current + 2}, so the footage would have a hole. Stop this take and record the scene again.`,
    );
  }
  if (chunk.seq !== 0 || (chunk.offset ?? 0) !== 0) {
    throw new AppFailure(
      'CONFLICT',
      `${name}'s new recording (part ${part + 1}) did not begin with its first chunk, so it cannot be saved. Stop this take and record the scene again.`,
    );
  }
  await file.close();
  const { container } = parseRawFileName(entry.rawFile) ?? { container: 'mkv' as const };
  const rawFile = rawFileName(chunk.camera, take.journal.takeId, container, part);
  entry.parts.push({ rawFile, startedAtMs: chunk.startedAtMs ?? null });
  entry.lost = false;
  try {
    // Journaled before the file exists, so the next start knows the part belongs to this take.
    await saveTakeJournal(take);
    const next = await openCameraRecordingFile(path.join(take.sceneDir, rawFile), name);
    take.closedBytes.set(chunk.camera, (take.closedBytes.get(chunk.camera) ?? 0) + file.bytesWritten());
    take.files.set(chunk.camera, next);
    return { entry, file: next, part };
  } catch (error) {
    entry.parts.pop();
    // The old part's file is closed: the camera is lost until a new part opens.
    entry.lost = true;
    await saveTakeJournal(take).catch(() => undefined);
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
  await Promise.all(take.cameraQueues.values());
  await closeFiles(take.files);
  await take.journalWrites;
}

async function closeFiles(files: Map<CameraNumber, CameraRecordingFile>): Promise<void> {
  await Promise.all([...files.values()].map((file) => file.close()));
}
