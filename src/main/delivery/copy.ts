// Copies a sale's files onto a drive so that the customer gets all of them or none: everything is written into
// a hidden staging folder beside the final one, each file as `<name>.part` that is flushed and then renamed, and
// only a complete folder is renamed into place. On any failure — a full drive, a drive pulled out, a file gone
// from the kiosk — every file and folder this copy made is removed again. A copy made earlier of the same sale
// stays as it was until a new complete copy replaces it. Before the folder is put in place, every file is read
// back and its hash compared with the kiosk's (copy-check.ts): a copy that does not match is removed like any
// other failed one.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from '../files/durable';
import { checkCopiedFiles, newCopyHash, type CopiedFile } from './copy-check';

/**
 * The audit action of a finished copy (on the sale): the record that the customer got the files, which the
 * storage rules read as "delivered" (storage/retention.ts).
 */
export const COPY_TO_DRIVE_ACTION = 'copy_to_drive';

/** The folder every copy goes into on a drive, so a customer's drive stays tidy. */
export const COPY_ROOT_FOLDER = 'MagnumStream';

const CHUNK_BYTES = 1024 * 1024;
/** Room left over for the file system's own bookkeeping (folder entries, clusters rounded up). */
const FREE_SPACE_MARGIN = 8 * 1024 * 1024;

export interface FileToCopy {
  /** Absolute path on the kiosk. */
  source: string;
  /** The name on the drive. */
  name: string;
}

export interface CopyProgress {
  /** Writing the files, then reading them back to check them (copiedBytes then counts the bytes checked). */
  stage: 'copy' | 'check';
  copiedBytes: number;
  totalBytes: number;
  fileName: string;
}

/** Injected for tests: runs after each chunk is written, and may throw to fail the copy right there. */
export interface CopyHooks {
  afterChunk?(copiedBytes: number): void | Promise<void>;
  /** Runs once every file is written, before they are read back (a test changes a byte here). */
  beforeCheck?(stagingFolder: string): void | Promise<void>;
}

export interface CopyOptions {
  files: readonly FileToCopy[];
  /** The drive or folder picked (it must exist: a missing one means the drive was removed). */
  targetDir: string;
  folderName: string;
  freeBytes(dir: string): Promise<number | null>;
  onProgress?(progress: CopyProgress): void;
  signal?: AbortSignal;
  hooks?: CopyHooks;
}

export interface CopyDone {
  /** Absolute path of the finished folder. */
  folder: string;
  files: number;
  bytes: number;
}

export type CopyProblemReason =
  'full' | 'gone' | 'read-only' | 'too-large' | 'source' | 'mismatch' | 'stopped' | 'other';

/** Why a copy failed, with a message for the crew that says what happened and what to do. */
export class CopyProblem extends Error {
  constructor(
    readonly reason: CopyProblemReason,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'CopyProblem';
  }
}

