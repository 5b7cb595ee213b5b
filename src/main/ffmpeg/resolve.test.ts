import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FfmpegNotFoundError, resolveFfmpeg, resolveFfprobe, systemLookup } from './resolve';
import type { FfmpegLookup } from './resolve';
import { parseFfmpegVersion } from './version';

/**
 * A machine where only the listed files exist, only the listed packages are installed, and each binary prints
 * the given `-version` (a file without one does not run).
 */
function machine(
  files: Record<string, string | null>,
  packages: Record<string, unknown>,
  env: Record<string, string> = {},
): Partial<FfmpegLookup> & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    env,
    platform: 'linux',
    isExecutableFile: (path) => path in files,
    requirePackage: (id) => {
      if (!(id in packages)) throw new Error(`Cannot find module '${id}'`);
      return packages[id];
    },
    versionOf: (path) => {
      ran.push(path);
      return files[path] ?? null;
    },
  };
}

const DEBIAN = 'ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers';
const UBUNTU_2004 = 'ffmpeg version 4.2.7-0ubuntu0.1 Copyright (c) 2000-2022 the FFmpeg developers';
const GIT_2024 = 'ffmpeg version N-113512-g7b5a3c8f6a Copyright (c) 2000-2024 the FFmpeg developers';
const INSTALLER_2018 =
  'ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers';
const STATIC = '/app/node_modules/ffmpeg-static/ffmpeg';
const INSTALLER = '/app/node_modules/@ffmpeg-installer/linux-x64/ffmpeg';
const BUNDLED = { [STATIC]: 'ffmpeg version 6.1.1-static', [INSTALLER]: INSTALLER_2018 };
const PACKAGES = { 'ffmpeg-static': STATIC, '@ffmpeg-installer/ffmpeg': { path: INSTALLER } };
const PATH = '/usr/local/bin:/usr/bin';

