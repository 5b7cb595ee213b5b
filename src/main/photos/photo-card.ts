// The card side of a photo import: the folders main is willing to read photos from (each under an opaque id,
// so the screen never names a path), the JPEG photos in one of them, when each was taken, and its content hash.
// Only real JPEGs count (by their first bytes, not their name), up to a size a camera really writes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PhotoSource } from '../../shared/photos';
import { testDriveBases } from '../config';
import { AppFailure } from '../errors';
import { EXIF_HEAD_BYTES, readExifTime } from './exif';
import { exifMoment } from './photo-window';

/** The kiosk's own folder to drop photos into when there is no card reader. */
export const IMPORT_FOLDER = 'import';
export const MAX_PHOTO_BYTES = 60 * 1024 * 1024;
const MAX_FILES = 5_000;
const MAX_DEPTH = 4;

export interface PhotoRoot {
  dir: string;
  label: string;
}

/**
 * Where removable drives appear on Linux (udisks, Debian's automounter, hand mounts) and Windows; with
 * MAGNUM_TEST_DRIVES_DIR set (tests), the sub-folders of the folders it names instead.
 */
export async function removableRoots(
  platform: NodeJS.Platform = process.platform,
  testBases: string[] | null = testDriveBases(),
): Promise<PhotoRoot[]> {
  const children = async (dir: string) =>
    (await readdir(dir, { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(dir, entry.name));
  if (testBases) {
    const found = (await Promise.all(testBases.map(children))).flat().sort();
    return found.map((dir) => ({ dir, label: `Drive ${path.basename(dir)}` }));
  }
  if (platform === 'win32') {
    const roots: PhotoRoot[] = [];
    for (const letter of 'DEFGHIJKLMNOPQRSTUVWXYZ') {
      const dir = `${letter}:\\`;
      if (
        await stat(dir)
          .then((s) => s.isDirectory())
          .catch(() => false)
      )
        roots.push({ dir, label: `Drive ${letter}:` });
    }
    return roots;
  }
  const found = new Set<string>();
  for (const base of ['/media', '/run/media', '/mnt']) {
    for (const first of await children(base)) {
      const second = await children(first);
      // /media/<user>/<drive> and /run/media/<user>/<drive>; /media/<drive> and /mnt/<drive> directly.
      if (base !== '/mnt' && second.length > 0) for (const dir of second) found.add(dir);
      else found.add(first);
    }
  }
  return [...found].sort().map((dir) => ({ dir, label: `Drive ${path.basename(dir)}` }));
}

export const sourceIdOf = (dir: string): string =>
  createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 24);

/** The root behind an opaque source id, or NOT_FOUND in words the crew can act on. */
export function findPhotoRoot(roots: readonly PhotoRoot[], sourceId: string): PhotoRoot {
  const root = roots.find((candidate) => sourceIdOf(candidate.dir) === sourceId);
  if (!root) {
    throw new AppFailure(
      'NOT_FOUND',
      'That drive or folder is no longer there. Check the card is still in the reader, then pick it again.',
    );
  }
  return root;
}

/** Files named like JPEGs under `dir` (camera cards keep them in DCIM/…), in path order, bounded. */
export async function jpegFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (at: string, depth: number) => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) return;
    const entries = await readdir(at, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if (entry.isFile() && /\.jpe?g$/i.test(entry.name) && files.length < MAX_FILES) files.push(full);
    }
  };
  await walk(dir, 0);
  return files;
}

export async function listPhotoSources(roots: readonly PhotoRoot[]): Promise<PhotoSource[]> {
  const sources: PhotoSource[] = [];
  for (const root of roots) {
    const photoCount = (await jpegFiles(root.dir)).length;
    sources.push({ id: sourceIdOf(root.dir), label: root.label, photoCount });
  }
  return sources;
}

/** A JPEG photo on a card, with when it was taken. */
export interface CardPhoto {
  file: string;
  name: string;
  bytes: number;
  mtimeMs: number;
  /** Epoch ms. */
  takenAt: number;
  timeFrom: 'camera' | 'file';
}

/**
 * The photo at `file`, or null when it is not a JPEG a camera wrote (empty, too large, wrong first bytes).
 * Its time is the EXIF DateTimeOriginal when it has one, else the file's modification time.
 */
export async function readCardPhoto(
  file: string,
  utcOffsetMinutes: (at: Date) => number,
): Promise<CardPhoto | null> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size === 0 || info.size > MAX_PHOTO_BYTES) return null;
    const head = Buffer.alloc(Math.min(info.size, EXIF_HEAD_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead < 3 || head[0] !== 0xff || head[1] !== 0xd8 || head[2] !== 0xff) return null;
    const exif = readExifTime(head.subarray(0, bytesRead));
    const fromCamera = exif ? exifMoment(exif, utcOffsetMinutes) : null;
    return {
      file,
      name: path.basename(file),
      bytes: info.size,
      mtimeMs: info.mtimeMs,
      takenAt: fromCamera ?? info.mtimeMs,
      timeFrom: fromCamera === null ? 'file' : 'camera',
    };
  } finally {
    await handle.close();
  }
}

/** Hashes already computed, by file, size and time: a preview and the import after it read a card once. */
const knownHashes = new Map<string, string>();
const KNOWN_HASHES_KEPT = 5_000;

/** SHA-256 (hex) of a card photo's bytes. */
export async function photoHash(photo: CardPhoto): Promise<string> {
  const key = `${photo.file}\0${photo.bytes}\0${photo.mtimeMs}`;
  const known = knownHashes.get(key);
  if (known) return known;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(photo.file)) hash.update(chunk as Buffer);
  const digest = hash.digest('hex');
  if (knownHashes.size >= KNOWN_HASHES_KEPT) knownHashes.delete(knownHashes.keys().next().value!);
  knownHashes.set(key, digest);
  return digest;
}
