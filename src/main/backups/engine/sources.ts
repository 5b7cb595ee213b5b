// Which files of a data folder a backup holds, and in what order. The database is not among them (SQLite's
// online backup copies it whole and consistent); neither are logs, the thumbnail cache (rebuilt on demand), the
// video piece cache (made again from the footage) or files still being written (temp names). The order follows the data model's priorities: after the database
// (sales, flights, people, audit), what customers bought (exports and photos), then raw footage, newest flights
// first, then everything else.
import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { SECRET_KEY_FILE } from '../../mail/secret-box';

export interface SourceFile {
  /** posix, relative to the data folder: 'media/<id>/cruising/camera1.mp4' */
  path: string;
  bytes: number;
  mtimeMs: number;
}

/**
 * Top-level entries never backed up. The local secret key stays on the kiosk: with it, a backup would hold the
 * key to the SMTP password it also holds (mail/secret-box.ts).
 */
const SKIPPED_TOP = new Set(['logs', 'thumbs', 'cache', SECRET_KEY_FILE]);
const DATABASE_FILES = /^magnum\.db(-wal|-shm|-journal)?$/;
/** Names the app gives files while it writes them; they are renamed when whole, or removed. */
const TEMP_NAME = /\.(tmp|part)$|\.partial(\.[A-Za-z0-9]+)?$|^\..+\.partial-/;

export function isBackedUp(relative: string, isDirectory: boolean): boolean {
  const parts = relative.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (parts.length === 1 && (SKIPPED_TOP.has(name) || (!isDirectory && DATABASE_FILES.test(name))))
    return false;
  return !TEMP_NAME.test(name);
}

/** Every regular file to back up, with its size and mtime. Symbolic links and special files are left out. */
export async function listSourceFiles(dataDir: string): Promise<SourceFile[]> {
  const found: SourceFile[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(dataDir, relative), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && relative !== '') return; // removed meanwhile
      throw error;
    }
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (!isBackedUp(child, entry.isDirectory())) continue;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) {
        try {
          const stats = await lstat(path.join(dataDir, child));
          found.push({ path: child, bytes: stats.size, mtimeMs: stats.mtimeMs });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    }
  };
  await walk('');
  return found;
}

/**
 * Backup order: exports and photos of every flight, then each flight's raw footage (flights in the order given,
 * newest first; flights the database does not know after them), then the rest. Stable within a group.
 */
export function inBackupOrder<T extends { path: string }>(files: T[], flightIdsNewestFirst: string[]): T[] {
  const flightRank = new Map(flightIdsNewestFirst.map((id, index) => [id, index]));
  const rank = (file: T): [number, number] => {
    const parts = file.path.split('/');
    if (parts[0] !== 'media' || parts.length < 3) return [3, 0];
    const kind = parts[2];
    if (kind === 'exports' || kind === 'photos') return [1, 0];
    return [2, flightRank.get(parts[1] ?? '') ?? flightIdsNewestFirst.length];
  };
  return files
    .map((file) => ({ file, rank: rank(file) }))
    .sort(
      (a, b) =>
        a.rank[0] - b.rank[0] ||
        a.rank[1] - b.rank[1] ||
        (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0),
    )
    .map(({ file }) => file);
}