const NOTHING_LEFT = 'Nothing was left half-copied on it.';

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** A file system error, by which side it came from, as words for the crew. */
export function copyProblemOf(error: unknown, side: 'source' | 'target', fileName: string): CopyProblem {
  if (error instanceof CopyProblem) return error;
  const code = codeOf(error);
  if (side === 'source') {
    return new CopyProblem(
      'source',
      `The file ${fileName} could not be read from the kiosk (it may have been removed). ${NOTHING_LEFT} Make the video or photos again, then copy again.`,
      error,
    );
  }
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new CopyProblem(
        'full',
        `The drive filled up while copying. ${NOTHING_LEFT} Free some space on it or use a bigger drive, then copy again.`,
        error,
      );
    case 'ENOENT':
    case 'EIO':
    case 'ENODEV':
    case 'ENXIO':
    case 'ESTALE':
    case 'ENOTDIR':
      return new CopyProblem(
        'gone',
        `The drive was removed or stopped answering while copying. ${NOTHING_LEFT} Plug it in again, wait a few seconds, then copy again.`,
        error,
      );
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new CopyProblem(
        'read-only',
        'The kiosk is not allowed to write on that drive (it is read-only or its lock switch is on). Use another drive, or slide the lock off, then copy again.',
        error,
      );
    case 'EFBIG':
      return new CopyProblem(
        'too-large',
        `${fileName} is too large for this drive’s format (FAT32 holds at most 4 GB per file). ${NOTHING_LEFT} Use a drive formatted as exFAT, or copy to the kiosk’s folder instead.`,
        error,
      );
    default:
      return new CopyProblem(
        'other',
        `The copy to the drive failed (${code ?? 'unknown error'}). ${NOTHING_LEFT} Try again, or try another drive.`,
        error,
      );
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const exists = (file: string) =>
  stat(file)
    .then(() => true)
    .catch(() => false);

/** Writes all of `buffer` (a write may take fewer bytes than asked). */
async function writeAll(handle: FileHandle, buffer: Buffer, length: number): Promise<void> {
  let written = 0;
  while (written < length) {
    const { bytesWritten } = await handle.write(buffer, written, length - written);
    written += bytesWritten;
  }
}

export async function copyIntoFolder(options: CopyOptions): Promise<CopyDone> {
  const { files, targetDir, folderName, signal, hooks } = options;
  const stopped = () =>
    new CopyProblem('stopped', `The kiosk is shutting down, so the copy was stopped. ${NOTHING_LEFT}`);

  const targetInfo = await stat(targetDir).catch(() => null);
  if (!targetInfo?.isDirectory()) {
    throw new CopyProblem(
      'gone',
      'That drive or folder is no longer there. Check the USB drive is plugged in, then pick it again.',
    );
  }

  // Sizes from the files themselves, not from the database: they are what has to fit on the drive.
  const sizes: number[] = [];
  for (const file of files) {
    const info = await stat(file.source).catch((error: unknown) => {
      throw copyProblemOf(error, 'source', file.name);
    });
    sizes.push(info.size);
  }
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const free = await options.freeBytes(targetDir);
  if (free !== null && free < totalBytes + FREE_SPACE_MARGIN) {
    throw new CopyProblem(
      'full',
      `The drive is too full: these files need ${formatSize(totalBytes)} and it has ${formatSize(free)} free. Nothing was copied. Free some space on it or use a bigger drive.`,
    );
  }

  const parent = path.join(targetDir, COPY_ROOT_FOLDER);
  const suffix = randomBytes(4).toString('hex');
  const staging = path.join(parent, `.${folderName}.partial-${suffix}`);
  const final = path.join(parent, folderName);
  const previous = path.join(parent, `.${folderName}.old-${suffix}`);
  let madeParent = false;
  let movedPrevious = false;
  let placed = false;
  let copiedBytes = 0;
  let current = files[0]?.name ?? '';

  try {
    madeParent = !(await exists(parent));
    await mkdir(parent, { recursive: true }).catch((error: unknown) => {
      throw copyProblemOf(error, 'target', folderName);
    });
    await mkdir(staging).catch((error: unknown) => {
      throw copyProblemOf(error, 'target', folderName);
    });

    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const copied: CopiedFile[] = [];
    for (const file of files) {
      current = file.name;
      options.onProgress?.({ stage: 'copy', copiedBytes, totalBytes, fileName: file.name });
      const sourceHash = newCopyHash();
      const part = path.join(staging, `${file.name}.part`);
      const input = await open(file.source, 'r').catch((error: unknown) => {
        throw copyProblemOf(error, 'source', file.name);
      });
      try {
        const output = await open(part, 'wx').catch((error: unknown) => {
          throw copyProblemOf(error, 'target', file.name);
        });
        try {
          for (;;) {
            if (signal?.aborted) throw stopped();
            const { bytesRead } = await input.read(buffer, 0, CHUNK_BYTES, null).catch((error: unknown) => {
              throw copyProblemOf(error, 'source', file.name);
            });
            if (bytesRead === 0) break;
            sourceHash.update(buffer.subarray(0, bytesRead));
            await writeAll(output, buffer, bytesRead).catch((error: unknown) => {
              throw copyProblemOf(error, 'target', file.name);
            });
            copiedBytes += bytesRead;
            await hooks?.afterChunk?.(copiedBytes);
            options.onProgress?.({ stage: 'copy', copiedBytes, totalBytes, fileName: file.name });
          }
          // Flushed before the rename, so a drive pulled right after "done" has the whole file.
          await output.sync().catch((error: unknown) => {
            throw copyProblemOf(error, 'target', file.name);
          });
        } finally {
          await output.close().catch(() => undefined);
        }
      } finally {
        await input.close().catch(() => undefined);
      }
      const written = path.join(staging, file.name);
      await rename(part, written).catch((error: unknown) => {
        throw copyProblemOf(error, 'target', file.name);
      });
      copied.push({ path: written, name: file.name, sourceSha256: sourceHash.digest('hex') });
    }
    await syncDirectory(staging);

    await hooks?.beforeCheck?.(staging);
    if (signal?.aborted) throw stopped();
    const check = await checkCopiedFiles(copied, (checkedBytes, fileName) => {
      current = fileName;
      options.onProgress?.({ stage: 'check', copiedBytes: checkedBytes, totalBytes, fileName });
    });
    if (!check.ok) {
      throw new CopyProblem(
        'mismatch',
        `${check.name} read back from the drive differs from the kiosk’s file, so the drive may be failing. The copy was removed from it. Try again, or use another drive.`,
      );
    }

    if (signal?.aborted) throw stopped();
    // An earlier copy of this sale is moved aside, not deleted, until the new one is in place.
    if (await exists(final)) {
      await rename(final, previous);
      movedPrevious = true;
    }
    await rename(staging, final);
    placed = true;
    await syncDirectory(parent);
    if (movedPrevious) await rm(previous, { recursive: true, force: true }).catch(() => undefined);
    return { folder: final, files: files.length, bytes: copiedBytes };
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (movedPrevious && !placed) await rename(previous, final).catch(() => undefined);
    if (madeParent) {
      const left = await readdir(parent).catch(() => null);
      if (left && left.length === 0) await rmdir(parent).catch(() => undefined);
    }
    throw copyProblemOf(error, 'target', current);
  }
}
