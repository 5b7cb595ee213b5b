// One camera's raw file (one recorder part) during a take: chunks appended in order and flushed to the disk
// before they are acknowledged, so what the screen lets go of is really saved. Appends run one at a time per
// file. A chunk that says its offset is written exactly once, even across a restart of main: the screen
// resends everything after its last acknowledged chunk, and the file is cut back to where each chunk belongs.
import { open, type FileHandle } from 'node:fs/promises';
import { AppFailure } from '../errors';

export interface ChunkWritten {
  /** Bytes of this file on disk so far. */
  bytesWritten: number;
  /** False for a chunk already on disk (a retried call whose answer was lost): acknowledged, not written again. */
  appended: boolean;
}

export interface ChunkToAppend {
  /** 0, 1, 2... per file. Without `offset` the order is checked by it; with `offset` it is only accepted. */
  seq: number;
  /** Bytes of this file the screen had sent before this chunk. */
  offset?: number;
  bytes: Uint8Array;
}

export interface CameraRecordingFile {
  readonly path: string;
  bytesWritten(): number;
  /** Appends a chunk once it is this file's next; waits for earlier appends first. */
  append(chunk: ChunkToAppend): Promise<ChunkWritten>;
  /** Bytes on disk once the appends already asked for are done. */
  settled(): Promise<number>;
  /** Waits for the appends already asked for, then closes the file. Later appends are refused. */
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) a camera's raw file for appending. `name` is how messages call it ("Camera 1").
 * `reopened`: the file is from before a restart of main, so the last seq is unknown and chunks must say their
 * offset.
 */
export async function openCameraRecordingFile(
  path: string,
  name: string,
  options: { reopened?: boolean } = {},
): Promise<CameraRecordingFile> {
  // Read as well as append: a resent chunk is compared with what is on disk.
  const handle = await open(path, 'a+');
  const { size } = await handle.stat();
  let written = size;
  let lastSeq: number | null = options.reopened ? null : -1;
  let closed = false;
  // Every append and the close wait for the one before: two calls can never interleave their bytes.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function write(chunk: ChunkToAppend): Promise<ChunkWritten> {
    if (closed) throw new AppFailure('CONFLICT', `${name}'s file for this take is already closed.`);
    const { seq, offset, bytes } = chunk;
    if (offset === undefined) {
      if (lastSeq === null) {
        throw new AppFailure(
          'CONFLICT',
          `The kiosk reopened this take after a restart and cannot tell which of ${name}'s chunks it already has. Stop this take and record the scene again.`,
        );
      }
      if (seq === lastSeq) return { bytesWritten: written, appended: false };
      if (seq !== lastSeq + 1) {
        throw new AppFailure(
          'CONFLICT',
          `${name}'s chunks arrived out of order (chunk ${seq} came when chunk ${lastSeq + 1} was next), so the footage would have a hole. Stop this take and record the scene again.`,
        );
      }
    } else {
      if (offset > written) {
        throw new AppFailure(
          'CONFLICT',
          `Part of ${name}'s footage never reached the kiosk (it has ${written} bytes, this chunk starts at byte ${offset}), so the footage would have a hole. Stop this take and record the scene again.`,
        );
      }
      const end = offset + bytes.byteLength;
      if (offset < written && end === written && (await onDiskAlready(handle, offset, bytes))) {
        lastSeq = seq;
        return { bytesWritten: written, appended: false };
      }
      if (offset < written) {
        // What is on disk past `offset` is a half-written chunk or chunks the screen is sending again, in order.
        await cutBack(offset);
      }
    }
    try {
      await writeAll(handle, bytes);
      // On the disk, not just in the page cache: a power cut after the ack must not lose this chunk.
      await handle.datasync();
    } catch (error) {
      // Put the file back as it was, so the screen's retry of this chunk appends cleanly.
      await handle.truncate(written).catch(() => undefined);
      throw diskFailure(error);
    }
    written += bytes.byteLength;
    lastSeq = seq;
    return { bytesWritten: written, appended: true };
  }

  async function cutBack(offset: number): Promise<void> {
    try {
      await handle.truncate(offset);
      await handle.datasync();
    } catch (error) {
      throw diskFailure(error);
    }
    written = offset;
  }

  function diskFailure(error: unknown): AppFailure {
    const code = (error as NodeJS.ErrnoException).code;
    return new AppFailure(
      'UNAVAILABLE',
      `The kiosk could not save ${name}'s footage to its disk${code ? ` (${code})` : ''}. Check the free space, then try again.`,
    );
  }

  return {
    path,
    bytesWritten: () => written,
    append: (chunk) => enqueue(() => write(chunk)),
    settled: () => enqueue(async () => written),
    close: () =>
      enqueue(async () => {
        if (closed) return;
        closed = true;
        await handle.close();
      }),
  };
}

/** Are these bytes already in the file at `offset`? */
async function onDiskAlready(handle: FileHandle, offset: number, bytes: Uint8Array): Promise<boolean> {
  const onDisk = Buffer.alloc(bytes.byteLength);
  let read = 0;
  while (read < onDisk.byteLength) {
    const { bytesRead } = await handle.read(onDisk, read, onDisk.byteLength - read, offset + read);
    if (bytesRead <= 0) return false;
    read += bytesRead;
  }
  return onDisk.equals(bytes);
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset, null);
    if (bytesWritten <= 0) throw Object.assign(new Error('nothing was written'), { code: 'EIO' });
    offset += bytesWritten;
  }
}
