import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../db/test-support';
import {
  assetFor,
  binaryName,
  builderArch,
  builderOs,
  checkHash,
  missingBinaries,
  RELEASE,
  sha256,
  targetFolder,
} from './fetch-ffmpeg.mjs';
import { drawIcon, SIZE } from './make-icon.mjs';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface FileSet {
  from: string;
  to: string;
  filter?: string[];
}
interface BuilderConfig {
  icon: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: FileSet[];
  deb: { depends: string[] };
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('electron-builder.yml', () => {
  it("matches electron-builder 26.17's configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The check itself refuses a misspelt option, so the line above means something.
    const misspelt = { ...config, deb: { ...config.deb, depend: ['x'] } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it("ships ffmpeg and ffprobe for the package's target from the folder fetch-ffmpeg fills", () => {
    const ffmpeg = config.extraResources.find((set) => set.to === 'ffmpeg');
    // ${os} and ${arch} are the target's; ${platform} would be the build machine's.
    expect(ffmpeg?.from).toBe('build/ffmpeg/${os}-${arch}');
    for (const os of ['linux', 'win', 'mac']) {
      const expanded = (ffmpeg?.from ?? '').replace('${os}', os).replace('${arch}', 'x64');
      expect(join(expanded)).toBe(join('build', 'ffmpeg', `${os}-x64`));
      expect(targetFolder('.', os, 'x64')).toBe(join(expanded));
      for (const tool of ['ffmpeg', 'ffprobe']) expect(ffmpeg?.filter).toContain(binaryName(tool, os));
    }
  });

  it("leaves out the npm ffmpeg packages (the build machine's binaries)", () => {
    expect(config.files).toContain('!node_modules/ffmpeg-static/**');
    expect(config.files).toContain('!node_modules/@ffmpeg-installer/**');
    expect(config.asarUnpack.some((pattern) => pattern.includes('ffmpeg'))).toBe(false);
  });

  it('rebuilds better-sqlite3 for the packaged Electron and unpacks it from the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it("keeps electron-builder's default deb dependencies and adds ALSA, GBM and Debian's ffmpeg", () => {
    const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget') as {
      default: { prototype: { getDefaultDepends(target: string): string[] } };
    };
    const defaults = FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
    expect(defaults.length).toBeGreaterThan(5);
    expect(config.deb.depends).toEqual(expect.arrayContaining(defaults));
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libasound2', 'libgbm1', 'ffmpeg']));
    expect(new Set(config.deb.depends).size).toBe(config.deb.depends.length);
  });

  it('names an icon that is a real 512×512 RGBA PNG, the one scripts/make-icon.mjs draws', () => {
    expect(config.icon).toBe('build/icon.png');
    const png = readFileSync(config.icon);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(png[24]).toBe(8); // bit depth
    expect(png[25]).toBe(6); // RGBA
    // Every scanline is there once the image data is inflated.
    const chunks: Buffer[] = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      if (png.toString('ascii', at + 4, at + 8) === 'IDAT')
        chunks.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    expect(inflateSync(Buffer.concat(chunks)).length).toBe(512 * (1 + 512 * 4));
    expect(SIZE).toBe(512);
    expect(drawIcon().equals(png)).toBe(true);
  });
});

describe('fetch-ffmpeg', () => {
  it("maps Node's platform and arch to electron-builder's ${os} and ${arch}", () => {
    expect(builderOs('linux')).toBe('linux');
    expect(builderOs('win32')).toBe('win');
    expect(builderOs('darwin')).toBe('mac');
    expect(builderArch('x64')).toBe('x64');
    expect(builderArch('arm')).toBe('armv7l');
  });

  it("downloads ffmpeg-static's release build for the target, keyed for its hash", () => {
    expect(assetFor('ffmpeg', 'linux', 'x64')).toEqual({
      url: `https://github.com/eugeneware/ffmpeg-static/releases/download/${RELEASE}/ffmpeg-linux-x64.gz`,
      key: `${RELEASE}/ffmpeg-linux-x64`,
    });
    expect(assetFor('ffprobe', 'win', 'x64').key).toBe(`${RELEASE}/ffprobe-win32-x64`);
    expect(assetFor('ffmpeg', 'mac', 'arm64').key).toBe(`${RELEASE}/ffmpeg-darwin-arm64`);
    expect(assetFor('ffmpeg', 'linux', 'armv7l').key).toBe(`${RELEASE}/ffmpeg-linux-arm`);
    expect(() => assetFor('ffmpeg', 'win', 'arm64')).toThrow(/no ffmpeg build for win-arm64/);
  });

  it('uses a binary only when its SHA-256 is the listed one', () => {
    const digest = sha256(Buffer.from('ffmpeg'));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(checkHash({ k: digest }, 'k', digest)).toBe('ok');
    expect(checkHash({ k: digest }, 'k', sha256(Buffer.from('other')))).toBe('mismatch');
    expect(checkHash({}, 'k', digest)).toBe('unknown');
  });

  it("names the target's missing binaries, with .exe on Windows", () => {
    const root = makeTempDir('magnum-ffmpeg-target-');
    dirs.push(root);
    const folder = targetFolder(root, 'win', 'x64');
    expect(missingBinaries(root, 'win', 'x64')).toEqual([
      join(folder, 'ffmpeg.exe'),
      join(folder, 'ffprobe.exe'),
    ]);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'ffmpeg.exe'), '');
    expect(missingBinaries(root, 'win', 'x64')).toEqual([join(folder, 'ffprobe.exe')]);
  });
});
