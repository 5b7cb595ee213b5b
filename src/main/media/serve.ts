// Serves recorded footage and photos back to the screens, for both hosts: the services process decides the
// answer (media/answer.ts) and the host turns it into a Response: Electron's app:// protocol returns it as is,
// the browser host's http server pipes it (media/http.ts). A file is served only to a
// signed-in person who may see its flight (the row rules), when the database names it, and when it really is a
// regular file inside that flight's own folder media/<recording>/; no signed-in caller gets a bare 401, every
// other refusal the same bare 404, and why goes to the log. Files are streamed, never read whole: a scene is
// hundreds of MB.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../../db/schema';
import { canSeeRecordingId } from '../access/by-id';
import type { Viewer } from '../access/rules';
import { createDataAccess, kioskToday, type DataAccess } from '../data-access';
import { SECURITY_HEADERS } from '../security/csp';
import { answerToResponse, textAnswer, type FileAnswer, type ServedFile } from './answer';
import { realPathInside, resolveInside } from '../security/paths';
import { mediaContentType } from './mime';
import { parseRange } from './range';
import { checkMediaPath, rawPathname } from './request-path';

export interface MediaRequest {
  method: string;
  /** Origin-form (`/media/...?v=2`) or absolute (`app://magnum/media/...`); the query is ignored. */
  url: string;
  /** The Range header, if any. */
  range?: string | null;
  /** Who asks: the session behind the browser's cookie or the Electron window's; null when nobody signed in. */
  viewer: Viewer | null;
}

export interface MediaService {
  /** The answer as data, for a host in another process (media/answer.ts). */
  answer(request: MediaRequest): Promise<FileAnswer>;
  /** The answer as the Response a host serves: `answerToResponse(await answer(request))`. */
  respond(request: MediaRequest): Promise<Response>;
}

/** What a host serves a file route through: the Response only (the media and thumbnail services, or their
 * proxies in the host when the services run in their own process). */
export type FileRoute = Pick<MediaService, 'respond'>;

export interface MediaServiceOptions {
  dataDir: string;
  /** The open database, or null when it could not be opened (media then answers 503). */
  db: () => Kysely<Database> | null;
  logger: Logger;
  /** The clock and time zone that say which flights are "today's" for the crew; the kiosk's own by default. */
  clock?: FileClock;
}

export type FileClock = Pick<DataAccess, 'now' | 'utcOffsetMinutes'>;
/** The real clock: createDataAccess's defaults (its database is never asked for). */
export const KIOSK_CLOCK: FileClock = createDataAccess({ handle: null });

export const MEDIA_ALLOWED_METHODS = 'GET, HEAD';

const plain = textAnswer;

const notFound = () => plain(404, 'Not found.');
/** For both file services: nobody signed in, before anything is looked up (so it tells nothing about files). */
export const signInFirst = () => plain(401, 'Sign in to see this.', { 'Cache-Control': 'no-store' });

/**
 * Finds a row naming `relativePath` as a scene's camera file or a counted file of any kind. One query, both
 * halves on an index: storage_usage.path is UNIQUE, and a scene's files live under media/<its recording id>/
 * (ARCHITECTURE.md, Data location), so scene_recordings is narrowed by its recording_id index first.
 */
export function knownMediaFileQuery(db: Kysely<Database>, relativePath: string, recordingId: string) {
  return db
    .selectFrom('storage_usage')
    .select('id')
    .where('path', '=', relativePath)
    .unionAll(
      db
        .selectFrom('scene_recordings')
        .select('id')
        .where('recording_id', '=', recordingId)
        .where((eb) => eb.or([eb('camera1_path', '=', relativePath), eb('camera2_path', '=', relativePath)])),
    )
    .limit(1);
}

/** Where one flight's files live (ARCHITECTURE.md, Data location); nothing of it is served from anywhere else. */
export function recordingFolder(root: string, recordingId: string): string {
  return path.join(root, 'media', recordingId);
}

