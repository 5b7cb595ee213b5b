// Free space where footage is written: the first thing to know before a day of recording.
import { statfs } from 'node:fs/promises';
import type { StorageStatus } from '../../shared/system';

/** The floor below which recording is refused when the setting cannot be read (PRODUCT: 2 GB). */
export const LOW_DISK_BYTES = 2 * 1024 ** 3;

export async function readStorageStatus(dataDir: string, lowBytes = LOW_DISK_BYTES): Promise<StorageStatus> {
  try {
    const stats = await statfs(dataDir);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize, lowBytes };
  } catch {
    return { freeBytes: null, totalBytes: null, lowBytes };
  }
}
