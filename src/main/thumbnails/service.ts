// Serves a scene's thumbnails (a poster for the dashboard, a strip of frames for the editor's timeline) for
// both hosts, like media/serve.ts serves footage. ffmpeg makes each one on first request, one job at a time
// (a 2-core kiosk, and the dashboard asks for twenty posters at once), and the JPEG is cached under
// <dataDir>/thumbs/<sceneId>/camera<N>-<kind>-<version>.jpg. The version is the scene's updated_at, so a
// re-recorded scene gets new URLs, and the old files are deleted when the new ones are made. The same rules as
// footage: only to a signed-in person who may see the scene's flight, only a scene the database knows, only a
// camera file it names that is a regular file inside that flight's folder; every refusal the same bare 404
// (401 when nobody signed in), why goes to the log.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../../db/schema';
import { parseMediaInfo } from '../ffmpeg/probe';
import { runFfmpeg, type FfmpegResult, type RunFfmpegOptions } from '../ffmpeg/run';
import { canSeeRecordingId } from '../access/by-id';
import { kioskToday } from '../data-access';
import {
  KIOSK_CLOCK,
  recordingFolder,
  signInFirst,
  type FileClock,
  type MediaRequest,
  type MediaService,
} from '../media/serve';
import { thumbVersion, type ThumbKind } from '../media/thumb-url';
import { answerToResponse, textAnswer, type FileAnswer } from '../media/answer';
import { SECURITY_HEADERS } from '../security/csp';
import { realPathInside, resolveInside } from '../security/paths';
import type { Viewer } from '../access/rules';
import { posterArgs, stripArgs } from './ffmpeg-args';
import { checkThumbRequest, type ThumbRequest } from './request';

/** Under the data folder, beside media/. */
export const THUMBS_FOLDER = 'thumbs';
/** The URL changes with the version, so a browser may keep a thumbnail for good. */
export const THUMB_CACHE_CONTROL = 'private, max-age=31536000, immutable';
/** What a 503 asks the client to wait before trying again. */
export const THUMB_RETRY_AFTER_SECONDS = 5;
/** Thumbnails waiting for ffmpeg at most; past it a request is answered 503 (a list scrolled very fast). */
export const THUMB_MAX_QUEUED = 200;

export type RunThumbFfmpeg = (args: readonly string[], options: RunFfmpegOptions) => Promise<FfmpegResult>;

export interface ThumbnailServiceOptions {
  dataDir: string;
  /** The open database, or null when it could not be opened (thumbnails then answer 503). */
  db: () => Kysely<Database> | null;
  logger: Logger;
  /** Runs ffmpeg; the real runner unless a test counts the runs or makes them fail. */
  runFfmpeg?: RunThumbFfmpeg;
  maxQueued?: number;
  /** What "today's flights" means for the crew's row rule; the kiosk's own clock by default. */
  clock?: FileClock;
}

/** Same `respond` as the media service, so both hosts route it the same way; `close` stops ffmpeg. */
export interface ThumbnailService extends MediaService {
  /** How many thumbnails wait for ffmpeg (not counting the one being made). */
  waiting(): number;
  close(): Promise<void>;
}

/** The cache file's name for one thumbnail of one version. */
export function thumbFileName(camera: 1 | 2, kind: ThumbKind, version: string): string {
  return `camera${camera}-${kind}-${version}.jpg`;
}

/** A whole JPEG: the start-of-image marker first and the end-of-image marker last (not cut off mid-write). */
export function isCompleteJpeg(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return n > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9;
}

/** What follows `camera<N>-<kind>-` in a cache file's name: its version, and the temp suffix if any. */
const OLD_FILE = /^(\d+)\.jpg(\.[0-9a-f-]+\.tmp)?$/;

interface QueuedJob {
  kind: ThumbKind;
  /** Runs the job; settles the requests' promise, never rejects itself. */
  start(): Promise<void>;
  cancel(error: Error): void;
}

class QueueFullError extends Error {}
class ClosedError extends Error {}

function plain(status: number, text: string, headers: Record<string, string> = {}): FileAnswer {
  return textAnswer(status, text, { 'Cache-Control': 'no-store', ...headers });
}

const notFound = () => plain(404, 'Not found.');
const unavailable = () =>
  plain(503, 'The thumbnail is not available right now.', {
    'Retry-After': String(THUMB_RETRY_AFTER_SECONDS),
  });

interface ThumbJob extends ThumbRequest {
  /** The camera file, resolved and checked to lie inside the data folder. */
  source: string;
  /** Seconds, from the database; null asks ffmpeg. */
  durationSeconds: number | null;
  /** The cache file this job makes. */
  file: string;
}

