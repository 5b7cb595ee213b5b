// One camera's raw file during a take: chunks appended in seq order and flushed to the disk before they are
// acknowledged, so what the screen lets go of is really saved. Appends run one at a time per camera.
import { open, type FileHandle } from 'node:fs/promises';
import { AppFailure } from '../errors';

export interface ChunkWritten {
  /** Bytes of this camera on disk so far. */
  bytesWritten: number;
  /** False for a repeat of the last chunk (a retried call): acknowledged, not written again. */
  appended: boolean;
}

export interface CameraRecordingFile {
  readonly path: string;
  bytesWritten(): number;
  /** Appends chunk `seq` (0, 1, 2...) once it is this camera's next; waits for earlier appends first. */
  append(seq: number, bytes: Uint8Array): Promise<ChunkWritten>;
  /** Waits for the appends already asked for, then closes the file. Later appends are refused. */
  close(): Promise<void>;
}

/** Opens (creating if needed) a camera's raw file for appending. `name` is how messages call it ("Camera 1"). */
export async function openCameraRecordingFile(path: string, name: string): Promise<CameraRecordingFile> {
  const handle = await open(path, 'a');
  const { size } = await handle.stat();
  let written = size;
  let lastSeq = -1;
  let closed = false;
  // Every append and the close wait for the one before: two calls can never interleave their bytes.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function write(seq: number, bytes: Uint8Array): Promise<ChunkWritten> {
    if (closed) throw new AppFailure('CONFLICT', `${name}'s file for this take is already closed.`);
    if (seq === lastSeq) return { bytesWritten: written, appended: false };
    if (seq !== lastSeq + 1) {
      throw new AppFailure(
        'CONFLICT',
        `${name}'s chunks arrived out of order (chunk ${seq} came when chunk ${lastSeq + 1} was next), so the footage would have a hole. Stop this take and record the scene again.`,
      );
    }
    try {
      await writeAll(handle, bytes);
      // On the disk, not just in the page cache: a power cut after the ack must not lose this chunk.
      await handle.datasync();
    } catch (error) {
      // Put the file back as it was, so the screen's retry of this seq appends cleanly.
      await handle.truncate(written).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppFailure(
        'UNAVAILABLE',
        `The kiosk could not save ${name}'s footage to its disk${code ? ` (${code})` : ''}. Check the free space, then try again.`,
      );
    }
    written += bytes.byteLength;
    lastSeq = seq;
    return { bytesWritten: written, appended: true };
  }

  return {
    path,
    bytesWritten: () => written,
    append: (seq, bytes) => enqueue(() => write(seq, bytes)),
    close: () =>
      enqueue(async () => {
        if (closed) return;
        closed = true;
        await handle.close();
      }),
  };
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset, null);
    if (bytesWritten <= 0) throw Object.assign(new Error('nothing was written'), { code: 'EIO' });
    offset += bytesWritten;
  }
}