export function createMediaService({
  dataDir,
  db: currentDb,
  logger,
  clock = KIOSK_CLOCK,
}: MediaServiceOptions): MediaService {
  const root = path.resolve(dataDir);

  /** The open file, or why it is refused. Stat'ed through the open handle, so the size and type checked are
   * those of the file sent; O_NOFOLLOW refuses a symlink swapped in after realpath. */
  async function openKnownFile(
    db: Kysely<Database>,
    relativePath: string,
    segments: string[],
    recordingId: string,
  ): Promise<{ file: Omit<ServedFile, 'start' | 'end'>; size: number } | string> {
    const known = await knownMediaFileQuery(db, relativePath, recordingId).executeTakeFirst();
    if (!known) return 'not a media file the database knows';
    // Re-encoded so that resolveInside's own decoding yields exactly our segments (a stored name with a `%`
    // must not be decoded twice).
    const absolute = resolveInside(root, `/${segments.map(encodeURIComponent).join('/')}`);
    if (!absolute) return 'outside the data folder';
    // Inside this flight's own folder, symlinks followed: a link to magnum.db or another flight is refused.
    const real = await realPathInside(recordingFolder(root, recordingId), absolute).catch(() => null);
    if (!real) return 'links outside the flight’s folder';
    if (!real.exists) return 'file missing';
    const file = await open(real.path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => null);
    if (!file) return 'file unreadable';
    const info = await file.stat({ bigint: true }).catch(() => null);
    await file.close();
    if (!info?.isFile()) return 'not a regular file';
    return {
      file: { path: real.path, dev: String(info.dev), ino: String(info.ino) },
      size: Number(info.size),
    };
  }

  async function answer({ method, url, range, viewer }: MediaRequest): Promise<FileAnswer> {
    if (method !== 'GET' && method !== 'HEAD') {
      return plain(405, 'Only GET and HEAD are served here.', { Allow: MEDIA_ALLOWED_METHODS });
    }
    const checked = checkMediaPath(rawPathname(url));
    if (!checked.ok) {
      logger.warn({ url, reason: checked.reason }, 'media request refused');
      return notFound();
    }
    const db = currentDb();
    if (!db) {
      logger.warn({ url }, 'media request while the database is not open');
      return plain(503, 'Media is not available right now.');
    }
    if (!viewer) {
      logger.warn({ url }, 'media request without a session refused');
      return signInFirst();
    }

    let opened: Awaited<ReturnType<typeof openKnownFile>>;
    try {
      opened = (await canSeeRecordingId(db, viewer, checked.recordingId, kioskToday(clock)))
        ? await openKnownFile(db, checked.path, checked.segments, checked.recordingId)
        : 'a flight this person may not see';
    } catch (error) {
      logger.error({ err: error, url }, 'media lookup failed');
      return plain(503, 'Media is not available right now.');
    }
    if (typeof opened === 'string') {
      logger.warn({ url, path: checked.path, reason: opened }, 'media request refused');
      return notFound();
    }

    const { file, size } = opened;
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-cache',
      'Content-Type': mediaContentType(checked.path),
    };
    const wanted = parseRange(range, size);
    if (wanted.kind === 'unsatisfiable') {
      logger.warn({ url, range, size }, 'media range not satisfiable');
      return {
        status: 416,
        headers: { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' },
        body: null,
      };
    }

    const [start, end] = wanted.kind === 'partial' ? [wanted.start, wanted.end] : [0, size - 1];
    const length = end - start + 1;
    if (wanted.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    headers['Content-Length'] = String(length);
    const status = wanted.kind === 'partial' ? 206 : 200;

    if (method === 'HEAD' || length === 0) return { status, headers, body: null };
    return { status, headers, body: { file: { ...file, start, end } } };
  }

  return {
    answer,
    respond: async (request) => answerToResponse(await answer(request)),
  };
}
