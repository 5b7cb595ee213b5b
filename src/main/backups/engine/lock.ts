// One writer per backup root: the daily backup, "Back up now" and the CLI may all aim at the same drive. The
// lock is a file created exclusively; a lock left by a process that no longer runs on this machine (a kill -9,
// a power cut) is taken over, which is also when the previous run's leftovers in tmp/ may be cleared.
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './types';

export const LOCK_FILE = 'lock.json';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  what: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock from another machine is honoured for this long, then taken as abandoned. */
const FOREIGN_LOCK_MS = 12 * 3_600_000;

function isAbandoned(owner: LockOwner | null): boolean {
  if (!owner) return true;
  if (owner.host === hostname()) return owner.pid !== process.pid && !isRunning(owner.pid);
  const age = Date.now() - Date.parse(owner.startedAt);
  return !(age < FOREIGN_LOCK_MS);
}

export interface RootLock {
  release(): Promise<void>;
}

/**
 * Takes the root's lock for `what` ("backup", "restore"). Throws a BackupError naming the other process when
 * one is still at work. A read-only root (a restore from a write-protected drive) needs no lock: nobody can
 * change it, so the lock is skipped there.
 */
export async function lockRoot(root: string, what: string): Promise<RootLock> {
  const file = path.join(root, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), what };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await mkdir(root, { recursive: true });
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(owner));
      } finally {
        await handle.close();
      }
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || ((code === 'EACCES' || code === 'EPERM') && what === 'restore')) {
        return { release: async () => {} };
      }
      if (code !== 'EEXIST') throw error;
    }
    let current: LockOwner | null = null;
    try {
      current = JSON.parse(await readFile(file, 'utf8')) as LockOwner;
    } catch {
      current = null; // half-written by a process killed while taking it
    }
    if (!isAbandoned(current)) {
      throw new BackupError(
        `Another ${current?.what ?? 'backup'} is using ${root} (process ${current?.pid} on ${current?.host}, since ${current?.startedAt}). Wait for it to finish and try again.`,
        [`${root} is locked by process ${current?.pid} on ${current?.host}`],
      );
    }
    await rm(file, { force: true });
  }
  throw new BackupError(`Could not take the lock on ${root}. Try again.`, [`${root}: lock contended`]);
}
