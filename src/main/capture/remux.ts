// Turns one camera's raw recorder file into the scene's playable file: ffmpeg copies the streams (no
// re-encode, so a minute of footage takes a fraction of a second) into a container with a duration and an
// index, into a temporary file that is flushed and then renamed into place.
import { open, rename, rm, stat } from 'node:fs/promises';
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
import { syncDirectory } from './take-journal';

export interface RemuxRequest {
  sceneDir: string;
  camera: CameraNumber;
  rawFile: string;
  /** The codec the screen named, or null to ask ffmpeg. */
  codec: string | null;
  /** For a file cut off mid-write (a kiosk that died): keep what decodes, drop the broken tail. */
  tolerateTruncation: boolean;
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
}

/** ffmpeg itself is missing or would not start: the footage is fine and must be kept for a later try. */
export class FfmpegUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`ffmpeg could not run: ${(cause as Error).message}`, { cause });
    this.name = 'FfmpegUnavailableError';
  }
}

function isFfmpegUnavailable(error: unknown): boolean {
  return error instanceof FfmpegNotFoundError || (error instanceof FfmpegError && error.exitCode === null);
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
  const maps = options.withAudio ? ['-map', '0:v:0', '-map', '0:a:0?'] : ['-map', '0:v:0'];
  const muxer: Record<FinalContainer, string[]> = {
    // faststart puts the index first, so the review screen can seek before the whole file has loaded.
    // Opus in MP4 was still "experimental" in ffmpeg 4.
    mp4: ['-movflags', '+faststart', '-strict', 'experimental', '-f', 'mp4'],
    webm: ['-f', 'webm'],
    mkv: ['-f', 'matroska'],
  };
  return [
    '-y',
    '-loglevel',
    'error',
    ...inputFlags,
    '-i',
    options.input,
    ...maps,
    '-c',
    'copy',
    ...muxer[options.container],
    options.output,
  ];
}

/**
 * Remuxes, checks the result has a duration, and renames it over `camera<N>.<ext>`. Null when the raw file
 * holds nothing playable (logged with ffmpeg's reason); throws FfmpegUnavailableError when ffmpeg cannot run.
 */
export async function remuxCameraFile(request: RemuxRequest): Promise<RemuxedFile | null> {
  const { sceneDir, camera, rawFile, logger } = request;
  const input = path.join(sceneDir, rawFile);
  const rawContainer = path.extname(rawFile).slice(1) as RawContainer;
  const temporary = `${input}.remux.tmp`;
  try {
    const codec = request.codec ?? (await probeCodec(input, request));
    const container = finalContainerFor(codec, rawContainer);
    const attempts = [true, false]; // with the audio track if there is one, then video alone
    let remuxed = false;
    for (const withAudio of attempts) {
      try {
        await runFfmpeg(
          remuxArgs({
            input,
            output: temporary,
            container,
            withAudio,
            tolerateTruncation: request.tolerateTruncation,
          }),
          { ffmpegPath: request.ffmpegPath },
        );
        remuxed = true;
        break;
      } catch (error) {
        if (isFfmpegUnavailable(error)) throw new FfmpegUnavailableError(error);
        logger.warn(
          { camera, rawFile, withAudio, stderr: stderrTail(error) },
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
    const fileName = finalFileName(camera, container);
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
    };
  } catch (error) {
    if (error instanceof FfmpegUnavailableError) throw error;
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
    if (isFfmpegUnavailable(error)) throw new FfmpegUnavailableError(error);
    throw error;
  }
}

async function flushFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function stderrTail(error: unknown): string {
  if (error instanceof FfmpegError) return error.stderr.trim().split(/\r?\n/).slice(-8).join('\n');
  return (error as Error).message;
}
