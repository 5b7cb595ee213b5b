// Photos from a photographer's card (or the kiosk's import folder) into a flight. The screen never names a
// path: main lists the folders it is willing to read, each under an opaque id, and imports only from one of
// those. Only real JPEGs are copied (by their first bytes, not their name), each through a temp file renamed
// into place, so a card pulled out midway leaves whole photos or none.
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { PhotoImportResult, PhotoSource } from '../../shared/photos';
import { AppFailure } from '../errors';
import { flushFile, syncDirectory } from '../files/durable';
import { mediaUrl } from '../media/url';
import { photoFolderOf } from './photos';

/** The kiosk's own folder to drop photos into when there is no card reader. */
export const IMPORT_FOLDER = 'import';
const MAX_PHOTO_BYTES = 60 * 1024 * 1024;
const MAX_FILES = 5_000;
const MAX_DEPTH = 4;

export interface PhotoRoot {
  dir: string;
  label: string;
}

/** Where removable drives appear on Linux (udisks, Debian's automounter, hand mounts) and Windows. */
export async function removableRoots(platform: NodeJS.Platform = process.platform): Promise<PhotoRoot[]> {
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
  const children = async (dir: string) =>
    (await readdir(dir, { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(dir, entry.name));
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

const sourceId = (dir: string) => createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 24);

async function isJpeg(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    return bytesRead === 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  } finally {
    await handle.close();
  }
}

/** Files named like JPEGs under `dir` (camera cards keep them in DCIM/…), in path order, bounded. */
async function jpegFiles(dir: string): Promise<string[]> {
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
    sources.push({ id: sourceId(root.dir), label: root.label, photoCount });
  }
  return sources;
}

/** A name safe on every file system, kept recognisable: "IMG_0042.JPG" stays "IMG_0042.jpg". */
export function safePhotoName(original: string): string {
  const base = path.basename(original).replace(/\.jpe?g$/i, '');
  const clean =
    base
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 80) || 'photo';
  return `${clean}.jpg`;
}

export interface PhotoImportOptions {
  db: Kysely<Database>;
  dataDir: string;
  recordingId: string;
  roots: readonly PhotoRoot[];
  sourceId: string;
  onProgress?(done: number, total: number): void;
}

export async function importPhotos(options: PhotoImportOptions): Promise<PhotoImportResult> {
  const { db, dataDir, recordingId } = options;
  const root = options.roots.find((candidate) => sourceId(candidate.dir) === options.sourceId);
  if (!root) {
    throw new AppFailure(
      'NOT_FOUND',
      'That drive or folder is no longer there. Check the card is still in the reader, then pick it again.',
    );
  }
  const files = await jpegFiles(root.dir);
  const folder = path.posix.join(photoFolderOf(recordingId), 'imported');
  const target = path.join(dataDir, folder);
  await mkdir(target, { recursive: true });

  const imported: Array<{ path: string; bytes: number }> = [];
  let skipped = 0;
  for (const [i, file] of files.entries()) {
    const info = await stat(file).catch(() => null);
    if (!info || info.size === 0 || info.size > MAX_PHOTO_BYTES || !(await isJpeg(file))) {
      skipped += 1;
    } else {
      const name = safePhotoName(file);
      const existing = await stat(path.join(target, name)).catch(() => null);
      if (existing?.size === info.size) {
        skipped += 1; // the same photo imported before
      } else {
        const finalName = existing ? `${name.slice(0, -4)}-${randomUUID().slice(0, 8)}.jpg` : name;
        const partial = path.join(target, `.${finalName}.partial`);
        try {
          await copyFile(file, partial);
          await flushFile(partial);
          await rename(partial, path.join(target, finalName));
          imported.push({ path: path.posix.join(folder, finalName), bytes: info.size });
        } catch {
          await rm(partial, { force: true });
          skipped += 1;
        }
      }
    }
    options.onProgress?.(i + 1, files.length);
  }

  if (imported.length > 0) await syncDirectory(target);
  if (imported.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const photo of imported) {
        await trx
          .insertInto('storage_usage')
          .values({
            id: randomUUID(),
            recording_id: recordingId,
            scene_id: null,
            kind: 'photo',
            path: photo.path,
            bytes: photo.bytes,
          })
          .onConflict((oc) => oc.column('path').doUpdateSet({ bytes: photo.bytes }))
          .execute();
      }
    });
  }
  return { imported: imported.length, skipped, photoUrls: imported.map((photo) => mediaUrl(photo.path)) };
}
