// The read-back check on its own, with real files: a copy that matches passes, one changed byte or a shorter
// file is named, and a file gone from the drive is an error (the drive was pulled out), not a pass.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { checkCopiedFiles, sha256OfFile, type CopiedFile } from './copy-check';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Two files on a "drive" and the hashes of what the kiosk read while copying them. */
function copiedPair(): CopiedFile[] {
  dir = makeTempDir('magnum-check-');
  mkdirSync(dir, { recursive: true });
  return [
    { name: 'video.mp4', bytes: randomBytes(3 * 1024 * 1024 + 17) },
    { name: 'photo-01.jpg', bytes: randomBytes(40_000) },
  ].map(({ name, bytes }) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return { path: file, name, sourceSha256: createHash('sha256').update(bytes).digest('hex') };
  });
}

describe('checkCopiedFiles', () => {
  it('passes a copy whose every byte matches, counting every byte it read back', async () => {
    const files = copiedPair();
    const seen: number[] = [];
    expect(await checkCopiedFiles(files, (bytes) => seen.push(bytes))).toEqual({ ok: true });
    expect(seen.at(-1)).toBe(3 * 1024 * 1024 + 17 + 40_000);
  });

  it('names the file when one byte on the drive differs', async () => {
    const files = copiedPair();
    const photo = files[1]!;
    const bytes = readFileSync(photo.path);
    bytes[39_999] = bytes[39_999]! ^ 0x01;
    writeFileSync(photo.path, bytes);
    expect(await checkCopiedFiles(files)).toEqual({ ok: false, name: 'photo-01.jpg' });
  });

  it('names the file when the drive kept less than was written', async () => {
    const files = copiedPair();
    truncateSync(files[0]!.path, 1024 * 1024);
    expect(await checkCopiedFiles(files)).toEqual({ ok: false, name: 'video.mp4' });
  });

  it('fails with the read error when a file is gone from the drive', async () => {
    const files = copiedPair();
    rmSync(files[0]!.path);
    await expect(checkCopiedFiles(files)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('sha256OfFile', () => {
  it('hashes a file larger than one read chunk as a whole', async () => {
    const files = copiedPair();
    expect(await sha256OfFile(files[0]!.path)).toBe(files[0]!.sourceSha256);
  });
});
