// Finds the ffmpeg binary, in one place, so capture, export and the demo all run the same one.
// Order:
//   1. FFMPEG_PATH: an operator's explicit choice, loud when it points at nothing.
//   2. ffmpeg on PATH whose `-version` says 5 or later: Debian's `ffmpeg` package (the deb declares it), kept
//      current by the system's updates. Its version is read once per process (that runs it).
//   3. The packaged app's own build, <resources>/ffmpeg/ffmpeg[.exe]: fetched for the package's target platform
//      and arch (scripts/fetch-ffmpeg.mjs, electron-builder.yml's extraResources). Before the npm packages, since
//      in a packaged app those hold the build machine's binary, which may not even run on the target.
//   4. ffmpeg-static (optional dependency; its download fails on some machines).
//   5. @ffmpeg-installer/ffmpeg: always installed, but a git build of December 2018 (4.1 era).
//   6. An ffmpeg on PATH older than 5, or one whose version cannot be read: still better than none, but after the
//      bundled builds, since those are known to have libx264 and drawtext and an old system build may not.
// ffprobe (only tests and tools use it) is resolved by resolveFfprobe: FFPROBE_PATH, beside the ffmpeg in use (the
// packaged app's pair sits together), the packaged app's own, the @ffprobe-installer package, then PATH.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import type { FfmpegSource } from '../../shared/system';
import { outsideAsar } from '../files/asar';
import { parseFfmpegVersion } from './version';

export type { FfmpegSource };

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
  /** What `<path> -version` prints, or null when it does not run. */
  versionOf(path: string): string | null;
  /**
   * Electron's process.resourcesPath (set in its main and utility processes, undefined under Node). Only the
   * packaged app has an ffmpeg folder there; under `npm start` it is Electron's own resources folder, without one.
   */
  resourcesPath: string | undefined;
}

const nodeRequire = createRequire(import.meta.url);

