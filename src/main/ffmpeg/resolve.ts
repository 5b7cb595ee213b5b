// Finds the ffmpeg binary, in one place, so capture, export and the demo all run the same one.
// Order: FFMPEG_PATH (an operator's explicit choice), ffmpeg-static (optional dependency),
// @ffmpeg-installer/ffmpeg, then ffmpeg on PATH.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { outsideAsar } from '../files/asar';

export type FfmpegSource = 'env' | 'ffmpeg-static' | 'ffmpeg-installer' | 'path';

export interface ResolvedFfmpeg {
  path: string;
  source: FfmpegSource;
}

/** What resolution looks at; tests replace parts of it. */
export interface FfmpegLookup {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** Loads an npm package, or throws when it is not installed. */
  requirePackage(id: string): unknown;
  isExecutableFile(path: string): boolean;
}

const nodeRequire = createRequire(import.meta.url);

export const systemLookup: FfmpegLookup = {
  env: process.env,
  platform: process.platform,
  requirePackage: (id) => nodeRequire(id),
  isExecutableFile(path) {
    try {
      if (!statSync(path).isFile()) return false;
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};

export class FfmpegNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FfmpegNotFoundError';
  }
}

function packagePath(lookup: FfmpegLookup, id: string, pick: (exported: unknown) => unknown): string | null {
  try {
    const candidate = pick(lookup.requirePackage(id));
    if (typeof candidate !== 'string' || candidate === '') return null;
    const path = outsideAsar(candidate);
    return lookup.isExecutableFile(path) ? path : null;
  } catch {
    // Not installed, or installed without a binary for this platform: try the next source.
    return null;
  }
}

export function resolveFfmpeg(overrides: Partial<FfmpegLookup> = {}): ResolvedFfmpeg {
  const lookup: FfmpegLookup = { ...systemLookup, ...overrides };

  const fromEnv = lookup.env.FFMPEG_PATH?.trim();
  if (fromEnv) {
    // An explicit choice that is wrong must be loud, not silently replaced by another ffmpeg.
    if (!lookup.isExecutableFile(fromEnv)) {
      throw new FfmpegNotFoundError(`FFMPEG_PATH is set to ${fromEnv}, but no executable file is there.`);
    }
    return { path: fromEnv, source: 'env' };
  }

  const fromStatic = packagePath(lookup, 'ffmpeg-static', (exported) => exported);
  if (fromStatic) return { path: fromStatic, source: 'ffmpeg-static' };

  const fromInstaller = packagePath(lookup, '@ffmpeg-installer/ffmpeg', (exported) =>
    typeof exported === 'object' && exported !== null ? (exported as { path?: unknown }).path : null,
  );
  if (fromInstaller) return { path: fromInstaller, source: 'ffmpeg-installer' };

  const binary = lookup.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  for (const dir of (lookup.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    if (lookup.isExecutableFile(candidate)) return { path: candidate, source: 'path' };
  }

  throw new FfmpegNotFoundError(
    'ffmpeg was not found. Set FFMPEG_PATH to an ffmpeg binary, install ffmpeg-static or @ffmpeg-installer/ffmpeg, or put ffmpeg on PATH.',
  );
}
