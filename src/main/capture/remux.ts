// Turns one camera's raw recorder file into the scene's playable file: ffmpeg copies the streams (no
// re-encode, so a minute of footage takes a fraction of a second) into a container with a duration and an
// index, into a temporary file that is flushed and then renamed into place.
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { CameraNumber } from '../../shared/capture';
import { probeMedia } from '../ffmpeg/probe';
import { FfmpegNotFoundError } from '../ffmpeg/resolve';
import { FfmpegError, runFfmpeg } from '../ffmpeg/run';
import {
  finalContainerFor,
  finalFileName,
  normaliseCodec,
  type FinalContainer,
  type RawContainer,
} from './formats';
import { flushFile, syncDirectory } from '../files/durable';

export interface RemuxRequest {
  sceneDir: string;
  camera: CameraNumber;
  rawFile: string;
  /** The codec the screen named, or null to ask ffmpeg. */
  codec: string | null;
  /** For a file cut off mid-write (a kiosk that died): keep what decodes, drop the broken tail. */
  tolerateTruncation: boolean;
  /** The finished file's name in the scene folder; `camera<N>.<ext>` when left out. */
  outputName?: (container: FinalContainer) => string;
  /** Where to read the footage from instead of the raw file (a rebuilt copy of a damaged one). */
  inputPath?: string;
  ffmpegPath?: string;
  logger: Logger;
}

export interface RemuxedFile {
  camera: CameraNumber;
  fileName: string;
  container: FinalContainer;
  codec: string | null;
  durationSeconds: number;
  bytes: number;
  width: number | null;
  height: number | null;
}

/**
 * The footage may be fine but the kiosk cannot finish it now: ffmpeg is missing or would not start, or the
 * disk refused the finished file. The raw files must be kept for a later try, never taken as unusable.
 */
export class FinishBlockedError extends Error {
  constructor(
    readonly reason: 'ffmpeg' | 'disk',
    cause: unknown,
  ) {
    super(
      `${reason === 'ffmpeg' ? 'ffmpeg could not run' : 'the disk refused the file'}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
    this.name = 'FinishBlockedError';
  }
}

const DISK_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS']);

/** Is this failure about the kiosk rather than the footage? Null when it is the footage. */
export function blockedBy(error: unknown): FinishBlockedError | null {
  if (error instanceof FinishBlockedError) return error;
  if (error instanceof FfmpegNotFoundError || (error instanceof FfmpegError && error.exitCode === null)) {
    return new FinishBlockedError('ffmpeg', error);
  }
  if (
    error instanceof FfmpegError &&
    /No space left on device|Disk quota exceeded|Read-only file system/i.test(error.stderr)
  ) {
    return new FinishBlockedError('disk', error);
  }
  if (DISK_ERRORS.has((error as NodeJS.ErrnoException | null)?.code ?? ''))
    return new FinishBlockedError('disk', error);
  return null;
}

/** Pure: the ffmpeg arguments for one remux. */
export function remuxArgs(options: {
  input: string;
  output: string;
  container: FinalContainer;
  withAudio: boolean;
  tolerateTruncation: boolean;
}): string[] {
  // Recorder files carry timestamps but no index; genpts fills any packet that lacks one.
  const inputFlags = options.tolerateTruncation
    ? ['-fflags', '+genpts+discardcorrupt', '-err_detect', 'ignore_err']
    : ['-fflags', '+genpts'];
  return [
    '-y',
    '-loglevel',
    'error',
    ...inputFlags,
    '-i',
    options.input,
    ...streamCopyTo(options.container, options.withAudio),
    options.output,
  ];
}

/** Pure: the maps, stream copy and muxer options that write a camera's final file (remux and the parts' join). */
export function streamCopyTo(container: FinalContainer, withAudio: boolean): string[] {
  const maps = withAudio ? ['-map', '0:v:0', '-map', '0:a:0?'] : ['-map', '0:v:0'];
  const muxer: Record<FinalContainer, string[]> = {
    // faststart puts the index first, so the review screen can seek before the whole file has loaded.
    // Opus in MP4 was still "experimental" in ffmpeg 4.
    mp4: ['-movflags', '+faststart', '-strict', 'experimental', '-f', 'mp4'],
    webm: ['-f', 'webm'],
    mkv: ['-f', 'matroska'],
  };
  return [...maps, '-c', 'copy', ...muxer[container]];
}

/**
 * Remuxes, checks the result has a duration, and renames it over `camera<N>.<ext>` (or `outputName`). Null when
 * the raw file holds nothing playable (logged with ffmpeg's reason); throws FinishBlockedError when the kiosk,
 * not the footage, is the problem.
 */
export async function remuxCameraFile(request: RemuxRequest): Promise<RemuxedFile | null> {
  const { sceneDir, camera, rawFile, logger } = request;
  const input = request.inputPath ?? path.join(sceneDir, rawFile);
  const rawContainer = path.extname(rawFile).slice(1) as RawContainer;
  const temporary = `${path.join(sceneDir, rawFile)}.remux.tmp`;
  try {
    const codec = request.codec ?? (await probeCodec(input, request));
    const container = finalContainerFor(codec, rawContainer);
    // With the audio track if there is one, then video alone; then, for a file that looked whole, as if cut off.
    const attempts = [
      { withAudio: true, tolerateTruncation: request.tolerateTruncation },
      { withAudio: false, tolerateTruncation: request.tolerateTruncation },
      ...(request.tolerateTruncation ? [] : [{ withAudio: false, tolerateTruncation: true }]),
    ];
    let remuxed = false;
    for (const attempt of attempts) {
      try {
        await runFfmpeg(remuxArgs({ input, output: temporary, container, ...attempt }), {
          ffmpegPath: request.ffmpegPath,
        });
        remuxed = true;
        break;
      } catch (error) {
        const blocked = blockedBy(error);
        if (blocked) throw blocked;
        logger.warn(
          { camera, rawFile, ...attempt, stderr: stderrTail(error) },
          'ffmpeg could not remux a camera file',
        );
      }
    }
    if (!remuxed) return null;

    await flushFile(temporary);
    const info = await probeMedia(temporary, { ffmpegPath: request.ffmpegPath });
    if (!info.durationSeconds || info.durationSeconds <= 0) {
      logger.warn({ camera, rawFile }, 'remuxed camera file has no duration; nothing usable');
      return null;
    }
    const fileName = request.outputName?.(container) ?? finalFileName(camera, container);
    await rename(temporary, path.join(sceneDir, fileName));
    await syncDirectory(sceneDir);
    const { size } = await stat(path.join(sceneDir, fileName));
    return {
      camera,
      fileName,
      container,
      codec: normaliseCodec(info.videoCodec ?? '') ?? info.videoCodec ?? codec,
      durationSeconds: info.durationSeconds,
      bytes: size,
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    const blocked = blockedBy(error);
    if (blocked) throw blocked;
    logger.warn({ camera, rawFile, err: error }, 'camera file could not be finalised');
    return null;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function probeCodec(input: string, request: RemuxRequest): Promise<string | null> {
  try {
    const info = await probeMedia(input, { ffmpegPath: request.ffmpegPath });
    return info.videoCodec ? (normaliseCodec(info.videoCodec) ?? info.videoCodec) : null;
  } catch (error) {
    throw blockedBy(error) ?? error;
  }
}

export function stderrTail(error: unknown): string {
  if (error instanceof FfmpegError) return error.stderr.trim().split(/\r?\n/).slice(-8).join('\n');
  return (error as Error).message;
}
