// capture.resume's reading of the disk: a take main ended on its own (the screen went quiet, or the kiosk
// restarted) can be reopened while its journal and raw files are still in the scene folder.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, SceneStatus } from '../../../db/schema';
import type { TakeResumed } from '../../shared/capture';
import type { Viewer } from '../access/rules';
import { AppFailure } from '../errors';
import { readKioskSettings } from '../settings/service';
import { currentPart, inCameraOrder, reopenTakeFiles, type OpenTake, type OpenTakeFields } from './open-take';
import {
  absoluteMediaPath,
  loadCaptureScene,
  markSceneRecording,
  restoreSceneStatus,
  sceneFolder,
  type CaptureScene,
} from './scene-records';
import { readTakeJournal, takeRawFiles, writeTakeJournal, type TakeJournal } from './take-journal';

export const TAKE_GONE =
  'That take was already saved or thrown away; what reached the kiosk is kept in the scene.';

/**
 * The journal of the take to reopen, or NOT_FOUND: another take of the scene started since (the journal is
 * that take's), the take was stopped or discarded (no journal), or its raw files are gone.
 */
export async function loadResumableTake(
  sceneDir: string,
  take: { takeId: string; sceneId: string },
  sceneStatus: SceneStatus,
): Promise<TakeJournal> {
  const journal = await readTakeJournal(sceneDir);
  if (!journal || journal.takeId !== take.takeId || journal.sceneId !== take.sceneId) {
    throw new AppFailure('NOT_FOUND', TAKE_GONE);
  }
  // Not marked ended and not `recording`: a stopped take whose raw files were not cleared yet.
  if (!journal.ended && sceneStatus !== 'recording') throw new AppFailure('NOT_FOUND', TAKE_GONE);
  for (const rawFile of takeRawFiles(journal)) {
    try {
      await stat(path.join(sceneDir, rawFile));
    } catch {
      throw new AppFailure('NOT_FOUND', TAKE_GONE);
    }
  }
  return journal;
}

/**
 * Pure: the journal of a reopened take. Thrown away now, the take leaves the scene as it is at the reopening
 * (with the footage main saved from it), so that is what it goes back to.
 */
export function reopenedJournal(
  journal: TakeJournal,
  scene: { status: SceneStatus; started_at: string | null },
): TakeJournal {
  if (scene.status === 'recording') return { ...journal, ended: null };
  return { ...journal, ended: null, previousStatus: scene.status, previousStartedAt: scene.started_at };
}

/** Where an open take stands, per camera, once the chunks already in hand are on disk. */
export async function takeStanding(take: OpenTake, reopened: boolean): Promise<TakeResumed> {
  const cameras = await Promise.all(
    take.journal.cameras.map((entry) =>
      inCameraOrder(take, entry.camera, async () => {
        const file = take.files.get(entry.camera);
        return {
          camera: entry.camera,
          part: currentPart(entry),
          bytesOnDisk: file ? await file.settled() : 0,
          lost: entry.lost,
        };
      }),
    ),
  );
  return { takeId: take.journal.takeId, sceneId: take.journal.sceneId, reopened, cameras };
}

/**
 * Reopens a kept take: its newest parts opened at their size, the scene `recording` again (audited), the journal
 * no longer marked ended. The caller has made the scene its own (busy) and checked the user may see the flight.
 */
export async function reopenKeptTake(
  deps: { dataDir: string; db: Kysely<Database> },
  input: { takeId: string; sceneId: string },
  user: Viewer,
): Promise<{ fields: OpenTakeFields; endedBefore: string }> {
  const { db } = deps;
  // Read again now the scene is the caller's: a take started or ended meanwhile shows here.
  const { scene, flight } = (await loadCaptureScene(db, input.sceneId)) as CaptureScene;
  const sceneDir = absoluteMediaPath(deps.dataDir, sceneFolder(scene.recording_id, scene.scene_type));
  const kept = await loadResumableTake(sceneDir, input, scene.status);
  const settings = await readKioskSettings(db);
  const journal = reopenedJournal(kept, scene);
  const { files, closedBytes } = await reopenTakeFiles(sceneDir, journal);
  const marked = scene.status !== 'recording';
  try {
    // The scene first: a restart between the two finds it `recording` and saves the kept take again.
    if (marked) await markSceneRecording(db, scene, journal, user.id, { resumed: true });
    await writeTakeJournal(sceneDir, journal);
  } catch (error) {
    await Promise.all([...files.values()].map((file) => file.close()));
    if (marked) {
      await restoreSceneStatus(
        db,
        scene.id,
        {
          status: scene.status,
          startedAt: scene.started_at,
          takeId: journal.takeId,
          reason: 'resume failed',
        },
        { action: 'update', actingUserId: user.id },
      ).catch(() => undefined);
    }
    throw error;
  }
  return {
    fields: {
      journal,
      sceneDir,
      flight,
      startedAtMs: Date.parse(journal.startedAt),
      minSeconds: settings.minSceneSeconds,
      minFreeDiskGb: settings.minFreeDiskGb,
      files,
      closedBytes,
      diskLow: false,
      allowed: new Set([user.id]),
    },
    endedBefore: kept.ended?.how ?? 'interrupted',
  };
}
