// What the storage rules ask of the backup: the files of the newest verified backup generation, by path
// (`readVerifiedFiles` of the backup engine), and the hash that tells whether a file on disk is the one it holds.
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

export type { VerifiedFiles } from '../backups/engine';

/** The SHA-256 of a file, read in chunks; `onBytes` hears each chunk's size (for progress). */
export async function sha256OfFile(file: string, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return hash.digest('hex');
}
