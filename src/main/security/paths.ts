// Maps a URL path onto a file inside a folder, refusing anything that would leave it.
import path from 'node:path';

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
  const inside = path.relative(root, absolute);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return absolute;
}