describe('resolveFfmpeg', () => {
  it('prefers FFMPEG_PATH over every other ffmpeg, without running any', () => {
    const lookup = machine(
      { '/opt/ffmpeg': INSTALLER_2018, '/usr/bin/ffmpeg': DEBIAN, ...BUNDLED },
      PACKAGES,
      { FFMPEG_PATH: '/opt/ffmpeg', PATH },
    );
    expect(resolveFfmpeg(lookup)).toEqual({ path: '/opt/ffmpeg', source: 'env' });
    expect(lookup.ran).toEqual([]);
  });

  it('refuses an FFMPEG_PATH that points at nothing instead of silently using another ffmpeg', () => {
    const lookup = machine({ '/usr/bin/ffmpeg': DEBIAN, ...BUNDLED }, PACKAGES, {
      FFMPEG_PATH: '/opt/missing',
      PATH,
    });
    expect(() => resolveFfmpeg(lookup)).toThrow(FfmpegNotFoundError);
    expect(() => resolveFfmpeg(lookup)).toThrow(/FFMPEG_PATH is set to \/opt\/missing/);
  });

  it("prefers the system's ffmpeg 5 over the bundled ones", () => {
    const lookup = machine({ '/usr/bin/ffmpeg': DEBIAN, ...BUNDLED }, PACKAGES, { PATH });
    expect(resolveFfmpeg(lookup)).toEqual({ path: '/usr/bin/ffmpeg', source: 'system' });
  });

  it('takes a system ffmpeg built from git since 2022 as current', () => {
    const lookup = machine({ '/usr/local/bin/ffmpeg': GIT_2024, ...BUNDLED }, PACKAGES, { PATH });
    expect(resolveFfmpeg(lookup)).toEqual({ path: '/usr/local/bin/ffmpeg', source: 'system' });
  });

  it('skips an old ffmpeg earlier on PATH for a current one later on PATH', () => {
    const lookup = machine({ '/usr/local/bin/ffmpeg': UBUNTU_2004, '/usr/bin/ffmpeg': DEBIAN }, {}, { PATH });
    expect(resolveFfmpeg(lookup)).toEqual({ path: '/usr/bin/ffmpeg', source: 'system' });
  });

  it('puts a system ffmpeg 4 after the bundled ffmpeg-static', () => {
    const lookup = machine({ '/usr/bin/ffmpeg': UBUNTU_2004, ...BUNDLED }, PACKAGES, { PATH });
    expect(resolveFfmpeg(lookup)).toEqual({ path: STATIC, source: 'ffmpeg-static' });
  });

  it('puts a system ffmpeg from 2018 git after the bundled ones too', () => {
    const lookup = machine({ '/usr/bin/ffmpeg': INSTALLER_2018, [INSTALLER]: INSTALLER_2018 }, PACKAGES, {
      PATH,
    });
    expect(resolveFfmpeg(lookup)).toEqual({ path: INSTALLER, source: 'ffmpeg-installer' });
  });

  it('does not trust a system ffmpeg whose version cannot be read over the bundled ones', () => {
    const lookup = machine({ '/usr/bin/ffmpeg': 'ffmpeg wrapper 1.0', ...BUNDLED }, PACKAGES, { PATH });
    expect(resolveFfmpeg(lookup)).toEqual({ path: STATIC, source: 'ffmpeg-static' });
  });

  it('falls back to @ffmpeg-installer when ffmpeg-static is not installed', () => {
    const lookup = machine(BUNDLED, { '@ffmpeg-installer/ffmpeg': { path: INSTALLER } }, { PATH });
    expect(resolveFfmpeg(lookup)).toEqual({ path: INSTALLER, source: 'ffmpeg-installer' });
  });

  it('falls back to @ffmpeg-installer when ffmpeg-static is installed without its binary', () => {
    const lookup = machine({ [INSTALLER]: INSTALLER_2018 }, PACKAGES, { PATH });
    expect(resolveFfmpeg(lookup)).toEqual({ path: INSTALLER, source: 'ffmpeg-installer' });
  });

  it('uses an old system ffmpeg when no bundled one is usable: better than none', () => {
    const lookup = machine({ '/usr/bin/ffmpeg': UBUNTU_2004 }, {}, { PATH });
    expect(resolveFfmpeg(lookup)).toEqual({ path: '/usr/bin/ffmpeg', source: 'system' });
  });

  it('never uses an ffmpeg on PATH that does not run', () => {
    const lookup = machine({ '/usr/bin/ffmpeg': null }, {}, { PATH });
    expect(() => resolveFfmpeg(lookup)).toThrow(FfmpegNotFoundError);
  });

  it('says how to fix it when there is no ffmpeg anywhere', () => {
    const lookup = machine({}, {}, { PATH });
    expect(() => resolveFfmpeg(lookup)).toThrow(/Install ffmpeg 5 or later.*or set FFMPEG_PATH/);
  });

  it('looks beside the asar archive in a packaged app, where binaries are unpacked', () => {
    const packed = '/opt/Magnum/resources/app.asar/node_modules/ffmpeg-static/ffmpeg';
    const unpacked = '/opt/Magnum/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg';
    expect(resolveFfmpeg(machine({ [unpacked]: null }, { 'ffmpeg-static': packed }))).toEqual({
      path: unpacked,
      source: 'ffmpeg-static',
    });
  });

  it('looks for ffmpeg.exe on PATH on Windows', () => {
    // PATH is split the host's way (this runs on Linux), so the folder has no drive letter here.
    const lookup = machine(
      { '/ffmpeg/bin/ffmpeg.exe': DEBIAN, '/ffmpeg/bin/ffmpeg': DEBIAN },
      {},
      { PATH: '/ffmpeg/bin' },
    );
    expect(resolveFfmpeg({ ...lookup, platform: 'win32' })).toEqual({
      path: '/ffmpeg/bin/ffmpeg.exe',
      source: 'system',
    });
  });

  it('finds the bundled @ffmpeg-installer binary this project depends on, on this machine', () => {
    const resolved = resolveFfmpeg({ env: { PATH: '' } });
    expect(resolved.source).toBe('ffmpeg-installer');
    expect(resolved.path).toMatch(/@ffmpeg-installer/);
  });

  const systemFfmpeg = ['/usr/bin/ffmpeg', '/usr/local/bin/ffmpeg'].find(
    (path) => parseFfmpegVersion(systemLookup.versionOf(path) ?? '')?.current,
  );
  // Skipped where there is no system ffmpeg 5 (CI installs Debian's, so it runs there), and in the installer-ffmpeg
  // run, where FFMPEG_PATH deliberately chooses another; every branch of the order is covered above with a lookup.
  it.skipIf(!systemFfmpeg || process.env.FFMPEG_PATH)("uses this machine's system ffmpeg 5 or later", () => {
    expect(resolveFfmpeg()).toMatchObject({ source: 'system' });
    expect(resolveFfmpeg()).toBe(resolveFfmpeg());
  });
});

