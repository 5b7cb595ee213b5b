// The check that ends every copy onto a drive: each copied file is read back from the drive and its SHA-256
// compared with the hash of the bytes read from the kiosk while copying. A cheap USB stick that lies about a
// write, a file system that truncates, or a drive pulled at the wrong moment shows up here, before the crew tell
// the customer the files are theirs. The read-back goes through the operating system's cache, so it proves what
// the kiosk handed to the drive, not what the flash cells keep; the fsync before it is what makes that durable.
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';

const CHUNK_BYTES = 1024 * 1024;

export interface CopiedFile {
  /** The file as written on the drive. */
  path: string;
  /** Its name for the crew. */
  name: string;
  /** SHA-256 (hex) of the bytes read from the kiosk's file while copying. */
  sourceSha256: string;
}

export type CopyCheck = { ok: true } | { ok: false; name: string };

/** The running hash of the bytes a copy reads, one per file. */
export const newCopyHash = (): Hash => createHash('sha256');

/** SHA-256 (hex) of a whole file, reporting each chunk read. */
export async function sha256OfFile(file: string, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      onBytes?.(bytesRead);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
  return hash.digest('hex');
}

/**
 * Reads every copied file back and compares it with its source's hash; the first file that differs is named. `onProgress` gets the bytes checked so far and the file being read.
 */
export async function checkCopiedFiles(
  files: readonly CopiedFile[],
  onProgress?: (checkedBytes: number, name: string) => void,
): Promise<CopyCheck> {
  let checked = 0;
  for (const file of files) {
    onProgress?.(checked, file.name);
    // A read that fails (the drive pulled out) throws: the caller words it as any other drive error.
    const actual = await sha256OfFile(file.path, (bytes) => {
      checked += bytes;
      onProgress?.(checked, file.name);
    });
    if (actual !== file.sourceSha256) return { ok: false, name: file.name };
  }
  return { ok: true };
}
