// Where a backup may go and come from. A folder a person types is checked here, once for every channel: it must
// be a whole path to a folder that exists, and it must not overlap the data folder (a backup inside the data it
// copies would copy itself, and a restore from there would move its own source aside).
import { realpath, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { BACKUP_FOLDER_NAME, type BackupPlace } from '../../shared/backups';
import { AppFailure } from '../errors';
import { isPathInside } from '../security/paths';

export interface DriveRoot {
  dir: string;
  label: string;
}

/** The real path of a folder a person chose, or a refusal that says what to do. */
export async function checkBackupFolder(folder: string, dataDir: string): Promise<string> {
  if (!path.isAbsolute(folder)) {
    throw new AppFailure(
      'VALIDATION',
      `"${folder}" is not a whole folder path. Type it from the start (for example /media/kiosk/BACKUP, or E:\\ on Windows), or choose a drive.`,
    );
  }
  const info = await stat(folder).catch(() => null);
  if (!info) {
    throw new AppFailure(
      'NOT_FOUND',
      `There is no folder ${folder}. Plug the drive in (wait until it shows in the list) or check the folder name.`,
    );
  }
  if (!info.isDirectory()) {
    throw new AppFailure('VALIDATION', `${folder} is a file, not a folder. Choose a folder or a drive.`);
  }
  const [real, realData] = await Promise.all([realpath(folder), realpath(dataDir).catch(() => dataDir)]);
  if (real === realData || isPathInside(realData, real)) {
    throw new AppFailure(
      'VALIDATION',
      `${folder} is inside the kiosk's own data folder, so a backup there would be lost with it. Choose a USB drive or a folder on another disk.`,
    );
  }
  if (isPathInside(real, realData)) {
    throw new AppFailure(
      'VALIDATION',
      `${folder} holds the kiosk's own data folder, so a backup there would copy itself. Choose a USB drive or a folder on another disk.`,
    );
  }
  return real;
}

/** The folder holding the generations: `<folder>/MagnumStream-backups`, or the folder itself when that was chosen. */
export function backupRootOf(folder: string): string {
  return path.basename(folder) === BACKUP_FOLDER_NAME ? folder : path.join(folder, BACKUP_FOLDER_NAME);
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir)
    .then((info) => info.isDirectory())
    .catch(() => false);
}

async function freeBytesOf(dir: string): Promise<number | null> {
  try {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/** The drives plugged in and the saved target (when it is not one of them), each said plainly. */
export async function listBackupPlaces(
  drives: readonly DriveRoot[],
  target: string | null,
): Promise<BackupPlace[]> {
  const roots: Array<DriveRoot & { kind: BackupPlace['kind'] }> = drives.map((drive) => ({
    ...drive,
    kind: 'drive',
  }));
  if (target && !drives.some((drive) => path.resolve(drive.dir) === path.resolve(target))) {
    roots.unshift({ dir: target, label: 'The saved backup folder', kind: 'saved' });
  }
  return Promise.all(
    roots.map(async (root) => ({
      dir: root.dir,
      label: root.label,
      kind: root.kind,
      hasBackups: await isDirectory(backupRootOf(root.dir)),
      freeBytes: await freeBytesOf(root.dir),
    })),
  );
}

/** Whether the saved target is there now (a USB drive may be unplugged). */
export function isTargetPresent(target: string | null): Promise<boolean> {
  return target ? isDirectory(target) : Promise.resolve(false);
}
