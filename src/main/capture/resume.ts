// capture.resume's reading of the disk: a take main ended on its own (the screen went quiet, or the kiosk
// restarted) can be reopened while its journal and raw files are still in the scene folder.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SceneStatus } from '../../../db/schema';
import type { TakeResumed } from '../../shared/capture';
import { AppFailure } from '../errors';
import { currentPart, inCameraOrder, type OpenTake } from './open-take';
import { readTakeJournal, takeRawFiles, type TakeJournal } from './take-journal';

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
