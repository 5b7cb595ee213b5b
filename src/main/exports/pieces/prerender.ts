// Rendering a flight's pieces ahead of its video, while the next scene is filmed: every missing piece of the
// flight's current slots whose footage exists, the intro and outro included (they need no footage), then the
// sound for the video's expected length. One piece at a time, at low priority, under the hold (the renderer's
// doing). Background work must never break anything: a flight that is gone or has no footage gives zeros, and
// a piece ffmpeg cannot render is logged and ends the run (the video job will say what is wrong, in words).
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../../../db/schema';
import { readFlightCut } from '../sources';
import type { PieceEngine } from './engine';

export interface PrerenderResult {
  /** Pieces (intro, slots, outro) rendered now, and found already in the cache. */
  rendered: number;
  cached: number;
  /** Slots without footage yet. */
  waiting: number;
}

export interface PrerenderContext {
  db: Kysely<Database>;
  dataDir: string;
  utcOffsetMinutes: (at: Date) => number;
  pieces: PieceEngine;
  logger: Logger;
  operatorName: string;
  drawTitle: boolean;
  signal?: AbortSignal;
}

export async function prerenderFlight(
  context: PrerenderContext,
  recordingId: string,
): Promise<PrerenderResult> {
  const { pieces, logger, signal } = context;
  const result: PrerenderResult = { rendered: 0, cached: 0, waiting: 0 };
  try {
    const cut = await readFlightCut(context.db, context.dataDir, recordingId, context.utcOffsetMinutes);
    if (!cut) return result;
    result.waiting = cut.problems.length;
    const plan = await pieces.plan({
      source: cut,
      operatorName: context.operatorName,
      drawTitle: context.drawTitle,
      waitingSeconds: cut.problems.map((problem) => problem.slotDuration),
    });
    for (const piece of plan.pieces) {
      if (signal?.aborted) return result;
      if (await pieces.renderer.cached(piece.key, 'mp4')) {
        result.cached += 1;
        continue;
      }
      await pieces.renderer.renderPiece(piece, { signal });
      result.rendered += 1;
    }
    if (!signal?.aborted) await pieces.renderer.renderSound(plan.sound, { signal });
  } catch (error) {
    if (!signal?.aborted) {
      logger.warn(
        { err: error, recordingId },
        'a video piece could not be rendered ahead; the video job will try',
      );
    }
  }
  return result;
}
