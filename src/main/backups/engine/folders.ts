// The folders a backup or restore works with: where they may be (never one inside the other), and the plain
// words for what the disk said when something went wrong.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './types';

export const isInside = (parent: string, child: string) => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** The data folder exists, and the backup root is neither inside it nor around it. */
export async function checkFolders(dataDir: string, root: string): Promise<void> {
  let stats;
  try {
    stats = await stat(dataDir);
  } catch {
    throw new BackupError(`The data folder ${dataDir} does not exist. Check the path and try again.`, [
      `no data folder at ${dataDir}`,
    ]);
  }
  if (!stats.isDirectory()) {
    throw new BackupError(`${dataDir} is not a folder. Give the kiosk's data folder.`, [
      `${dataDir} is not a folder`,
    ]);
  }
  if (isInside(dataDir, root)) {
    throw new BackupError(
      `The backup folder ${root} is inside the data folder ${dataDir}: a backup must go to another drive or folder.`,
      [`${root} is inside the data folder`],
    );
  }
  if (isInside(root, dataDir)) {
    throw new BackupError(
      `The data folder ${dataDir} is inside the backup folder ${root}. Choose another backup folder.`,
      [`${dataDir} is inside the backup folder`],
    );
  }
}

/** A file system error as a BackupError saying what to do (a full drive, FAT32's 4 GB, write protection). */
export function asBackupError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) {
    return new BackupError('The backup was stopped. The backups made before are unchanged.', ['stopped']);
  }
  if (error instanceof BackupError) return error;
  const { code, path: where } = error as NodeJS.ErrnoException;
  if (code === 'ENOSPC') {
    return new BackupError(
      'The backup drive is full. Free some space on it (or lower the number of backups kept) and try again.',
      [`no space left${where ? ` writing ${where}` : ''}`],
    );
  }
  if (code === 'EFBIG') {
    return new BackupError(
      `The backup drive cannot hold a file this large${where ? ` (${where})` : ''}: FAT32 drives stop at 4 GB. Use a drive formatted as exFAT or NTFS.`,
      [`file too large for the backup drive${where ? `: ${where}` : ''}`],
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new BackupError(
      `The backup could not write or read ${where ?? 'a file'} (${code}). Check that the drive is not write-protected and try again.`,
      [`${code}${where ? ` on ${where}` : ''}`],
    );
  }
  return error;
}
