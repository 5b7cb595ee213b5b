// Writes a diagnostics folder onto a drive whole or not at all: into a hidden staging folder beside the final
// one, every file flushed, then one rename. Every file passes through the scrubber (logs line by line), so no
// customer detail or secret reaches the drive even for a moment. A drive pulled out or full midway leaves
// nothing behind but the message saying so.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AppFailure, storageProblem, storageProblemMessage } from '../errors';
import { syncDirectory } from '../files/durable';
import type { Scrub } from './scrub';

/** The folder every diagnostics folder goes into on a drive. */
export const DIAGNOSTICS_ROOT_FOLDER = 'MagnumStream-diagnostics';

export type DiagnosticsFile =
  | { name: string; text: string }
  /** A log file on the kiosk, copied through the scrubber. */
  | { name: string; log: string };

export interface WrittenDiagnostics {
  /** Absolute path of the finished folder. */
  folder: string;
  name: string;
  files: number;
  bytes: number;
}

const WRITE_CHUNK = 256 * 1024;

async function writeAll(handle: FileHandle, text: string): Promise<number> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
  return bytes.length;
}

/** Copies a log through the scrubber, a line at a time, writing in chunks. */
async function writeScrubbedLog(handle: FileHandle, source: string, scrub: Scrub): Promise<number> {
  const lines = createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity });
  let pending = '';
  let written = 0;
  for await (const line of lines) {
    pending += `${scrub(line)}\n`;
    if (pending.length >= WRITE_CHUNK) {
      written += await writeAll(handle, pending);
      pending = '';
    }
  }
  return written + (await writeAll(handle, pending));
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** A name not taken yet in `parent`: diagnostics-<stamp>, then -2, -3… for two saves in one second. */
async function freeName(parent: string, base: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!(await exists(path.join(parent, name)))) return name;
  }
}

/** The sentence for a failed write, naming the drive the crew picked. */
function writeProblem(error: unknown, place: string): AppFailure {
  if (error instanceof AppFailure) return error;
  const storage = storageProblem(error);
  if (storage?.problem === 'full') {
    return new AppFailure(
      'CONFLICT',
      `${place} is full, so the diagnostics were not saved. Free some space on it or use another drive.`,
    );
  }
  if (storage) return new AppFailure('CONFLICT', storageProblemMessage(storage.problem, place));
  return new AppFailure(
    'CONFLICT',
    `The diagnostics could not be written to ${place} (${(error as Error).message}). Nothing was left on it. Check the drive and try again.`,
  );
}

export async function writeDiagnosticsFolder({
  targetDir,
  place,
  baseName,
  files,
  scrub,
}: {
  targetDir: string;
  /** The drive in the crew's words ("Drive KINGSTON"), for messages. */
  place: string;
  /** diagnostics-<stamp> */
  baseName: string;
  files: readonly DiagnosticsFile[];
  scrub: Scrub;
}): Promise<WrittenDiagnostics> {
  const target = await stat(targetDir).catch(() => null);
  if (!target?.isDirectory()) {
    throw new AppFailure(
      'NOT_FOUND',
      'That drive or folder is no longer there. Check the USB drive is plugged in, then pick it again.',
    );
  }
  const parent = path.join(targetDir, DIAGNOSTICS_ROOT_FOLDER);
  const madeParent = !(await exists(parent));
  let staging: string | null = null;
  try {
    await mkdir(parent, { recursive: true });
    const name = await freeName(parent, baseName);
    staging = path.join(parent, `.${name}.partial-${randomBytes(4).toString('hex')}`);
    await mkdir(staging);
    let bytes = 0;
    for (const file of files) {
      const destination = path.join(staging, file.name);
      await mkdir(path.dirname(destination), { recursive: true });
      const handle = await open(destination, 'wx');
      try {
        bytes +=
          'text' in file
            ? await writeAll(handle, scrub(file.text))
            : await writeScrubbedLog(handle, file.log, scrub);
        // Flushed before the rename: a drive pulled right after "saved" has every file.
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    if (files.some((file) => file.name.includes('/'))) {
      for (const dir of new Set(files.map((file) => path.dirname(file.name)).filter((dir) => dir !== '.')))
        await syncDirectory(path.join(staging, dir));
    }
    await syncDirectory(staging);
    const folder = path.join(parent, name);
    await rename(staging, folder);
    staging = null;
    await syncDirectory(parent);
    return { folder, name, files: files.length, bytes };
  } catch (error) {
    if (staging) await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (madeParent) {
      const left = await readdir(parent).catch(() => null);
      if (left && left.length === 0) await rmdir(parent).catch(() => undefined);
    }
    throw writeProblem(error, place);
  }
}
