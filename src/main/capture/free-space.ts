// Free space on the kiosk disk while takes run: asked fresh when a take starts, and at most every 2 s while
// chunks arrive (statfs is cheap, but not free at two chunks a second).
import type { Logger } from 'pino';

export const FREE_SPACE_TTL_MS = 2_000;

export interface FreeSpaceGauge {
  /** Free bytes, or null when the disk cannot say. `fresh` skips the 2 s cache. */
  read(fresh: boolean): Promise<number | null>;
}

export function createFreeSpaceGauge(options: {
  dir: string;
  freeBytes(dir: string): Promise<number | null>;
  now(): Date;
  logger: Logger;
}): FreeSpaceGauge {
  let last: { bytes: number | null; readAtMs: number } | null = null;
  return {
    async read(fresh) {
      const nowMs = options.now().getTime();
      if (!fresh && last && nowMs - last.readAtMs < FREE_SPACE_TTL_MS) return last.bytes;
      let bytes: number | null;
      try {
        bytes = await options.freeBytes(options.dir);
      } catch (error) {
        options.logger.warn({ err: error }, 'could not read free disk space');
        bytes = null;
      }
      last = { bytes, readAtMs: nowMs };
      return bytes;
    },
  };
}