export function createThumbnailService({
  dataDir,
  db: currentDb,
  logger,
  runFfmpeg: run = runFfmpeg,
  maxQueued = THUMB_MAX_QUEUED,
  clock = KIOSK_CLOCK,
}: ThumbnailServiceOptions): ThumbnailService {
  const root = path.resolve(dataDir);
  const stopping = new AbortController();
  /** Jobs waiting for ffmpeg; one runs at a time. */
  const waiting: QueuedJob[] = [];
  /** The job running now, settled or not; close() waits for it. */
  let running: Promise<void> | null = null;
  /** Cache file → the job making it, so concurrent requests for one thumbnail share one ffmpeg run. */
  const making = new Map<string, Promise<Buffer>>();

  function enqueue(kind: ThumbKind, task: () => Promise<Buffer>): Promise<Buffer> {
    if (stopping.signal.aborted) return Promise.reject(new ClosedError('thumbnails are closing'));
    if (waiting.length >= maxQueued) return Promise.reject(new QueueFullError('too many thumbnails waiting'));
    return new Promise<Buffer>((resolve, reject) => {
      waiting.push({ kind, start: () => task().then(resolve, reject), cancel: reject });
      if (!running) running = drain();
    });
  }

  /**
   * Runs the waiting jobs one after another, posters first: a poster is one seek and one frame, while a strip
   * decodes a whole camera file, so twenty dashboard posters are not kept waiting behind an editor's strips.
   */
  async function drain(): Promise<void> {
    for (;;) {
      const posterAt = waiting.findIndex((job) => job.kind === 'poster');
      const next = waiting.splice(posterAt >= 0 ? posterAt : 0, 1)[0];
      if (!next) break;
      if (stopping.signal.aborted) next.cancel(new ClosedError('thumbnails are closing'));
      else await next.start();
    }
    running = null;
  }

  /** The camera file the scene names, resolved inside its flight's folder; or why it is refused. */
  async function findSource(
    relativePath: string,
    recordingId: string,
  ): Promise<string | { refused: string }> {
    const segments = relativePath.split('/');
    // Re-encoded so that resolveInside's own decoding yields exactly the stored segments.
    const absolute = resolveInside(root, `/${segments.map(encodeURIComponent).join('/')}`);
    if (!absolute) return { refused: 'camera file outside the data folder' };
    const real = await realPathInside(recordingFolder(root, recordingId), absolute).catch(() => null);
    if (!real) return { refused: 'camera file lies outside its flight’s folder' };
    if (!real.exists) return { refused: 'camera file missing' };
    const info = await stat(real.path).catch(() => null);
    if (!info?.isFile()) return { refused: 'camera file is not a regular file' };
    return real.path;
  }

  async function durationOf(job: ThumbJob): Promise<number | null> {
    if (job.durationSeconds && job.durationSeconds > 0) return job.durationSeconds;
    // `ffmpeg -i` with no output prints the summary and exits 1 by design.
    const { stderr } = await run(['-i', `file:${job.source}`], {
      okExitCodes: [0, 1],
      signal: stopping.signal,
    });
    return parseMediaInfo(stderr).durationSeconds;
  }

  /** Runs ffmpeg into a temp file, checks the picture, renames it into place and removes older versions. */
  async function make(job: ThumbJob): Promise<Buffer> {
    // A request that missed the cache just before an earlier job for the same file finished finds it here.
    const already = await readFile(job.file).catch(() => null);
    if (already && isCompleteJpeg(already)) return already;
    const started = performance.now();
    const dir = path.dirname(job.file);
    await mkdir(dir, { recursive: true });
    const temp = `${job.file}.${randomUUID()}.tmp`;
    try {
      const duration = await durationOf(job);
      let args: string[];
      if (job.kind === 'poster') args = posterArgs(job.source, duration, temp);
      else if (duration && duration > 0) args = stripArgs(job.source, duration, temp);
      else throw new Error('the camera file has no duration, so the strip cannot be spaced');
      await run(args, { signal: stopping.signal });
      const bytes = await readFile(temp).catch(() => Buffer.alloc(0));
      // ffmpeg exits 0 with an empty file when it found no frame (a seek past the end of a short file).
      if (!isCompleteJpeg(bytes)) throw new Error('ffmpeg made no picture from the camera file');
      await rename(temp, job.file);
      await removeOlderVersions(dir, job);
      logger.debug(
        { file: job.file, ms: Math.round(performance.now() - started), bytes: bytes.length },
        'thumbnail made',
      );
      return bytes;
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * Older versions of this camera's thumbnail of this kind, and temp files a stopped kiosk left behind. Only
   * older: a request queued before a re-recording may finish after the newer version was made.
   */
  async function removeOlderVersions(dir: string, job: ThumbJob): Promise<void> {
    const prefix = `camera${job.camera}-${job.kind}-`;
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const match = name.startsWith(prefix) ? OLD_FILE.exec(name.slice(prefix.length)) : null;
      if (!match) continue;
      const temp = match[2];
      // A temp file is stale unless this kiosk is making that very file right now.
      if (
        temp
          ? making.has(path.join(dir, name.slice(0, -temp.length)))
          : Number(match[1]) >= Number(job.version)
      ) {
        continue;
      }
      await rm(path.join(dir, name), { force: true }).catch((error: unknown) => {
        logger.warn({ err: error, file: name }, 'old thumbnail could not be removed');
      });
    }
  }

  /** The cached thumbnail, or one made now (shared with any request already waiting for it). */
  async function cachedOrMade(job: ThumbJob): Promise<Buffer> {
    const cached = await readFile(job.file).catch(() => null);
    if (cached && isCompleteJpeg(cached)) return cached;
    if (cached) logger.warn({ file: job.file }, 'cached thumbnail was broken; making it again');
    const pending = making.get(job.file);
    if (pending) return pending;
    const made = enqueue(job.kind, () => make(job)).finally(() => making.delete(job.file));
    making.set(job.file, made);
    return made;
  }

  async function lookUp(
    db: Kysely<Database>,
    wanted: ThumbRequest,
    viewer: Viewer,
  ): Promise<ThumbJob | { refused: string }> {
    const scene = await db
      .selectFrom('scene_recordings')
      .select([
        'recording_id',
        'camera1_path',
        'camera2_path',
        'camera1_duration',
        'camera2_duration',
        'updated_at',
      ])
      .where('id', '=', wanted.sceneId)
      .executeTakeFirst();
    if (!scene) return { refused: 'unknown scene' };
    if (!(await canSeeRecordingId(db, viewer, scene.recording_id, kioskToday(clock)))) {
      return { refused: 'a flight this person may not see' };
    }
    const cameraPath = wanted.camera === 1 ? scene.camera1_path : scene.camera2_path;
    if (!cameraPath) return { refused: 'no footage for that camera' };
    if (thumbVersion(scene.updated_at) !== wanted.version) return { refused: 'not the current version' };
    const source = await findSource(cameraPath, scene.recording_id);
    if (typeof source !== 'string') return source;
    return {
      ...wanted,
      source,
      durationSeconds: wanted.camera === 1 ? scene.camera1_duration : scene.camera2_duration,
      file: path.join(
        root,
        THUMBS_FOLDER,
        wanted.sceneId,
        thumbFileName(wanted.camera, wanted.kind, wanted.version),
      ),
    };
  }

  async function answer({ method, url, viewer }: MediaRequest): Promise<FileAnswer> {
    if (method !== 'GET' && method !== 'HEAD') {
      return plain(405, 'Only GET and HEAD are served here.', { Allow: 'GET, HEAD' });
    }
    const wanted = checkThumbRequest(url);
    if (!wanted.ok) {
      logger.warn({ url, reason: wanted.reason }, 'thumbnail request refused');
      return notFound();
    }
    const db = currentDb();
    if (!db || stopping.signal.aborted) {
      logger.warn({ url }, 'thumbnail request while the database is not open');
      return unavailable();
    }
    if (!viewer) {
      logger.warn({ url }, 'thumbnail request without a session refused');
      return signInFirst();
    }

    let job: Awaited<ReturnType<typeof lookUp>>;
    try {
      job = await lookUp(db, wanted, viewer);
    } catch (error) {
      logger.error({ err: error, url }, 'thumbnail lookup failed');
      return unavailable();
    }
    if ('refused' in job) {
      logger.warn({ url, reason: job.refused }, 'thumbnail request refused');
      return notFound();
    }

    let bytes: Buffer;
    try {
      bytes = await cachedOrMade(job);
    } catch (error) {
      if (error instanceof QueueFullError) logger.warn({ url }, 'thumbnail queue full');
      else if (!(error instanceof ClosedError)) {
        logger.warn({ err: error, url, source: job.source }, 'thumbnail could not be made');
      }
      return unavailable();
    }
    const headers = {
      ...SECURITY_HEADERS,
      'Content-Type': 'image/jpeg',
      'Content-Length': String(bytes.length),
      'Cache-Control': THUMB_CACHE_CONTROL,
    };
    return { status: 200, headers, body: method === 'HEAD' ? null : { bytes: new Uint8Array(bytes) } };
  }

  return {
    answer,
    respond: async (request) => answerToResponse(await answer(request)),

    waiting: () => waiting.length,

    async close() {
      stopping.abort();
      await running;
    },
  };
}
