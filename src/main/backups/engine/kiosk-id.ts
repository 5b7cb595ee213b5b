// Which kiosk a backup came from. Two kiosks at one base may back up to the same drive, into the same root: each
// keeps N generations of its own and never prunes the other's, and each compares files with its own newest
// generation. The id is a file in the data folder, made on the first backup; backups carry it, so a restored
// kiosk is the same kiosk as before.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from './durable';

export const KIOSK_ID_FILE = 'kiosk-id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** This data folder's kiosk id, made (written whole) the first time it is asked for. */
export async function kioskIdOf(dataDir: string): Promise<string> {
  const file = path.join(dataDir, KIOSK_ID_FILE);
  const text = await readFile(file, 'utf8').catch(() => '');
  const id = text.trim();
  if (UUID.test(id)) return id;
  const made = randomUUID();
  await writeFileDurably(file, `${made}\n`);
  return made;
}
