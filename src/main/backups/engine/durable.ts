// Small files written whole: under a temp name, flushed, then renamed into place.
import { randomBytes } from 'node:crypto';
import { open, rename } from 'node:fs/promises';

export async function writeFileDurably(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
