import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPathInside, realPathInside, resolveInside } from './paths';

const root = path.resolve('/srv/renderer');

describe('resolveInside', () => {
  it('maps / to the index and a path to its file', () => {
    expect(resolveInside(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses plain, encoded and double-encoded traversal', () => {
    expect(resolveInside(root, '/../etc/passwd')).toBeNull();
    expect(resolveInside(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveInside(root, '/assets/..%2f..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveInside(root, '/..\\..\\secret')).toBeNull();
  });

  it('keeps an absolute-looking path inside the root, and refuses NUL bytes and undecodable input', () => {
    expect(resolveInside(root, '//etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveInside(root, '/index.html%00.png')).toBeNull();
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
  });
});

describe('isPathInside', () => {
  const media = path.resolve('/data/media');

  it('accepts a file below the folder, absolute or relative to it', () => {
    expect(isPathInside(media, path.join(media, 'flight', 'camera1.mp4'))).toBe(true);
    expect(isPathInside(media, 'flight/camera1.mp4')).toBe(true);
  });

  it('refuses a sibling folder whose name starts with the folder’s name', () => {
    expect(isPathInside(media, path.resolve('/data/media2/camera1.mp4'))).toBe(false);
    expect(isPathInside(media, '../media2/camera1.mp4')).toBe(false);
  });

  it('follows `..` segments before deciding', () => {
    expect(isPathInside(media, path.join(media, 'flight', '..', '..', 'magnum.db'))).toBe(false);
    expect(isPathInside(media, path.join(media, 'flight', '..', 'other', 'camera1.mp4'))).toBe(true);
  });

  it('does not count the folder itself as inside it', () => {
    expect(isPathInside(media, media)).toBe(false);
    expect(isPathInside(media, `${media}${path.sep}`)).toBe(false);
    expect(isPathInside(media, path.join(media, 'flight', '..'))).toBe(false);
  });
});

describe('realPathInside', () => {
  let base: string;
  let data: string;
  let outside: string;

  beforeAll(() => {
    base = realpathSync(mkdtempSync(path.join(tmpdir(), 'magnum-paths-')));
    data = path.join(base, 'data');
    outside = path.join(base, 'outside');
    mkdirSync(path.join(data, 'media', 'flight'), { recursive: true });
    mkdirSync(path.join(base, 'data2'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(data, 'media', 'flight', 'camera1.mp4'), 'footage');
    writeFileSync(path.join(base, 'data2', 'camera1.mp4'), 'not ours');
    writeFileSync(path.join(outside, 'secret.mp4'), 'not ours');
    symlinkSync(path.join(outside, 'secret.mp4'), path.join(data, 'media', 'flight', 'linked.mp4'));
    symlinkSync(outside, path.join(data, 'media', 'away'));
    symlinkSync(path.join(data, 'media', 'flight', 'camera1.mp4'), path.join(data, 'media', 'alias.mp4'));
    // The folder itself reached through a symlink: both sides are resolved, so its files are still inside.
    symlinkSync(data, path.join(base, 'data-link'));
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('gives the real path of a file inside the folder', async () => {
    expect(await realPathInside(data, 'media/flight/camera1.mp4')).toEqual({
      path: path.join(data, 'media', 'flight', 'camera1.mp4'),
      exists: true,
    });
  });

  it('follows a symlink that stays inside the folder, and resolves the folder’s own symlinks', async () => {
    const real = path.join(data, 'media', 'flight', 'camera1.mp4');
    expect(await realPathInside(data, 'media/alias.mp4')).toEqual({ path: real, exists: true });
    expect(await realPathInside(path.join(base, 'data-link'), 'media/flight/camera1.mp4')).toEqual({
      path: real,
      exists: true,
    });
  });

  it('refuses a sibling folder whose name starts with the folder’s name', async () => {
    expect(await realPathInside(data, path.join(base, 'data2', 'camera1.mp4'))).toBeNull();
    expect(await realPathInside(data, '../data2/camera1.mp4')).toBeNull();
  });

  it('refuses `..` segments that lead out', async () => {
    expect(await realPathInside(data, 'media/../../outside/secret.mp4')).toBeNull();
  });

  it('refuses a symlink pointing outside, and any path through a symlinked folder that leads out', async () => {
    expect(await realPathInside(data, 'media/flight/linked.mp4')).toBeNull();
    expect(await realPathInside(data, 'media/away/secret.mp4')).toBeNull();
    // Even where the file is not there yet.
    expect(await realPathInside(data, 'media/away/not-yet.mp4')).toBeNull();
  });

  it('does not count the folder itself as inside it', async () => {
    expect(await realPathInside(data, data)).toBeNull();
    expect(await realPathInside(data, 'media/..')).toBeNull();
  });

  it('says a file that is not there is missing, with where it would be', async () => {
    expect(await realPathInside(data, 'media/flight/camera2.mp4')).toEqual({
      path: path.join(data, 'media', 'flight', 'camera2.mp4'),
      exists: false,
    });
    expect(await realPathInside(data, 'media/later/camera1.mp4')).toEqual({
      path: path.join(data, 'media', 'later', 'camera1.mp4'),
      exists: false,
    });
  });

  it('fails when the folder itself is not there', async () => {
    await expect(realPathInside(path.join(base, 'gone'), 'camera1.mp4')).rejects.toThrow();
  });
});
