// Joining a camera's recorder parts (the camera was got back mid-take, a new recorder each time) into its one
// file, by stream copy through ffmpeg's concat demuxer. Each part is placed at its start relative to the first,
// so across the gap the camera stays in sync with the other one (a player holds the last frame before it).
import { rm, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { CameraNumber } from '../../shared/capture';
import { flushFile, syncDirectory } from '../files/durable';
import { probeMedia } from '../ffmpeg/probe';
import { runFfmpeg } from '../ffmpeg/run';
import { finalFileName, type FinalContainer } from './formats';
import { blockedBy, stderrTail, streamCopyTo, type RemuxedFile } from './remux';

export interface PartToJoin {
  /** The part remuxed on its own, in the scene folder. */
  file: RemuxedFile;
  /** When its recorder started, on the screen's clock; null when unknown. */
  startedAtMs: number | null;
}

/**
 * Pure: how long each part lasts in the joined file, in seconds: until the next part's start when both starts
 * are known (never shorter than the part itself, so a clock skew cannot overlap two parts), otherwise the part's
 * own length (back to back).
 */
export function partSlots(parts: readonly PartToJoin[]): number[] {
  return parts.map((part, i) => {
    const next = parts[i + 1];
    const own = part.file.durationSeconds;
    if (!next || part.startedAtMs === null || next.startedAtMs === null) return own;
    return Math.max(own, (next.startedAtMs - part.startedAtMs) / 1000);
  });
}

/** Pure: the joined file's expected length: every slot but the last, plus the last part itself. */
export function wallSpanSeconds(parts: readonly PartToJoin[]): number {
  return partSlots(parts).reduce((sum, slot) => sum + slot, 0);
}

/** Pure: the concat demuxer's list (file names relative to the list, which sits beside the parts). */
export function concatList(parts: readonly PartToJoin[]): string {
  const slots = partSlots(parts);
  const lines = ['ffconcat version 1.0'];
  parts.forEach((part, i) => {
    lines.push(`file '${part.file.fileName}'`);
    // The last part keeps its own length; the others hold their place until the next part begins.
    if (i < parts.length - 1) lines.push(`duration ${(slots[i] as number).toFixed(3)}`);
  });
  return `${lines.join('\n')}\n`;
}

/** Pure: why these parts cannot be joined by copying their streams, or null when they can. */
export function whyNotJoinable(parts: readonly PartToJoin[]): string | null {
  const [first] = parts;
  if (!first) return 'there are no parts';
  for (const part of parts.slice(1)) {
    const a = first.file;
    const b = part.file;
    if (a.container !== b.container || a.codec !== b.codec) {
      return `the parts are in different formats (${a.codec ?? '?'} in ${a.container}, ${b.codec ?? '?'} in ${b.container})`;
    }
    if (a.width !== b.width || a.height !== b.height) {
      return `the parts have different picture sizes (${a.width}×${a.height} and ${b.width}×${b.height})`;
    }
  }
  return null;
}

/** Pure: ffmpeg arguments for the join. */
export function joinArgs(options: {
  list: string;
  output: string;
  container: FinalContainer;
  withAudio: boolean;
}): string[] {
  // prettier-ignore
  return [
    '-y', '-loglevel', 'error', '-f', 'concat', '-i', options.list,
    ...streamCopyTo(options.container, options.withAudio), options.output,
  ];
}

/**
 * Joins the parts into `camera<N>.<ext>`: written under a temporary name, flushed, checked, renamed. Null when
 * ffmpeg could not join them (logged); throws FinishBlockedError when the kiosk, not the footage, is the problem.
 */
export async function joinCameraParts(request: {
  sceneDir: string;
  camera: CameraNumber;
  /** Names the join's working files, e.g. `camera2.take-1a2b3c4d`. */
  workingName: string;
  parts: PartToJoin[];
  ffmpegPath?: string;
  logger: Logger;
}): Promise<RemuxedFile | null> {
  const { sceneDir, camera, parts, logger } = request;
  const first = (parts[0] as PartToJoin).file;
  const list = path.join(sceneDir, `${request.workingName}.concat.txt`);
  const temporary = path.join(sceneDir, `${request.workingName}.join.tmp`);
  try {
    await writeFile(list, concatList(parts), 'utf8');
    let joined = false;
    for (const withAudio of [true, false]) {
      try {
        await runFfmpeg(joinArgs({ list, output: temporary, container: first.container, withAudio }), {
          ffmpegPath: request.ffmpegPath,
        });
        joined = true;
        break;
      } catch (error) {
        const blocked = blockedBy(error);
        if (blocked) throw blocked;
        logger.warn({ camera, withAudio, stderr: stderrTail(error) }, 'ffmpeg could not join the parts');
      }
    }
    if (!joined) return null;
    const bytes = await flushFile(temporary);
    const info = await probeMedia(temporary, { ffmpegPath: request.ffmpegPath });
    const expected = wallSpanSeconds(parts);
    if (!info.durationSeconds || info.durationSeconds <= 0) {
      logger.warn({ camera }, 'joined camera file has no duration');
      return null;
    }
    if (Math.abs(info.durationSeconds - expected) > 1) {
      logger.warn(
        { camera, durationSeconds: info.durationSeconds, expectedSeconds: expected },
        'joined camera file is not as long as the wall span of its parts',
      );
    }
    const fileName = finalFileName(camera, first.container);
    await rename(temporary, path.join(sceneDir, fileName));
    await syncDirectory(sceneDir);
    return { ...first, fileName, durationSeconds: info.durationSeconds, bytes };
  } catch (error) {
    const blocked = blockedBy(error);
    if (blocked) throw blocked;
    logger.warn({ camera, err: error }, 'camera parts could not be joined');
    return null;
  } finally {
    await rm(temporary, { force: true });
    await rm(list, { force: true });
  }
}
