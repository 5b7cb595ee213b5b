import { describe, expect, it } from 'vitest';
import { FfmpegNotFoundError, resolveFfmpeg } from './resolve';
import type { FfmpegLookup } from './resolve';

/** A machine where only the listed files exist and only the listed packages are installed. */
function machine(
  files: string[],
  packages: Record<string, unknown>,
  env: Record<string, string> = {},
): Partial<FfmpegLookup> {
  return {
    env,
    platform: 'linux',
    isExecutableFile: (path) => files.includes(path),
    requirePackage: (id) => {
      if (!(id in packages)) throw new Error(`Cannot find module '${id}'`);
      return packages[id];
    },
  };
}

const STATIC = '/app/node_modules/ffmpeg-static/ffmpeg';
const INSTALLER = '/app/node_modules/@ffmpeg-installer/linux-x64/ffmpeg';
const PACKAGES = { 'ffmpeg-static': STATIC, '@ffmpeg-installer/ffmpeg': { path: INSTALLER } };

describe('resolveFfmpeg', () => {
  it('prefers FFMPEG_PATH over every package', () => {
    const lookup = machine(['/opt/ffmpeg', STATIC, INSTALLER], PACKAGES, { FFMPEG_PATH: '/opt/ffmpeg' });
    expect(resolveFfmpeg(lookup)).toEqual({ path: '/opt/ffmpeg', source: 'env' });
  });

  it('refuses an FFMPEG_PATH that points at nothing instead of silently using another ffmpeg', () => {
    const lookup = machine([STATIC], PACKAGES, { FFMPEG_PATH: '/opt/missing' });
    expect(() => resolveFfmpeg(lookup)).toThrow(/FFMPEG_PATH is set to \/opt\/missing/);
  });

  it('uses ffmpeg-static when it is installed and its binary exists', () => {
    expect(resolveFfmpeg(machine([STATIC, INSTALLER], PACKAGES))).toEqual({
      path: STATIC,
      source: 'ffmpeg-static',
    });
  });

  it('falls back to @ffmpeg-installer when ffmpeg-static is not installed', () => {
    const lookup = machine([INSTALLER], { '@ffmpeg-installer/ffmpeg': { path: INSTALLER } });
    expect(resolveFfmpeg(lookup)).toEqual({ path: INSTALLER, source: 'ffmpeg-installer' });
  });

  it('falls back to @ffmpeg-installer when ffmpeg-static is installed without its binary', () => {
    expect(resolveFfmpeg(machine([INSTALLER], PACKAGES))).toEqual({
      path: INSTALLER,
      source: 'ffmpeg-installer',
    });
  });

  it('falls back to ffmpeg on PATH when neither package is usable', () => {
    const lookup = machine(['/usr/bin/ffmpeg'], {}, { PATH: '/usr/local/bin:/usr/bin' });
    expect(resolveFfmpeg(lookup)).toEqual({ path: '/usr/bin/ffmpeg', source: 'path' });
  });

  it('says how to fix it when there is no ffmpeg anywhere', () => {
    const lookup = machine([], {}, { PATH: '/usr/bin' });
    expect(() => resolveFfmpeg(lookup)).toThrow(FfmpegNotFoundError);
    expect(() => resolveFfmpeg(lookup)).toThrow(/Set FFMPEG_PATH/);
  });

  it('looks beside the asar archive in a packaged app, where binaries are unpacked', () => {
    const packed = '/opt/Magnum/resources/app.asar/node_modules/ffmpeg-static/ffmpeg';
    const unpacked = '/opt/Magnum/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg';
    expect(resolveFfmpeg(machine([unpacked], { 'ffmpeg-static': packed }))).toEqual({
      path: unpacked,
      source: 'ffmpeg-static',
    });
  });

  it('finds the @ffmpeg-installer binary this project depends on, on this machine', () => {
    const resolved = resolveFfmpeg({ env: { PATH: '' } });
    expect(resolved.source).toBe('ffmpeg-installer');
    expect(resolved.path).toMatch(/@ffmpeg-installer/);
  });
});
