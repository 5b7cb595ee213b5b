// Signature images on disk: <data>/waivers/<check-in id>/<signature id>.png, written whole (a temp file,
// fsync, rename, fsync of the folder) so a power cut leaves the old state or the whole image, never half.
// The hash kept beside it covers the image and the waiver text it agreed to, so neither can be swapped unseen.
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flushFile, syncDirectory } from '../files/durable';

export const WAIVERS_FOLDER = 'waivers';

/** SHA-256 (hex) of the PNG's bytes, one NUL byte, then the waiver version's text in UTF-8. */
export function signatureHash(png: Uint8Array, waiverText: string): string {
  return createHash('sha256')
    .update(png)
    .update(Buffer.from([0]))
    .update(Buffer.from(waiverText, 'utf8'))
    .digest('hex');
}

/** The signature's path relative to the data folder (what the database keeps). */
export function signatureRelativePath(checkinId: string, signatureId: string): string {
  return `${WAIVERS_FOLDER}/${checkinId}/${signatureId}.png`;
}

export async function writeSignatureFile(dataDir: string, relative: string, png: Uint8Array): Promise<void> {
  const target = path.join(dataDir, relative);
  const folder = path.dirname(target);
  await mkdir(folder, { recursive: true });
  const temp = `${target}.partial`;
  await writeFile(temp, png);
  await flushFile(temp);
  await rename(temp, target);
  await syncDirectory(folder);
}

/** Removes a check-in's signature folder (a check-in that could not be saved after its images were written). */
export async function removeCheckinSignatures(dataDir: string, checkinId: string): Promise<void> {
  await rm(path.join(dataDir, WAIVERS_FOLDER, checkinId), { recursive: true, force: true });
}
