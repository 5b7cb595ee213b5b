// How an open take ends: saved (stop, or the idle watchdog), or thrown away (discard). Either way its files are
// closed first, so the last chunks are on disk before ffmpeg reads them.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../../db/schema';
import { AppFailure } from '../errors';
import { removeTakeFiles, saveTakeFootage, type SavedTake } from './finalize';
import { closeTakeFiles, type OpenTake } from './open-take';
import { FinishBlockedError } from './remux';
import { restoreSceneBeforeTake } from './scene-records';

export interface EndTakeDeps {
  db: Kysely<Database>;
  logger: Logger;
  now(): Date;
  ffmpegPath?: string;
}

const FFMPEG_MISSING =
  'The kiosk could not turn the footage into a video because its ffmpeg is missing or broken. The footage is kept on the disk and is saved when the kiosk next starts with ffmpeg working.';
const DISK_REFUSED =
  'The kiosk disk is too full to finish this take. The footage is kept; free space (export and hand over older flights), then restart the kiosk to save it.';

/**
 * Saves the take as the scene's footage: `recorded` after a stop, `recovered` when the screen went away (its raw
 * files then stay, so the screen can resume the take). Null when nothing usable reached the disk; the scene
 * then goes back to what it was. When the take cannot be finished now (no ffmpeg, disk full) the scene stays
 * `recording` with its files, for the next start.
 */
export async function saveOpenTake(
  deps: EndTakeDeps,
  take: OpenTake,
  kind: 'stop' | 'idle',
  actingUserId: string | null,
): Promise<SavedTake | null> {
  const { journal } = take;
  try {
    await closeTakeFiles(take);
    return await saveTakeFootage(deps, {
      journal,
      sceneDir: take.sceneDir,
      endedAt: deps.now().toISOString(),
      status: kind === 'stop' ? 'recorded' : 'recovered',
      // A lost camera, or a part cut short by a new recorder, may end mid-chunk.
      tolerateTruncation:
        kind === 'idle' || journal.cameras.some((camera) => camera.lost || camera.parts.length > 0),
      actingUserId,
      auditAction: kind === 'stop' ? 'update' : 'recover',
      keep: kind === 'idle' ? 'idle' : null,
    });
  } catch (error) {
    deps.logger.error(
      { err: error, takeId: journal.takeId, sceneId: journal.sceneId },
      'take could not be saved; kept on disk for recovery at the next start',
    );
    if (error instanceof FinishBlockedError) {
      throw new AppFailure('UNAVAILABLE', error.reason === 'ffmpeg' ? FFMPEG_MISSING : DISK_REFUSED);
    }
    throw error;
  }
}

/** Throws the take away: its files go, the scene goes back to its status before the take. */
export async function discardOpenTake(
  deps: EndTakeDeps,
  take: OpenTake,
  actingUserId: string,
): Promise<void> {
  const { journal } = take;
  await closeTakeFiles(take);
  await restoreSceneBeforeTake(deps.db, journal, 'discarded', { action: 'update', actingUserId });
  await removeTakeFiles(take.sceneDir, journal, deps.logger);
}
