// The first gate of the media route: from a request URL to the data-folder-relative path it names, or a reason
// to refuse it. Pure, so every traversal trick is tested with plain strings; the database and the file system
// are checked after this, in serve.ts.
import { MEDIA_ROUTE } from './url';

export type MediaPathCheck =
  /** `media/<recording>/<scene>/camera1.mp4`: no leading slash, each segment decoded exactly once. */
  | { ok: true; path: string; segments: string[]; /** Whose flight's folder it names. */ recordingId: string }
  | { ok: false; reason: string };

/**
 * The path part of a request URL exactly as the client sent it: origin-form (`/media/...?v=1`, node:http) or
 * absolute (`app://magnum/media/...`, Electron). Not `new URL().pathname`, which would quietly resolve `..`
 * and read `//etc/passwd` as a host name, hiding from the checks below what was asked for.
 */
export function rawPathname(url: string): string {
  const withoutAuthority = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const end = withoutAuthority.search(/[?#]/);
  return end < 0 ? withoutAuthority : withoutAuthority.slice(0, end);
}

/**
 * Checks the shape of a media URL path. Refuses, before anything touches the disk or the database: anything
 * not under /media/, a bad percent escape, and any segment that is empty (`//`), `.` or `..`, or that holds
 * a slash (`..%2f`), a backslash, a NUL or a colon (a Windows drive or alternate data stream) once decoded.
 * None of our files has such a name, so refusing them costs nothing.
 */
export function checkMediaPath(pathname: string): MediaPathCheck {
  if (!pathname.startsWith(MEDIA_ROUTE)) return { ok: false, reason: 'not under /media/' };
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: 'bad percent escape' };
    }
    if (segment === '' || segment === '.' || segment === '..') {
      return { ok: false, reason: 'empty or dot segment' };
    }
    if (/[/\\\0:]/.test(segment)) return { ok: false, reason: 'separator, NUL or colon in a segment' };
    segments.push(segment);
  }
  // media/<recording>/<file> at the least: the folder itself, or a recording's folder, is never a file of ours.
  if (segments.length < 3) return { ok: false, reason: 'too short to name a media file' };
  return { ok: true, path: segments.join('/'), segments, recordingId: segments[1]! };
}
