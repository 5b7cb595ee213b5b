// What the storage rules ask of the backup: the files of the newest verified backup generation, by path. The
// backup engine (src/main/backups/engine, `readVerifiedFiles`) returns this shape; it is declared here until the
// engine lands, and then this file re-exports the engine's type instead.
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

export interface VerifiedFiles {
  generation: string;
  createdAt: string;
  /** Keyed by posix path relative to the data folder ('media/<id>/…'). */
  files: Map<string, { bytes: number; sha256: string }>;
}

/** The SHA-256 of a file, read in chunks; `onBytes` hears each chunk's size (for progress). */
export async function sha256OfFile(file: string, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return hash.digest('hex');
}
