// The piece cache: `<dataDir>/cache/pieces/<key>.<ext>`. A piece is written under a temporary name, flushed and
// renamed, so a kill -9 or a power cut never leaves a half piece under a name a video would use; what such a
// stop leaves (temporary names) is removed at start. A piece is touched each time a video uses it, and pieces no
// video used for PRUNE_AFTER_DAYS go, so the cache cannot grow forever. `cache/` is left out of backups: every
// piece can be made again from the footage.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { flushFile, syncDirectory } from '../../files/durable';

export const PIECES_FOLDER = path.join('cache', 'pieces');
export const PRUNE_AFTER_DAYS = 14;
/** In a temporary name, and nowhere else (keys are hex). */
const TEMP_MARK = '.partial-';

export interface PieceCache {
  readonly dir: string;
  fileOf(key: string, ext: string): string;
  /** The finished file of a key, touched as used now; null when there is none. */
  lookup(key: string, ext: string): Promise<string | null>;
  /** A temporary name next to the final one, for a render to write. */
  tempFileOf(key: string, ext: string): string;
  /** Flushes a written temporary file and renames it to its key's name; returns the final path. */
  commit(tempFile: string, key: string, ext: string): Promise<string>;
  /**
   * Removes what interrupted renders left and pieces unused for `PRUNE_AFTER_DAYS`, except files of the `busy`
   * keys (being rendered now). Returns how many files went.
   */
  tidy(options?: { now?: number; busy?: readonly string[] }): Promise<number>;
}

export function createPieceCache(dataDir: string): PieceCache {
  const dir = path.join(dataDir, PIECES_FOLDER);
  const fileOf = (key: string, ext: string) => path.join(dir, `${key}.${ext}`);

  return {
    dir,
    fileOf,

    async lookup(key, ext) {
      const file = fileOf(key, ext);
      try {
        const info = await stat(file);
        if (!info.isFile() || info.size === 0) return null;
        const now = new Date();
        await utimes(file, now, now).catch(() => undefined);
        return file;
      } catch {
        return null;
      }
    },

    tempFileOf(key, ext) {
      return path.join(dir, `${key}${TEMP_MARK}${randomUUID().slice(0, 8)}.${ext}`);
    },

    async commit(tempFile, key, ext) {
      await flushFile(tempFile);
      const file = fileOf(key, ext);
      await rename(tempFile, file);
      await syncDirectory(dir);
      return file;
    },

    async tidy({ now = Date.now(), busy = [] } = {}) {
      await mkdir(dir, { recursive: true });
      const cutoff = now - PRUNE_AFTER_DAYS * 86_400_000;
      let removed = 0;
      for (const name of await readdir(dir)) {
        if (busy.some((key) => name.startsWith(key))) continue;
        const file = path.join(dir, name);
        const info = await stat(file).catch(() => null);
        if (!info) continue;
        if (name.includes(TEMP_MARK) || info.mtimeMs < cutoff) {
          await rm(file, { recursive: true, force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}
