// Recording scenes straight to disk: a take opens one raw file per camera, every chunk from the screen is
// appended and flushed before it is acknowledged, and stop turns the raw files into the scene's footage.
// Nothing of a take is held in memory here; a take the screen abandons is saved by the idle watchdog, and one
// the kiosk never finished is saved at the next start (recovery.ts).
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { CameraNumber, ChunkAck, RecoveredScene, TakeFinished, TakeStarted } from '../../shared/capture';
import type { InputOf } from '../../shared/contract';
import { canSeeRecording, localDay, type Viewer } from '../access/rules';
import type { DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import type { EventHub } from '../ipc/events';
import { sceneView } from '../recordings/views';
import { readKioskSettings } from '../settings/service';
import { readStorageStatus } from '../system/storage-status';
import { openCameraRecordingFile, type CameraRecordingFile } from './chunk-writer';
import { removeTakeFiles, saveTakeFootage, type SavedTake } from './finalize';
import {
  diskTooFullMessage,
  parseRecorderMimeType,
  rawFileName,
  startFloorBytes,
  stopFloorBytes,
  tooShortMessage,
} from './formats';
import { recoverInterruptedScenes, type RecoveryNote } from './recovery';
import { FinishBlockedError } from './remux';
import {
  absoluteMediaPath,
  loadCaptureScene,
  markSceneRecording,
  restoreSceneStatus,
  sceneFolder,
  type CaptureScene,
} from './scene-records';
import { writeTakeJournal, type TakeJournal } from './take-journal';

export interface CaptureServiceOptions {
  dataDir: string;
  data: Pick<DataAccess, 'db' | 'now' | 'utcOffsetMinutes'>;
  logger: Logger;
  events: Pick<EventHub, 'emit'>;
  /** Free bytes on the disk holding `dir`, null when unknown; defaults to statfs of the data directory. */
  freeBytes?: (dir: string) => Promise<number | null>;
  /** A take with no call for this long is saved as recovered (the screen went away). Default 30 s. */
  idleMs?: number;
  ffmpegPath?: string;
}

export interface CaptureService {
  start(input: InputOf<'capture.start'>, user: Viewer): Promise<TakeStarted>;
  chunk(input: InputOf<'capture.chunk'>, user: Viewer): Promise<ChunkAck>;
  cameraLost(input: InputOf<'capture.cameraLost'>, user: Viewer): Promise<{ noted: true }>;
  stop(input: InputOf<'capture.stop'>, user: Viewer): Promise<TakeFinished>;
  discard(input: InputOf<'capture.discard'>, user: Viewer): Promise<{ discarded: true }>;
  /** Recovery notes the user may see, oldest first. */
  recoveries(user: Viewer): Promise<RecoveredScene[]>;
  acknowledgeRecoveries(sceneIds: readonly string[], user: Viewer): Promise<{ acknowledged: number }>;
  /** Run once at start; every other call waits for it. Resolves with the notes it added. */
  recoverInterruptedScenes(): Promise<RecoveredScene[]>;
  /** Stops the watchdog and closes the files without saving: the next start recovers those takes. */
  close(): Promise<void>;
}

export const DEFAULT_IDLE_MS = 30_000;
/** Free space is asked again at most this often while chunks arrive. */
const FREE_SPACE_TTL_MS = 2_000;

export const TAKE_ENDED = 'That recording has already ended.';
const SCENE_NOT_FOUND =
  'That scene does not exist or is not one of your flights. Pick the flight again from the flights list.';
const NOTHING_USABLE =
  'No usable footage reached the kiosk disk in this take, so nothing was saved and the scene keeps what it had before. Check the cameras and record the scene again.';
const FFMPEG_MISSING =
  'The kiosk could not turn the footage into a video because its ffmpeg is missing or broken. The footage is kept on the disk and is saved when the kiosk next starts with ffmpeg working.';
const DISK_REFUSED =
  'The kiosk disk is too full to finish this take. The footage is kept; free space (export and hand over older flights), then restart the kiosk to save it.';
const SHUTTING_DOWN = 'The kiosk is shutting down, so recording is not possible now.';

type EndingKind = 'stop' | 'discard' | 'idle';

interface OpenTake {
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
  ending: EndingKind | null;
  stopping: Promise<TakeFinished> | null;
  /** Journal rewrites one at a time, so an older state never lands after a newer one. */
  journalWrites: Promise<void>;
}

type Ending = { saved: SavedTake } | { saved: null };

export function createCaptureService(options: CaptureServiceOptions): CaptureService {
  const { dataDir, data, logger, events } = options;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const freeBytesOf = options.freeBytes ?? (async (dir: string) => (await readStorageStatus(dir)).freeBytes);
  const takes = new Map<string, OpenTake>();
  /** Scenes with a take open (or opening) in this process. */
  const busyScenes = new Set<string>();
  const notes: RecoveryNote[] = [];
  const endings = new Set<Promise<unknown>>();
  let ready: Promise<unknown> = Promise.resolve();
  let recoveryStarted = false;
  let closed = false;
  let freeSpace: { bytes: number | null; readAtMs: number } | null = null;

  const today = () => {
    const now = data.now();
    return localDay(now, data.utcOffsetMinutes(now));
  };

  async function readFreeBytes(fresh: boolean): Promise<number | null> {
    const nowMs = data.now().getTime();
    if (!fresh && freeSpace && nowMs - freeSpace.readAtMs < FREE_SPACE_TTL_MS) return freeSpace.bytes;
    let bytes: number | null;
    try {
      bytes = await freeBytesOf(dataDir);
    } catch (error) {
      logger.warn({ err: error }, 'could not read free disk space');
      bytes = null;
    }
    freeSpace = { bytes, readAtMs: nowMs };
    return bytes;
  }

  async function whenReady(): Promise<void> {
    await ready.catch(() => undefined);
    if (closed) throw new AppFailure('UNAVAILABLE', SHUTTING_DOWN);
  }

  /** The open take, if this user may touch it; someone else's take is as unknown as an ended one. */
  async function openTake(takeId: string, user: Viewer): Promise<OpenTake> {
    await whenReady();
    const take = takes.get(takeId);
    if (!take || (take.ending && take.ending !== 'stop')) throw new AppFailure('NOT_FOUND', TAKE_ENDED);
    if (!take.allowed.has(user.id)) {
      if (!canSeeRecording(user, take.flight, today())) throw new AppFailure('NOT_FOUND', TAKE_ENDED);
      take.allowed.add(user.id);
    }
    return take;
  }

  function activeTake(take: OpenTake): OpenTake {
    if (take.ending) throw new AppFailure('NOT_FOUND', TAKE_ENDED);
    take.idleTimer.refresh();
    return take;
  }

  function cameraOf(take: OpenTake, camera: CameraNumber) {
    const entry = take.journal.cameras.find((c) => c.camera === camera);
    const file = take.files.get(camera);
    if (!entry || !file) {
      throw new AppFailure('VALIDATION', `This take was started without camera ${camera}.`);
    }
    return { entry, file };
  }

  function saveJournal(take: OpenTake): Promise<void> {
    const run = take.journalWrites.then(() => writeTakeJournal(take.sceneDir, take.journal));
    take.journalWrites = run.catch(() => undefined);
    return run;
  }

  async function closeFiles(take: OpenTake): Promise<void> {
    await Promise.all([...take.files.values()].map((file) => file.close()));
    await take.journalWrites;
  }

  function forget(take: OpenTake): void {
    clearTimeout(take.idleTimer);
    takes.delete(take.journal.takeId);
    busyScenes.delete(take.journal.sceneId);
  }

  /** Tracks work close() must let finish (it touches the database). */
  function track<T>(work: Promise<T>): Promise<T> {
    endings.add(work);
    void work.finally(() => endings.delete(work)).catch(() => undefined);
    return work;
  }

  /** Closes the files and saves the take; an idle take is saved as recovered. */
  async function finishTake(
    take: OpenTake,
    kind: 'stop' | 'idle',
    actingUserId: string | null,
  ): Promise<Ending> {
    const { journal } = take;
    clearTimeout(take.idleTimer);
    try {
      await closeFiles(take);
      const saved = await saveTakeFootage(
        { db: data.db(), logger, ffmpegPath: options.ffmpegPath },
        {
          journal,
          sceneDir: take.sceneDir,
          endedAt: data.now().toISOString(),
          status: kind === 'stop' ? 'recorded' : 'recovered',
          tolerateTruncation: kind === 'idle' || journal.cameras.some((camera) => camera.lost),
          actingUserId,
          auditAction: kind === 'stop' ? 'update' : 'recover',
        },
      );
      if (saved) return { saved };
      await restoreSceneStatus(
        data.db(),
        journal.sceneId,
        {
          status: journal.previousStatus,
          startedAt: journal.previousStartedAt,
          takeId: journal.takeId,
          reason: 'nothing usable reached the disk',
        },
        { action: kind === 'stop' ? 'update' : 'recover', actingUserId },
      );
      await removeTakeFiles(take.sceneDir, journal, logger);
      return { saved: null };
    } catch (error) {
      // The scene stays `recording` with its raw files and journal: the next start saves them.
      logger.error(
        { err: error, takeId: journal.takeId, sceneId: journal.sceneId },
        'take could not be saved; kept on disk for recovery at the next start',
      );
      if (error instanceof FinishBlockedError) {
        throw new AppFailure('UNAVAILABLE', error.reason === 'ffmpeg' ? FFMPEG_MISSING : DISK_REFUSED);
      }
      throw error;
    } finally {
      forget(take);
    }
  }

  async function endIdleTake(take: OpenTake): Promise<void> {
    if (take.ending || closed) return;
    take.ending = 'idle';
    const { takeId, sceneId } = take.journal;
    logger.warn({ takeId, sceneId, idleMs }, 'no call for this take; saving what reached the disk');
    let saved: SavedTake | null = null;
    try {
      saved = (await finishTake(take, 'idle', take.journal.userId)).saved;
      notes.push({
        flight: take.flight,
        report: {
          sceneId,
          recordingId: take.journal.recordingId,
          passengerNames: take.flight.passenger_names,
          sceneType: take.journal.sceneType,
          camera1Duration: saved?.scene.camera1_duration ?? null,
          camera2Duration: saved?.scene.camera2_duration ?? null,
          recoveredAt: data.now().toISOString(),
        },
      });
      logger.info({ takeId, sceneId, cameras: saved?.cameras ?? [] }, 'idle take saved as recovered');
    } catch {
      // finishTake has logged why; the take is kept on disk for the next start.
    } finally {
      events.emit('capture.takeEnded', { takeId, sceneId, reason: 'idle' });
    }
  }

  async function start(input: InputOf<'capture.start'>, user: Viewer): Promise<TakeStarted> {
    await whenReady();
    const db = data.db();
    const loaded = await loadCaptureScene(db, input.sceneId);
    if (!loaded || !canSeeRecording(user, loaded.flight, today())) {
      throw new AppFailure('NOT_FOUND', SCENE_NOT_FOUND);
    }
    const { scene, flight } = loaded;
    if (busyScenes.has(scene.id)) {
      throw new AppFailure(
        'CONFLICT',
        'This scene is already being recorded on a kiosk screen. Stop or discard that take first.',
      );
    }
    if (scene.status === 'recording') {
      throw new AppFailure(
        'CONFLICT',
        'The last take of this scene is still waiting to be saved from the disk. Restart the kiosk to save it, then record again.',
      );
    }
    const format = parseRecorderMimeType(input.mimeType);
    if (!format) {
      throw new AppFailure(
        'VALIDATION',
        'The kiosk stores Matroska, WebM or MP4 video only. Choose another recording format in the camera setup.',
        [{ path: 'mimeType', message: 'Use video/x-matroska, video/webm or video/mp4.' }],
      );
    }
    busyScenes.add(scene.id); // taken before the first await below, so two starts cannot both pass
    const files = new Map<CameraNumber, CameraRecordingFile>();
    const folder = sceneFolder(scene.recording_id, scene.scene_type);
    const sceneDir = absoluteMediaPath(dataDir, folder);
    let journal: TakeJournal | null = null;
    try {
      const settings = await readKioskSettings(db);
      const free = await readFreeBytes(true);
      if (free !== null && free < startFloorBytes(settings.minFreeDiskGb)) {
        throw new AppFailure('UNAVAILABLE', diskTooFullMessage(free, settings.minFreeDiskGb));
      }
      const takeId = randomUUID();
      const startedAt = data.now();
      journal = {
        takeId,
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
            rawFile: rawFileName(camera.camera, takeId, format.container),
          })),
        startedAt: startedAt.toISOString(),
        previousStatus: scene.status,
        previousStartedAt: scene.started_at,
        userId: user.id,
      };
      await mkdir(sceneDir, { recursive: true });
      await writeTakeJournal(sceneDir, journal);
      for (const camera of journal.cameras) {
        const file = await openCameraRecordingFile(
          path.join(sceneDir, camera.rawFile),
          `Camera ${camera.camera}`,
        );
        files.set(camera.camera, file);
      }
      await markSceneRecording(db, scene, { takeId, startedAt: journal.startedAt }, user.id);

      const take: OpenTake = {
        journal,
        sceneDir,
        flight,
        startedAtMs: startedAt.getTime(),
        minSeconds: settings.minSceneSeconds,
        minFreeDiskGb: settings.minFreeDiskGb,
        files,
        diskLow: false,
        allowed: new Set([user.id]),
        idleTimer: setTimeout(() => void track(endIdleTake(take)), idleMs),
        ending: null,
        stopping: null,
        journalWrites: Promise.resolve(),
      };
      take.idleTimer.unref(); // a forgotten take must not keep the process alive
      takes.set(takeId, take);
      logger.info(
        { takeId, sceneId: scene.id, mimeType: input.mimeType, cameras: journal.cameras.length, free },
        'take started',
      );
      return {
        takeId,
        sceneId: scene.id,
        startedAt: journal.startedAt,
        minSeconds: settings.minSceneSeconds,
      };
    } catch (error) {
      busyScenes.delete(scene.id);
      await Promise.all([...files.values()].map((file) => file.close().catch(() => undefined)));
      if (journal) await removeTakeFiles(sceneDir, journal, logger);
      throw error;
    }
  }

  async function chunk(input: InputOf<'capture.chunk'>, user: Viewer): Promise<ChunkAck> {
    const take = activeTake(await openTake(input.takeId, user));
    const { entry, file } = cameraOf(take, input.camera);
    if (entry.lost) {
      throw new AppFailure(
        'CONFLICT',
        `Camera ${input.camera} was reported lost in this take, so its file is closed. Its footage so far is kept.`,
      );
    }
    const written = await file.append(input.seq, input.bytes);
    if (input.seq === 0 && input.startedAtMs !== undefined && entry.startedAtMs === null) {
      entry.startedAtMs = input.startedAtMs;
      await saveJournal(take);
    }
    const free = await readFreeBytes(false);
    if (!take.diskLow && free !== null && free < stopFloorBytes(take.minFreeDiskGb)) {
      take.diskLow = true;
      logger.warn({ takeId: input.takeId, free }, 'disk nearly full; asking the screen to stop the take');
    }
    return {
      bytesWritten: written.bytesWritten,
      stopRequested: take.diskLow ? 'disk-low' : null,
      freeBytes: free,
    };
  }

  async function cameraLost(input: InputOf<'capture.cameraLost'>, user: Viewer): Promise<{ noted: true }> {
    const take = activeTake(await openTake(input.takeId, user));
    const { entry, file } = cameraOf(take, input.camera);
    if (!entry.lost) {
      entry.lost = true;
      logger.warn(
        { takeId: input.takeId, camera: input.camera, reason: input.reason },
        'camera lost mid-take',
      );
      await file.close();
      await saveJournal(take);
    }
    return { noted: true };
  }

  async function stop(input: InputOf<'capture.stop'>, user: Viewer): Promise<TakeFinished> {
    const stopArrivedAt = performance.now();
    const take = await openTake(input.takeId, user);
    if (take.stopping) return take.stopping; // a retried stop gets the same answer
    const elapsedMs = data.now().getTime() - take.startedAtMs;
    const everyCameraLost = take.journal.cameras.every((camera) => camera.lost);
    if (elapsedMs < take.minSeconds * 1000 && !take.diskLow && !everyCameraLost) {
      take.idleTimer.refresh();
      throw new AppFailure('VALIDATION', tooShortMessage(elapsedMs, take.minSeconds));
    }
    take.ending = 'stop';
    take.stopping = track(
      (async () => {
        const { saved } = await finishTake(take, 'stop', user.id);
        if (!saved) throw new AppFailure('CONFLICT', NOTHING_USABLE);
        const finalizeMs = Math.round(performance.now() - stopArrivedAt);
        logger.info(
          { takeId: input.takeId, sceneId: take.journal.sceneId, cameras: saved.cameras, finalizeMs },
          'take saved',
        );
        return { scene: sceneView(saved.scene), cameras: saved.cameras, finalizeMs };
      })(),
    );
    return take.stopping;
  }

  async function discard(input: InputOf<'capture.discard'>, user: Viewer): Promise<{ discarded: true }> {
    const take = activeTake(await openTake(input.takeId, user));
    take.ending = 'discard';
    clearTimeout(take.idleTimer);
    const { journal } = take;
    await track(
      (async () => {
        try {
          await closeFiles(take);
          await restoreSceneStatus(
            data.db(),
            journal.sceneId,
            {
              status: journal.previousStatus,
              startedAt: journal.previousStartedAt,
              takeId: journal.takeId,
              reason: 'discarded',
            },
            { action: 'update', actingUserId: user.id },
          );
          await removeTakeFiles(take.sceneDir, journal, logger);
        } finally {
          forget(take);
        }
      })(),
    );
    logger.info({ takeId: journal.takeId, sceneId: journal.sceneId }, 'take discarded');
    return { discarded: true };
  }

  const visibleNotes = (user: Viewer) => {
    const day = today();
    return notes.filter((note) => canSeeRecording(user, note.flight, day));
  };

  return {
    start,
    chunk,
    cameraLost,
    stop,
    discard,
    async recoveries(user) {
      await whenReady();
      return visibleNotes(user).map((note) => note.report);
    },
    async acknowledgeRecoveries(sceneIds, user) {
      await whenReady();
      const acknowledged = visibleNotes(user).filter((note) => sceneIds.includes(note.report.sceneId));
      for (const note of acknowledged) notes.splice(notes.indexOf(note), 1);
      return { acknowledged: acknowledged.length };
    },
    recoverInterruptedScenes() {
      if (recoveryStarted) throw new Error('recoverInterruptedScenes runs once, at start');
      recoveryStarted = true;
      const run = (async () => {
        const found = await recoverInterruptedScenes({
          dataDir,
          db: data.db(),
          logger,
          now: data.now,
          ffmpegPath: options.ffmpegPath,
        });
        notes.push(...found);
        if (found.length > 0) logger.info({ scenes: found.length }, 'interrupted takes recovered');
        return found.map((note) => note.report);
      })();
      ready = run;
      return run;
    },
    async close() {
      closed = true;
      for (const take of takes.values()) clearTimeout(take.idleTimer);
      await ready.catch(() => undefined);
      await Promise.allSettled([...endings]);
      for (const take of [...takes.values()]) {
        await Promise.all([...take.files.values()].map((file) => file.close().catch(() => undefined)));
        await take.journalWrites;
        logger.info({ takeId: take.journal.takeId }, 'take left open at close; the next start recovers it');
        forget(take);
      }
    },
  };
}
