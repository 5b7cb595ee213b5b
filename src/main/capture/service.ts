// Recording scenes straight to disk: a take opens one raw file per camera (a new one per recorder part when a
// camera is got back), every chunk from the screen is appended and flushed before it is acknowledged, and stop
// turns the raw files into the scene's footage. Nothing of a take is held in memory here; a take the screen
// abandons is saved by the idle watchdog, and one the kiosk never finished is saved at the next start
// (recovery.ts). Both keep their raw files, so a screen that comes back can resume the take (resume.ts).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { ChunkAck, RecoveredScene, TakeFinished, TakeResumed, TakeStarted } from '../../shared/capture';
import type { InputOf } from '../../shared/contract';
import { canSeeRecording, type Viewer } from '../access/rules';
import { kioskToday, type DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import type { RenderHold } from '../ffmpeg/run';
import type { EventHub } from '../ipc/events';
import { sceneView } from '../recordings/views';
import { readKioskSettings } from '../settings/service';
import { readStorageStatus } from '../system/storage-status';
import { discardOpenTake, saveOpenTake } from './end-take';
import { removeTakeFiles, type SavedTake } from './finalize';
import {
  diskTooFullMessage,
  parseRecorderMimeType,
  startFloorBytes,
  stopFloorBytes,
  tooShortMessage,
} from './formats';
import { createFreeSpaceGauge } from './free-space';
import { dropKeptTake } from './kept-takes';
import {
  closeTakeFiles,
  fileForChunk,
  inCameraOrder,
  newTakeJournal,
  openTakeFiles,
  saveTakeJournal,
  takeCamera,
  type OpenTake,
  type OpenTakeFields,
} from './open-take';
import { recoverInterruptedScenes } from './recovery';
import { createRecoveryNotes, recoveryNote } from './recovery-notes';
import { createRecorderPace } from './recorder-pace';
import { createHeaderCache } from './salvage';
import { reopenKeptTake, TAKE_GONE, takeStanding } from './resume';
import { absoluteMediaPath, loadCaptureScene, markSceneRecording, sceneFolder } from './scene-records';

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
  /** A monotonic clock in ms for the recorders' pace (recorder-pace.ts); performance.now by default. */
  paceNowMs?: () => number;
  /** A scene's footage was saved (stop, idle watchdog or recovery at start): the autopilot renders from it. */
  onSceneSaved?(saved: SceneSaved): void;
}

/** What the autopilot hears of a saved scene. */
export interface SceneSaved {
  recordingId: string;
  sceneId: string;
  /** Who filmed it; null for a take recovered at start. */
  userId: string | null;
  /** The scene had footage before this take (filmed again). */
  rerecord: boolean;
  how: 'stop' | 'idle' | 'recovered';
}

export interface CaptureService {
  start(input: InputOf<'capture.start'>, user: Viewer): Promise<TakeStarted>;
  chunk(input: InputOf<'capture.chunk'>, user: Viewer): Promise<ChunkAck>;
  cameraLost(input: InputOf<'capture.cameraLost'>, user: Viewer): Promise<{ noted: true }>;
  /** Where a take stands; a take main had ended on its own is reopened from the disk. */
  resume(input: InputOf<'capture.resume'>, user: Viewer): Promise<TakeResumed>;
  stop(input: InputOf<'capture.stop'>, user: Viewer): Promise<TakeFinished>;
  discard(input: InputOf<'capture.discard'>, user: Viewer): Promise<{ discarded: true }>;
  /** Recovery notes the user may see, oldest first. */
  recoveries(user: Viewer): Promise<RecoveredScene[]>;
  acknowledgeRecoveries(sceneIds: readonly string[], user: Viewer): Promise<{ acknowledged: number }>;
  /** Run once at start; every other call waits for it. Resolves with the notes it added. */
  recoverInterruptedScenes(): Promise<RecoveredScene[]>;
  /** Held while a recorder falls behind (recorder-pace.ts): background renders wait meanwhile. */
  readonly renderHold: RenderHold;
  /** True while a take is open: video renders then stay at low priority, one at a time. */
  filming(): boolean;
  /** Stops the watchdog and closes the files without saving: the next start recovers those takes. */
  close(): Promise<void>;
}

export const DEFAULT_IDLE_MS = 30_000;

export const TAKE_ENDED = 'That recording has already ended.';
const SCENE_NOT_FOUND =
  'That scene does not exist or is not one of your flights. Pick the flight again from the flights list.';