export const systemLookup: FfmpegLookup = {
  env: process.env,
  platform: process.platform,
  requirePackage: (id) => nodeRequire(id),
  // MAGNUMSTREAM_RESOURCES_PATH: for a process Electron does not give resourcesPath to (the main process can pass
  // it on in the environment of the processes it starts).
  resourcesPath:
    (process as { resourcesPath?: string }).resourcesPath ?? process.env.MAGNUMSTREAM_RESOURCES_PATH,
  isExecutableFile(path) {
    try {
      if (!statSync(path).isFile()) return false;
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  versionOf(path) {
    try {
      return execFileSync(path, ['-version'], {
        encoding: 'utf8',
        timeout: 10_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return null;
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

/** The packaged app's own ffmpeg or ffprobe for its target (see electron-builder.yml), when there is one. */
export function packagedBinary(lookup: FfmpegLookup, name: 'ffmpeg' | 'ffprobe'): string | null {
  if (!lookup.resourcesPath) return null;
  const candidate = join(lookup.resourcesPath, 'ffmpeg', lookup.platform === 'win32' ? `${name}.exe` : name);
  return lookup.isExecutableFile(candidate) ? candidate : null;
}

const pathOf = (exported: unknown) =>
  typeof exported === 'object' && exported !== null ? (exported as { path?: unknown }).path : null;

/** Every executable called `name` on PATH, in PATH's order. */
function onPath(lookup: FfmpegLookup, name: string): string[] {
  const binary = lookup.platform === 'win32' ? `${name}.exe` : name;
  const found: string[] = [];
  for (const dir of (lookup.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    if (lookup.isExecutableFile(candidate) && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}

/** Resolution runs the system's ffmpeg to read its version, so the answer is kept for the process. */
const resolvedForEnvironment = new Map<string, ResolvedFfmpeg>();

export function resolveFfmpeg(overrides: Partial<FfmpegLookup> = {}): ResolvedFfmpeg {
  if (Object.keys(overrides).length > 0) return resolveWith({ ...systemLookup, ...overrides });
  // Keyed by what the answer depends on, so a test or script that changes FFMPEG_PATH is not given a stale one.
  const key = `${process.env.FFMPEG_PATH ?? ''}\0${process.env.PATH ?? ''}`;
  let resolved = resolvedForEnvironment.get(key);
  if (!resolved) {
    resolved = resolveWith(systemLookup);
    resolvedForEnvironment.set(key, resolved);
  }
  return resolved;
}

function resolveWith(lookup: FfmpegLookup): ResolvedFfmpeg {
  const fromEnv = lookup.env.FFMPEG_PATH?.trim();
  if (fromEnv) {
    // An explicit choice that is wrong must be loud, not silently replaced by another ffmpeg.
    if (!lookup.isExecutableFile(fromEnv)) {
      throw new FfmpegNotFoundError(`FFMPEG_PATH is set to ${fromEnv}, but no executable file is there.`);
    }
    return { path: fromEnv, source: 'env' };
  }

  let oldSystem: string | null = null;
  for (const candidate of onPath(lookup, 'ffmpeg')) {
    const output = lookup.versionOf(candidate);
    if (output === null) continue; // Does not run: not an ffmpeg to use at all.
    if (parseFfmpegVersion(output)?.current) return { path: candidate, source: 'system' };
    oldSystem ??= candidate;
  }

  const fromPackage = packagedBinary(lookup, 'ffmpeg');
  if (fromPackage) return { path: fromPackage, source: 'packaged' };

  const fromStatic = packagePath(lookup, 'ffmpeg-static', (exported) => exported);
  if (fromStatic) return { path: fromStatic, source: 'ffmpeg-static' };

  const fromInstaller = packagePath(lookup, '@ffmpeg-installer/ffmpeg', pathOf);
  if (fromInstaller) return { path: fromInstaller, source: 'ffmpeg-installer' };

  if (oldSystem) return { path: oldSystem, source: 'system' };

  throw new FfmpegNotFoundError(
    'ffmpeg was not found. Install ffmpeg 5 or later (on Debian: apt install ffmpeg), or set FFMPEG_PATH to an ffmpeg binary.',
  );
}

export type FfprobeSource = 'env' | 'beside-ffmpeg' | 'packaged' | 'ffprobe-installer' | 'system';

export interface ResolvedFfprobe {
  path: string;
  source: FfprobeSource;
}

/**
 * ffprobe from the same build as the ffmpeg in use where there is one (Debian's sits beside its ffmpeg; the
 * npm ffmpeg packages ship none), so what is checked was read by the same libraries that wrote it.
 */
export function resolveFfprobe(overrides: Partial<FfmpegLookup> = {}): ResolvedFfprobe {
  const lookup: FfmpegLookup = { ...systemLookup, ...overrides };

  const fromEnv = lookup.env.FFPROBE_PATH?.trim();
  if (fromEnv) {
    if (!lookup.isExecutableFile(fromEnv)) {
      throw new FfmpegNotFoundError(`FFPROBE_PATH is set to ${fromEnv}, but no executable file is there.`);
    }
    return { path: fromEnv, source: 'env' };
  }

  let ffmpeg: ResolvedFfmpeg | null = null;
  try {
    ffmpeg = resolveFfmpeg(overrides);
  } catch {
    // No ffmpeg: an ffprobe may still be installed on its own.
  }
  if (ffmpeg) {
    const beside = join(dirname(ffmpeg.path), lookup.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
    if (lookup.isExecutableFile(beside)) return { path: beside, source: 'beside-ffmpeg' };
  }

  const fromPackage = packagedBinary(lookup, 'ffprobe');
  if (fromPackage) return { path: fromPackage, source: 'packaged' };

  const fromInstaller = packagePath(lookup, '@ffprobe-installer/ffprobe', pathOf);
  if (fromInstaller) return { path: fromInstaller, source: 'ffprobe-installer' };

  const fromPath = onPath(lookup, 'ffprobe')[0];
  if (fromPath) return { path: fromPath, source: 'system' };

  throw new FfmpegNotFoundError(
    'ffprobe was not found. Install ffmpeg 5 or later (on Debian: apt install ffmpeg, which brings ffprobe), or set FFPROBE_PATH.',
  );
}
