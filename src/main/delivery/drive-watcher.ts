// Notices a USB drive being plugged in or taken out, so a receipt that is open can copy onto a new drive by
// itself. It polls the removable roots (about once a second) rather than using fs.watch, which misses mounts on
// Linux and behaves differently per platform; a look is a directory listing or two, and the free space of the
// drives is read only when the set of drives changed.
import type { DeliveryTarget } from '../../shared/delivery';
import { freeBytesOf, listTargets, targetIdOf, type TargetRoot } from './targets';

export const DRIVE_POLL_MS = 1_000;

export interface DrivesChange {
  /** Every drive plugged in now. */
  drives: DeliveryTarget[];
  /** The ids of those that were not there at the last look. */
  added: string[];
}

export interface DriveWatcherOptions {
  /** The places main copies to; only those of kind 'drive' are watched. */
  roots(): Promise<TargetRoot[]>;
  onChange(change: DrivesChange): void;
  intervalMs?: number;
  freeBytes?(dir: string): Promise<number | null>;
  onError?(error: unknown): void;
}

export interface DriveWatcher {
  /** Looks once more, after any look under way (the timer does the same); resolves after onChange ran. */
  poll(): Promise<void>;
  close(): void;
}

/** Starts watching; the first look only learns which drives are there, it reports no change. */
export function watchDrives(options: DriveWatcherOptions): DriveWatcher {
  const interval = options.intervalMs ?? DRIVE_POLL_MS;
  let known: Set<string> | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();

  async function look(): Promise<void> {
    const drives = (await options.roots()).filter((root) => root.kind === 'drive');
    const ids = new Set(drives.map((root) => targetIdOf(root.dir)));
    const before = known;
    known = ids;
    if (before === null || closed) return;
    const added = [...ids].filter((id) => !before.has(id));
    const removed = [...before].some((id) => !ids.has(id));
    if (added.length === 0 && !removed) return;
    options.onChange({ drives: await listTargets(drives, options.freeBytes ?? freeBytesOf), added });
  }

  function poll(): Promise<void> {
    // One look at a time, each after the last: a slow drive must not make two looks report the same change.
    queue = queue.then(() => look().catch((error: unknown) => options.onError?.(error)));
    return queue;
  }

  function schedule(): void {
    if (closed || interval <= 0) return;
    timer = setTimeout(() => void poll().then(schedule), interval);
    // Never keeps the process alive on its own.
    timer.unref();
  }

  void poll().then(schedule);
  return {
    poll,
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