describe('resolveFfprobe', () => {
  it('prefers FFPROBE_PATH, and is loud when it points at nothing', () => {
    const files = { '/opt/ffprobe': null, '/usr/bin/ffmpeg': DEBIAN, '/usr/bin/ffprobe': null };
    expect(resolveFfprobe(machine(files, {}, { FFPROBE_PATH: '/opt/ffprobe', PATH }))).toEqual({
      path: '/opt/ffprobe',
      source: 'env',
    });
    expect(() => resolveFfprobe(machine(files, {}, { FFPROBE_PATH: '/opt/none', PATH }))).toThrow(
      /FFPROBE_PATH is set to \/opt\/none/,
    );
  });

  it('takes the ffprobe beside the ffmpeg in use', () => {
    const files = { '/usr/bin/ffmpeg': DEBIAN, '/usr/bin/ffprobe': null, '/opt/x/ffprobe': null };
    const packages = { '@ffprobe-installer/ffprobe': { path: '/opt/x/ffprobe' } };
    expect(resolveFfprobe(machine(files, packages, { PATH }))).toEqual({
      path: '/usr/bin/ffprobe',
      source: 'beside-ffmpeg',
    });
  });

  it('uses @ffprobe-installer when the ffmpeg in use has none beside it, then ffprobe on PATH', () => {
    const files = { [INSTALLER]: INSTALLER_2018, '/opt/x/ffprobe': null, '/usr/bin/ffprobe': null };
    const ffmpegOnly = { '@ffmpeg-installer/ffmpeg': { path: INSTALLER } };
    const packages = { ...ffmpegOnly, '@ffprobe-installer/ffprobe': { path: '/opt/x/ffprobe' } };
    expect(resolveFfprobe(machine(files, packages, { PATH }))).toEqual({
      path: '/opt/x/ffprobe',
      source: 'ffprobe-installer',
    });
    expect(resolveFfprobe(machine(files, ffmpegOnly, { PATH }))).toEqual({
      path: '/usr/bin/ffprobe',
      source: 'system',
    });
  });

  it('says how to fix it when there is no ffprobe anywhere', () => {
    expect(() => resolveFfprobe(machine({}, {}, { PATH }))).toThrow(/ffprobe was not found.*FFPROBE_PATH/);
  });

  // Skipped without Debian's ffmpeg package (it brings both; CI installs it, so it runs there); the ffprobe order
  // itself is covered above with a lookup.
  it.skipIf(!existsSync('/usr/bin/ffprobe') || !systemLookup.isExecutableFile('/usr/bin/ffmpeg'))(
    "finds this machine's ffprobe and runs it",
    () => {
      const { path } = resolveFfprobe();
      expect(systemLookup.versionOf(path)).toMatch(/^ffprobe version/);
    },
  );
});

