// Checks once that the resolved ffmpeg actually runs, so the home screen can say so before anyone exports.
import { execFile } from 'node:child_process';
import type { FfmpegStatus } from '../../shared/system';

export function probeFfmpeg(resolve: () => { path: string; source: string }): Promise<FfmpegStatus> {
  let resolved: { path: string; source: string };
  try {
    resolved = resolve();
  } catch (error) {
    return Promise.resolve({
      available: false,
      message: `ffmpeg was not found: ${(error as Error).message}`,
    });
  }
  return new Promise((done) => {
    execFile(resolved.path, ['-hide_banner', '-version'], { timeout: 10_000 }, (error, stdout) => {
      if (error) {
        done({
          available: false,
          message: `ffmpeg at ${resolved.path} did not run (${error.message}). Videos cannot be exported until it does; set FFMPEG_PATH to a working ffmpeg.`,
        });
        return;
      }
      const version = /ffmpeg version (\S+)/.exec(stdout)?.[1] ?? 'unknown';
      done({ available: true, source: resolved.source, version });
    });
  });
}
