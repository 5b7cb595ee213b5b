// Moving bytes: each source file is read once, hashed as it is written, and flushed to disk before it is given
// its final name, so a power cut or a kill leaves either a whole file or a temp file (never a short one under a
// real name). Reads and writes overlap (two buffers), which keeps a USB drive busy while the CPU hashes.
import { createHash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';

/** Large buffers: fewer system calls, and SHA-256 runs at its best on long runs of bytes. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface CopyResult {
  bytes: number;
  sha256: string;
}

export interface CopyOptions {
  /** Called with each chunk's size as it is written. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
}

async function writeAll(handle: FileHandle, buffer: Buffer, length: number): Promise<void> {
  let offset = 0;
  while (offset < length) {
    const { bytesWritten } = await handle.write(buffer, offset, length - offset);
    offset += bytesWritten;
  }
}

/**
 * Copies `source` to `target` (which must not exist), hashing the bytes as they pass and flushing the copy to
 * disk before returning. The target is removed when the copy fails.
 */
export async function copyHashing(
  source: string,
  target: string,
  options: CopyOptions = {},
): Promise<CopyResult> {
  const input = await open(source, 'r');
  let output: FileHandle | undefined;
  try {
    output = await open(target, 'wx');
    const hash = createHash('sha256');
    const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)] as const;
    let total = 0;
    let turn = 0;
    let reading = input.read(buffers[0], 0, CHUNK_BYTES, null);
    let writing: Promise<void> | null = null;
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      options.signal?.throwIfAborted();
      const buffer = buffers[turn]!;
      // The other buffer is free once its write is done; then read into it while this one is hashed and written.
      if (writing) await writing;
      turn = 1 - turn;
      reading = input.read(buffers[turn]!, 0, CHUNK_BYTES, null);
      hash.update(buffer.subarray(0, bytesRead));
      writing = writeAll(output, buffer, bytesRead);
      total += bytesRead;
      options.onBytes?.(bytesRead);
    }
    if (writing) await writing;
    await output.sync();
    await output.close();
    output = undefined;
    return { bytes: total, sha256: hash.digest('hex') };
  } catch (error) {
    if (output) {
      await output.close().catch(() => {});
    }
    await rm(target, { force: true }).catch(() => {});
    throw error;
  } finally {
    await input.close();
  }
}

/** The sha256 of a file's content, read in large chunks. */
export async function hashFile(path: string, options: CopyOptions = {}): Promise<CopyResult> {
  const input = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)] as const;
    let total = 0;
    let turn = 0;
    let reading = input.read(buffers[0], 0, CHUNK_BYTES, null);
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      options.signal?.throwIfAborted();
      const buffer = buffers[turn]!;
      turn = 1 - turn;
      reading = input.read(buffers[turn]!, 0, CHUNK_BYTES, null);
      hash.update(buffer.subarray(0, bytesRead));
      total += bytesRead;
      options.onBytes?.(bytesRead);
    }
    return { bytes: total, sha256: hash.digest('hex') };
  } finally {
    await input.close();
  }
}

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
