// Making a written file survive a power cut: flush its bytes before it is renamed into place, then flush the
// folder so the rename itself is kept. Capture's takes and journals and the exports all finish files this way.
import { open } from 'node:fs/promises';

/** Flushes a written file to the disk; returns its size in bytes. */
export async function flushFile(file: string): Promise<number> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** Makes a rename in `dir` survive a power cut. Windows cannot open a folder for this, and needs no help. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself has still happened.
  }
}
