// Moving bytes: files are copied and hashed in large chunks on worker threads (copy-worker.ts; two, as the
// kiosk has two cores and hashing is the CPU-heavy part), then flushed to disk here before they get their final
// name, so a power cut or a kill leaves either a whole file or a temp file, never a short one under a real name.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { COPY_WORKER_SOURCE } from './copy-worker';

export interface CopyResult {
  bytes: number;
  sha256: string;
}

type Operation = 'store' | 'copy' | 'hash';

interface Job {
  id: number;
  op: Operation;
  source: string;
  target: string | undefined;
  onBytes: ((bytes: number) => void) | undefined;
  resolve: (result: CopyResult) => void;
  reject: (error: Error) => void;
}

type WorkerMessage =
  | { id: number; bytes: number }
  | { id: number; done: CopyResult }
  | { id: number; error: { message: string; code?: string; path?: string } };

export interface CopyPool {
  /** Copies `source` to `target` (which must not exist) and hashes the copy as read back: what is stored. */
  store(source: string, target: string, onBytes?: (bytes: number) => void): Promise<CopyResult>;
  /** Copies `source` to `target` hashing the source's bytes as they pass (what a restore checks). */
  copy(source: string, target: string, onBytes?: (bytes: number) => void): Promise<CopyResult>;
  hash(file: string, onBytes?: (bytes: number) => void): Promise<CopyResult>;
  close(): Promise<void>;
}

export const COPY_WORKERS = 2;

export function createCopyPool(size = COPY_WORKERS): CopyPool {
  const queue: Job[] = [];
  const running = new Map<Worker, Job>();
  const idle: Worker[] = [];
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker;
      const job = queue.shift() as Job;
      running.set(worker, job);
      worker.postMessage({ id: job.id, op: job.op, source: job.source, target: job.target });
    }
  };

  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(COPY_WORKER_SOURCE, { eval: true });
    worker.on('message', (message: WorkerMessage) => {
      const job = running.get(worker);
      if (!job || job.id !== message.id) return;
      if ('bytes' in message) {
        job.onBytes?.(message.bytes);
        return;
      }
      running.delete(worker);
      idle.push(worker);
      if ('done' in message) job.resolve(message.done);
      else job.reject(Object.assign(new Error(message.error.message), message.error));
      dispatch();
    });
    worker.on('error', (error) => {
      const job = running.get(worker);
      running.delete(worker);
      job?.reject(error);
    });
    idle.push(worker);
    return worker;
  });

  const submit = (op: Operation, source: string, target?: string, onBytes?: (bytes: number) => void) =>
    new Promise<CopyResult>((resolve, reject) => {
      if (closed) {
        reject(new Error('the copy workers were stopped'));
        return;
      }
      queue.push({ id: nextId++, op, source, target, onBytes, resolve, reject });
      dispatch();
    });

  return {
    store: (source, target, onBytes) => submit('store', source, target, onBytes),
    copy: (source, target, onBytes) => submit('copy', source, target, onBytes),
    hash: (file, onBytes) => submit('hash', file, undefined, onBytes),
    async close() {
      if (closed) return;
      closed = true;
      const stopped = () => new Error('the copy workers were stopped');
      for (const job of queue.splice(0)) job.reject(stopped());
      for (const job of running.values()) job.reject(stopped());
      running.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The sha256 of a small file (a database copy, a manifest), on the calling thread. */
export async function hashFile(path: string): Promise<CopyResult> {
  const handle = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, total);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    return { bytes: total, sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

/** Flushes a file's content to the disk (call before renaming it into place). */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Files handled at once: two copying on the workers, the others waiting for their flush (see copy-worker.ts). */
export const FILES_IN_FLIGHT = 8;

/**
 * Makes a rename or a new file in `dir` durable. Windows cannot open a folder for fsync; there NTFS's own
 * journal is what we have, so the failure is ignored.
 */
export async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported on this platform or file system
  } finally {
    await handle?.close().catch(() => {});
  }
}
