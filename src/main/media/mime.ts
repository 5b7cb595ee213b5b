// The Content-Type of every file the kiosk serves, by its extension: the built screens (both hosts) and the
// footage and photos (the media route and the phones' download links).
import path from 'node:path';

const FALLBACK = 'application/octet-stream';

/** Footage and photos: the only types served from the data folder. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.mov': 'video/quicktime',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};

const APP_TYPES: Readonly<Record<string, string>> = {
  ...MEDIA_TYPES,
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const typeIn = (table: Readonly<Record<string, string>>, file: string): string =>
  table[path.extname(file).toLowerCase()] ?? FALLBACK;

/** A file of the built screens (page, script, style, font, picture). */
export function appContentType(file: string): string {
  return typeIn(APP_TYPES, file);
}

/**
 * A recorded video or photo. Anything else is sent as bytes to download, never as a page or an SVG the browser
 * would run, whatever a hand-edited database row names.
 */
export function mediaContentType(file: string): string {
  return typeIn(MEDIA_TYPES, file);
}
