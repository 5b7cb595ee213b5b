// Checks once that the resolved ffmpeg actually runs and what it can do, so the home screen can say so before
// anyone exports, and the export knows whether it may draw the title.
import { execFile } from 'node:child_process';
import type { FfmpegFeatures, FfmpegSource, FfmpegStatus } from '../../shared/system';
import { parseFfmpegVersion } from '../ffmpeg/version';

const run = (file: string, args: string[]) =>
  new Promise<string>((resolve, reject) => {
    execFile(
      file,
      ['-hide_banner', ...args],
      { timeout: 10_000, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });

/** Pure: the features from `ffmpeg -filters` and `ffmpeg -encoders` output (one name per line, second column). */
export function parseFfmpegFeatures(filters: string, encoders: string): FfmpegFeatures {
  const names = (text: string) =>
    new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim().split(/\s+/)[1])
        .filter((name): name is string => Boolean(name)),
    );
  const filterNames = names(filters);
  return {
    libx264: names(encoders).has('libx264'),
    drawtext: filterNames.has('drawtext'),
    xfade: filterNames.has('xfade'),
  };
}

export async function probeFfmpeg(
  resolve: () => { path: string; source: FfmpegSource },
): Promise<FfmpegStatus> {
  let resolved: { path: string; source: FfmpegSource };
  try {
    resolved = resolve();
  } catch (error) {
    return { available: false, message: `ffmpeg was not found: ${(error as Error).message}` };
  }
  try {
    const [version, filters, encoders] = await Promise.all([
      run(resolved.path, ['-version']),
      run(resolved.path, ['-filters']),
      run(resolved.path, ['-encoders']),
    ]);
    const features = parseFfmpegFeatures(filters, encoders);
    if (!features.libx264) {
      return {
        available: false,
        message: `ffmpeg at ${resolved.path} cannot encode H.264 (no libx264), so videos cannot be exported. Set FFMPEG_PATH to an ffmpeg built with libx264.`,
      };
    }
    // A version that cannot be read is not trusted to be current: Home then asks for ffmpeg 5 or later.
    const parsed = parseFfmpegVersion(version);
    return {
      available: true,
      source: resolved.source,
      path: resolved.path,
      version: /ffmpeg version (\S+)/.exec(version)?.[1] ?? 'unknown',
      label: parsed?.label ?? 'ffmpeg of unknown version',
      current: parsed?.current ?? false,
      features,
    };
  } catch (error) {
    return {
      available: false,
      message: `ffmpeg at ${resolved.path} did not run (${(error as Error).message}). Videos cannot be exported until it does; set FFMPEG_PATH to a working ffmpeg.`,
    };
  }
}