describe('the packaged app (real files in a temp dir)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** An executable shell script at `path` that prints `banner` as its `-version`. */
  function fakeBinary(path: string, banner: string): string {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `#!/bin/sh\necho '${banner}'\n`);
    chmodSync(path, 0o755);
    return path;
  }

  /** resources/ffmpeg/{ffmpeg,ffprobe} as electron-builder lays them out, an npm ffmpeg, and a PATH folder. */
  function packagedMachine() {
    const root = mkdtempSync(join(tmpdir(), 'magnum-resources-'));
    dirs.push(root);
    const resourcesPath = join(root, 'resources');
    const ffmpeg = fakeBinary(join(resourcesPath, 'ffmpeg', 'ffmpeg'), 'ffmpeg version 6.1.1-static');
    const ffprobe = fakeBinary(join(resourcesPath, 'ffmpeg', 'ffprobe'), 'ffprobe version 6.1.1-static');
    const npmStatic = fakeBinary(
      join(root, 'app.asar.unpacked', 'ffmpeg-static', 'ffmpeg'),
      'ffmpeg version 6.0',
    );
    const bin = join(root, 'bin');
    mkdirSync(bin);
    const lookup: Partial<FfmpegLookup> = {
      env: { PATH: bin },
      platform: 'linux',
      resourcesPath,
      requirePackage: (id) => {
        if (id === 'ffmpeg-static') return npmStatic;
        throw new Error(`Cannot find module '${id}'`);
      },
    };
    return { lookup, resourcesPath, ffmpeg, ffprobe, bin };
  }

  it("prefers its own ffmpeg for the target over the npm packages (the build machine's binary)", () => {
    const { lookup, ffmpeg } = packagedMachine();
    expect(resolveFfmpeg(lookup)).toEqual({ path: ffmpeg, source: 'packaged' });
  });

  it('prefers it over an ffmpeg older than 5 on PATH, but not over a current one (Debian keeps that updated)', () => {
    const { lookup, ffmpeg, bin } = packagedMachine();
    const system = fakeBinary(join(bin, 'ffmpeg'), UBUNTU_2004);
    expect(resolveFfmpeg(lookup)).toEqual({ path: ffmpeg, source: 'packaged' });
    writeFileSync(system, `#!/bin/sh\necho '${DEBIAN}'\n`);
    expect(resolveFfmpeg(lookup)).toEqual({ path: system, source: 'system' });
  });

  it('uses the ffprobe packed beside its ffmpeg, and its own ffprobe when the ffmpeg in use has none beside it', () => {
    const { lookup, ffprobe, bin } = packagedMachine();
    expect(resolveFfprobe(lookup)).toEqual({ path: ffprobe, source: 'beside-ffmpeg' });
    fakeBinary(join(bin, 'ffmpeg'), DEBIAN);
    expect(resolveFfprobe(lookup)).toEqual({ path: ffprobe, source: 'packaged' });
    expect(systemLookup.versionOf(ffprobe)).toMatch(/^ffprobe version 6\.1\.1/);
  });

  it('without an ffmpeg folder in resources (npm start: Electron’s own resources) goes on to the npm packages', () => {
    const { lookup, resourcesPath } = packagedMachine();
    rmSync(join(resourcesPath, 'ffmpeg'), { recursive: true });
    expect(resolveFfmpeg(lookup).source).toBe('ffmpeg-static');
  });

  it('looks for ffmpeg.exe and ffprobe.exe on Windows', () => {
    const seen: string[] = [];
    const windows = {
      ...machine({}, {}),
      platform: 'win32' as const,
      resourcesPath: 'C:\\MagnumStream\\resources',
    };
    windows.isExecutableFile = (path) => {
      seen.push(path);
      return path.endsWith('.exe') && path.includes('resources');
    };
    expect(resolveFfmpeg(windows)).toEqual({
      path: join(windows.resourcesPath, 'ffmpeg', 'ffmpeg.exe'),
      source: 'packaged',
    });
    expect(seen).toContain(join(windows.resourcesPath, 'ffmpeg', 'ffmpeg.exe'));
  });
});
