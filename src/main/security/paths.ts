// The one rule for "does this path lie inside that folder", as plain paths (URL mapping) and as real paths on
// disk (files read or copied from the data folder, where a symlink must not lead out).
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * Whether `candidate` names something strictly below `folder`, comparing the paths as written (no file system).
 * The folder itself is not inside it; neither is a name starting with `..` (no file of ours has one).
 */
export function isPathInside(folder: string, candidate: string): boolean {
  const inside = path.relative(folder, path.resolve(folder, candidate));
  return inside !== '' && !inside.startsWith('..') && !path.isAbsolute(inside);
}

/** The file `urlPath` names inside `root`, or null for traversal, undecodable or NUL-containing paths. */
export function resolveInside(root: string, urlPath: string, indexFile = 'index.html'): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows kiosks; no file of ours has one in its name.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? indexFile : decoded.replace(/^\/+/, '');
  const absolute = path.resolve(root, relative);
  return isPathInside(root, absolute) ? absolute : null;
}

export interface RealPathInside {
  /** The candidate with every symlink followed: the file to open. */
  path: string;
  /** False when the candidate is not there (or cannot be resolved); `path` then ends in the missing names. */
  exists: boolean;
}

/**
 * Where `candidate` (absolute, or relative to `folder`) really is, if that lies inside the real `folder`;
 * null when a symlink, `..` or an absolute path leads out of it, or it is the folder itself. A candidate that
 * is not there is resolved through the nearest part of it that is, so a symlinked folder on the way still
 * cannot lead out, and the caller decides what a missing file means. Rejects when `folder` itself is missing.
 */
export async function realPathInside(folder: string, candidate: string): Promise<RealPathInside | null> {
  const realFolder = await realpath(folder);
  let existing = path.resolve(folder, candidate);
  const missing: string[] = [];
  for (;;) {
    // Any failure (not there, a symlink loop, no permission) counts as missing, as serving always treated it.
    const real = await realpath(existing).catch(() => null);
    if (real !== null) {
      const resolved = path.join(real, ...missing);
      return isPathInside(realFolder, resolved) ? { path: resolved, exists: missing.length === 0 } : null;
    }
    const parent = path.dirname(existing);
    if (parent === existing) return null;
    missing.unshift(path.basename(existing));
    existing = parent;
  }
}