export const NO_SIGNED_WAIVER =
  'This flight has no signed waiver, and this kiosk films only flights whose passengers signed it. Ask the passengers to sign on the check-in screen, then on the Check-in screen tap their waiting check-in and add it to this flight, or ask a manager to switch off "Filming needs a signed waiver" in Settings.';
const NOTHING_USABLE =
  'No usable footage reached the kiosk disk in this take, so nothing was saved and the scene keeps what it had before. Check the cameras and record the scene again.';
const SHUTTING_DOWN = 'The kiosk is shutting down, so recording is not possible now.';

export function createCaptureService(options: CaptureServiceOptions): CaptureService {
  const { dataDir, data, logger, events } = options;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const freeSpace = createFreeSpaceGauge({
    dir: dataDir,
    freeBytes: options.freeBytes ?? (async (dir) => (await readStorageStatus(dir)).freeBytes),
    now: data.now,
    logger,
  });
  const pace = createRecorderPace({ logger, nowMs: options.paceNowMs });
  const takes = new Map<string, OpenTake>();
  /** Scenes with a take open (or opening, or reopening) in this process. */
  const busyScenes = new Set<string>();
  /** Takes being reopened from the disk: a second resume of the same take waits for the first. */
  const reopening = new Map<string, Promise<OpenTake>>();
  const notes = createRecoveryNotes();
  /** Saves and discards under way, which close() lets finish (they touch the database). */
  const endings = new Set<Promise<unknown>>();
  let ready: Promise<unknown> = Promise.resolve();
  let recoveryStarted = false;
  let closed = false;

  const today = () => kioskToday(data);

  async function whenReady(): Promise<void> {
    await ready.catch(() => undefined);
    if (closed) throw new AppFailure('UNAVAILABLE', SHUTTING_DOWN);
  }

  /** The open take, if this user may touch it; someone else's take is as unknown as an ended one. */
  async function openTake(takeId: string, user: Viewer): Promise<OpenTake> {
    await whenReady();
    const take = takes.get(takeId);
    if (!take || (take.ending && take.ending !== 'stop')) throw new AppFailure('NOT_FOUND', TAKE_ENDED);
    if (!mayTouch(take, user)) throw new AppFailure('NOT_FOUND', TAKE_ENDED);
    return take;
  }

  function mayTouch(take: OpenTake, user: Viewer): boolean {
    if (take.allowed.has(user.id)) return true;
    if (!canSeeRecording(user, take.flight, today())) return false;
    take.allowed.add(user.id);
    return true;
  }

  function activeTake(take: OpenTake): OpenTake {
    if (take.ending) throw new AppFailure('NOT_FOUND', TAKE_ENDED);
    take.idleTimer.refresh();
    return take;
  }

  function forget(take: OpenTake): void {
    clearTimeout(take.idleTimer);
    takes.delete(take.journal.takeId);
    busyScenes.delete(take.journal.sceneId);
    pace.takeEnded(take.journal.takeId);
  }

  /** Tells the autopilot; its failure must never touch the take that was just saved. */
  function sceneSaved(saved: SceneSaved): void {
    try {
      options.onSceneSaved?.(saved);
    } catch (error) {
      logger.error({ err: error, sceneId: saved.sceneId }, 'the scene-saved hook failed');
    }
  }

  const hadFootage = (take: OpenTake) =>
    take.journal.previousStatus === 'recorded' || take.journal.previousStatus === 'recovered';

  function track<T>(work: Promise<T>): Promise<T> {
    endings.add(work);
    void work.finally(() => endings.delete(work)).catch(() => undefined);
    return work;
  }

  // Beside media/, not in it: the folders in media/ are flights.
  const headerCache = createHeaderCache(path.join(dataDir, 'capture-headers'));
  const endDeps = () => ({
    db: data.db(),
    logger,
    now: data.now,
    headerCache,
    ffmpegPath: options.ffmpegPath,
  });

  /** Registers an open take and starts its idle watchdog. */
  function openedTake(fields: OpenTakeFields): OpenTake {
    const take: OpenTake = {
      ...fields,
      cameraQueues: new Map(),
      idleTimer: setTimeout(() => {
        take.idleEnding = track(endIdleTake(take));
      }, idleMs),
      idleEnding: null,
      ending: null,
      stopping: null,
      journalWrites: Promise.resolve(),
    };
    take.idleTimer.unref(); // a forgotten take must not keep the process alive
    takes.set(take.journal.takeId, take);
    return take;
  }

  /** Saves the take and lets go of it, whatever the outcome. */
  async function finishTake(take: OpenTake, kind: 'stop' | 'idle', actingUserId: string | null) {
    clearTimeout(take.idleTimer);
    try {
      return await saveOpenTake(endDeps(), take, kind, actingUserId);
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
      saved = await finishTake(take, 'idle', take.journal.userId);
      const { recordingId, sceneType } = take.journal;
      notes.add(recoveryNote(take.flight, { sceneId, recordingId, sceneType }, saved, data.now()));
      if (saved) {
        const userId = take.journal.userId;
        sceneSaved({ recordingId, sceneId, userId, rerecord: hadFootage(take), how: 'idle' });
      }
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
    try {
      const settings = await readKioskSettings(db);
      if (settings.requireWaiver && !flight.waiver_accepted_at) {
        throw new AppFailure('CONFLICT', NO_SIGNED_WAIVER);
      }
      const free = await freeSpace.read(true);
      if (free !== null && free < startFloorBytes(settings.minFreeDiskGb)) {
        throw new AppFailure('UNAVAILABLE', diskTooFullMessage(free, settings.minFreeDiskGb));
      }
      const startedAt = data.now();
      const journal = newTakeJournal(scene, input, format, {
        takeId: randomUUID(),
        startedAt: startedAt.toISOString(),
        userId: user.id,
      });
      const sceneDir = absoluteMediaPath(dataDir, sceneFolder(scene.recording_id, scene.scene_type));
      // A take main had kept for resuming can no longer be resumed once the scene is filmed again.
      await dropKeptTake(sceneDir, logger);
      const files = await openTakeFiles(sceneDir, journal, logger);
      try {
        await markSceneRecording(db, scene, journal, user.id);
      } catch (error) {
        await Promise.all([...files.values()].map((file) => file.close()));
        await removeTakeFiles(sceneDir, journal, logger);
        throw error;
      }
      openedTake({
        journal,
        sceneDir,
        flight,
        startedAtMs: startedAt.getTime(),
        minSeconds: settings.minSceneSeconds,
        minFreeDiskGb: settings.minFreeDiskGb,
        files,
        closedBytes: new Map(),
        diskLow: false,
        allowed: new Set([user.id]),
      });
      logger.info(
        { takeId: journal.takeId, sceneId: scene.id, mimeType: input.mimeType, cameras: files.size, free },
        'take started',
      );
      const { takeId } = journal;
      return {
        takeId,
        sceneId: scene.id,
        startedAt: journal.startedAt,
        minSeconds: settings.minSceneSeconds,
      };
    } catch (error) {
      busyScenes.delete(scene.id);
      throw error;
    }
  }

  async function chunk(input: InputOf<'capture.chunk'>, user: Viewer): Promise<ChunkAck> {
    const take = activeTake(await openTake(input.takeId, user));
    const chunkDone = pace.chunkArrived({ ...input, part: input.part ?? 0 });
    // One camera's chunks one at a time: chunk 0 of a new part opens its file before that part's chunk 1.
    const bytesWritten = await inCameraOrder(take, input.camera, async () => {
      if (take.ending === 'discard') throw new AppFailure('NOT_FOUND', TAKE_ENDED);
      const { entry, file, part } = await fileForChunk(take, input);
      const written = await file.append({ seq: input.seq, offset: input.offset, bytes: input.bytes });
      if (part === 0 && input.seq === 0 && input.startedAtMs !== undefined && entry.startedAtMs === null) {
        entry.startedAtMs = input.startedAtMs;
        await saveTakeJournal(take);
      }
      return (take.closedBytes.get(input.camera) ?? 0) + written.bytesWritten;
    }).finally(chunkDone);
    const free = await freeSpace.read(false);
    if (!take.diskLow && free !== null && free < stopFloorBytes(take.minFreeDiskGb)) {
      take.diskLow = true;
      logger.warn({ takeId: input.takeId, free }, 'disk nearly full; asking the screen to stop the take');
    }
    return {
      bytesWritten,
      stopRequested: take.diskLow ? 'disk-low' : null,
      freeBytes: free,
    };
  }

  async function cameraLost(input: InputOf<'capture.cameraLost'>, user: Viewer): Promise<{ noted: true }> {
    const take = activeTake(await openTake(input.takeId, user));
    await inCameraOrder(take, input.camera, async () => {
      const { entry, file } = takeCamera(take, input.camera);
      if (entry.lost) return;
      entry.lost = true;
      pace.cameraLost(input.takeId, input.camera);
      logger.warn(
        { takeId: input.takeId, camera: input.camera, reason: input.reason },
        'camera lost mid-take',
      );
      await file.close();
      await saveTakeJournal(take);
    });
    return { noted: true };
  }

  async function resume(input: InputOf<'capture.resume'>, user: Viewer): Promise<TakeResumed> {
    await whenReady();
    const open = takes.get(input.takeId);
    if (open) {
      if (open.journal.sceneId !== input.sceneId || !mayTouch(open, user)) {
        throw new AppFailure('NOT_FOUND', TAKE_GONE);
      }
      if (!open.ending) {
        open.idleTimer.refresh();
        return takeStanding(open, false);
      }
      // The watchdog is saving it right now: once saved, it is reopened from the disk like any kept take.
      if (open.ending !== 'idle' || !open.idleEnding) throw new AppFailure('NOT_FOUND', TAKE_GONE);
      await open.idleEnding;
    }
    const loaded = await loadCaptureScene(data.db(), input.sceneId);
    if (!loaded || !canSeeRecording(user, loaded.flight, today())) {
      throw new AppFailure('NOT_FOUND', SCENE_NOT_FOUND);
    }
    // Another call may have reopened it, or begun to, while the scene was read.
    const pending = reopening.get(input.takeId);
    if (pending) {
      const take = await pending;
      if (take.journal.sceneId !== input.sceneId) throw new AppFailure('NOT_FOUND', TAKE_GONE);
      return takeStanding(take, false);
    }
    if (takes.has(input.takeId)) return resume(input, user);
    if (busyScenes.has(input.sceneId)) throw new AppFailure('NOT_FOUND', TAKE_GONE);
    busyScenes.add(input.sceneId); // before the next await: a start or another resume cannot slip in
    const work = reopenTake(input, user);
    reopening.set(input.takeId, work);
    try {
      return takeStanding(await work, true);
    } finally {
      reopening.delete(input.takeId);
    }
  }

  /** Reopens a kept take from the disk; the caller has marked its scene busy, and it is freed on failure. */
  async function reopenTake(input: InputOf<'capture.resume'>, user: Viewer): Promise<OpenTake> {
    try {
      const { fields, endedBefore } = await reopenKeptTake({ dataDir, db: data.db() }, input, user);
      const take = openedTake(fields);
      notes.drop(input.sceneId); // the screen tells the story now
      logger.info(
        { takeId: input.takeId, sceneId: input.sceneId, endedBefore },
        'take reopened for the screen that lost the kiosk',
      );
      return take;
    } catch (error) {
      busyScenes.delete(input.sceneId);
      throw error;
    }
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
        const saved = await finishTake(take, 'stop', user.id);
        if (!saved) throw new AppFailure('CONFLICT', NOTHING_USABLE);
        const finalizeMs = Math.round(performance.now() - stopArrivedAt);
        logger.info(
          { takeId: input.takeId, sceneId: take.journal.sceneId, cameras: saved.cameras, finalizeMs },
          'take saved',
        );
        const { recordingId, sceneId } = take.journal;
        sceneSaved({ recordingId, sceneId, userId: user.id, rerecord: hadFootage(take), how: 'stop' });
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
    await track(discardOpenTake(endDeps(), take, user.id).finally(() => forget(take)));
    logger.info({ takeId: journal.takeId, sceneId: journal.sceneId }, 'take discarded');
    return { discarded: true };
  }

  return {
    start,
    chunk,
    cameraLost,
    resume,
    stop,
    discard,
    renderHold: pace.hold,
    filming: () => takes.size > 0,
    async recoveries(user) {
      await whenReady();
      return notes.visibleTo(user, today());
    },
    async acknowledgeRecoveries(sceneIds, user) {
      await whenReady();
      return { acknowledged: notes.acknowledge(sceneIds, user, today()) };
    },
    recoverInterruptedScenes() {
      if (recoveryStarted) throw new Error('recoverInterruptedScenes runs once, at start');
      recoveryStarted = true;
      const run = (async () => {
        const found = await recoverInterruptedScenes({
          dataDir,
          headerCache,
          db: data.db(),
          logger,
          now: data.now,
          ffmpegPath: options.ffmpegPath,
        });
        notes.add(...found);
        for (const { report } of found) {
          if (report.camera1Duration === null && report.camera2Duration === null) continue;
          const { recordingId, sceneId } = report;
          sceneSaved({ recordingId, sceneId, userId: null, rerecord: false, how: 'recovered' });
        }
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
        await closeTakeFiles(take).catch(() => undefined);
        logger.info({ takeId: take.journal.takeId }, 'take left open at close; the next start recovers it');
        forget(take);
      }
    },
  };
}
