// The thumbnail route against a real database, real files and the real ffmpeg: what it makes, what it caches,
// how it shares and queues ffmpeg runs, and what it refuses.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtures, makeTempDir, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { THUMB_HEIGHT, THUMB_STRIP_FRAMES, THUMB_WIDTH } from '../../shared/editor';
import { parseMediaInfo } from '../ffmpeg/probe';
import { runFfmpeg, type FfmpegResult, type RunFfmpegOptions } from '../ffmpeg/run';
import { thumbUrl, thumbVersion } from '../media/thumb-url';
import { SECURITY_HEADERS } from '../security/csp';
import { FIT_FILTER, posterTime, stripTimes } from './ffmpeg-args';
import {
  createThumbnailService,
  THUMB_CACHE_CONTROL,
  thumbFileName,
  type RunThumbFfmpeg,
  type ThumbnailService,
} from './service';

/**
 * 4:3 test footage whose brightness says the time: it steps up every second and is bright in the second half
 * of each second, dark in the first. A frame taken at k + 0.5 s is bright; one at k s (a strip that forgot the
 * half step) is dark, so the strip's timing is checked by the picture itself.
 */
const CLIP_SECONDS = 20;
const CLIP_GRAPH =
  `color=c=black:s=320x240:r=10:d=${CLIP_SECONDS},format=yuv420p,` +
  `geq=lum='40+8*floor(T)+60*mod(floor(2*T)\\,2)':cb=128:cr=128`;
const workDir = makeTempDir('magnum-thumbs-');
const clip = path.join(workDir, 'clip.mp4');

const UPDATED_AT = '2025-06-01T10:00:00.000Z';
const VERSION = thumbVersion(UPDATED_AT);

let database: TempDatabase;
let recordingId: string;
let sceneId: string;
let logger: {
  warn: ReturnType<typeof vi.fn>;
  error: ReturnType<typeof vi.fn>;
  debug: ReturnType<typeof vi.fn>;
};
let runs: string[][];
const services: ThumbnailService[] = [];

/** The real ffmpeg, counted. */
const countingRun: RunThumbFfmpeg = (args, options) => {
  runs.push([...args]);
  return runFfmpeg(args, options);
};

function service(run: RunThumbFfmpeg = countingRun, extra: { maxQueued?: number } = {}): ThumbnailService {
  const created = createThumbnailService({
    dataDir: database.dir,
    db: () => database.db,
    logger: logger as unknown as Logger,
    runFfmpeg: run,
    ...extra,
  });
  services.push(created);
  return created;
}

const cameraPath = (camera: 1 | 2, scene = 'cruising') => `media/${recordingId}/${scene}/camera${camera}.mp4`;
function placeFootage(relative: string, from = clip): void {
  mkdirSync(path.dirname(path.join(database.dir, relative)), { recursive: true });
  copyFileSync(from, path.join(database.dir, relative));
}
const cacheFile = (camera: 1 | 2, kind: 'poster' | 'strip', version = VERSION, scene = sceneId) =>
  path.join(database.dir, 'thumbs', scene, thumbFileName(camera, kind, version));
/** As an admin, who sees every flight: who may see which is tested with the media route's row rules. */
const get = (thumbs: ThumbnailService, url: string, method = 'GET') =>
  thumbs.respond({ method, url, viewer: { id: 'admin-1', role: 'admin' } });
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** Width and height as ffmpeg reads them, after decoding the whole picture (a broken JPEG fails here). */
async function decodedSize(jpeg: string): Promise<{ width: number | null; height: number | null }> {
  await runFfmpeg(['-v', 'error', '-i', jpeg, '-f', 'null', '-']);
  const { stderr } = await runFfmpeg(['-i', jpeg], { okExitCodes: [0, 1] });
  const { width, height } = parseMediaInfo(stderr);
  return { width, height };
}

/** The picture's grey levels, one byte a pixel, row by row. */
async function greyPixels(jpeg: string, name: string): Promise<Buffer> {
  const raw = path.join(workDir, `${name}.gray`);
  await runFfmpeg(['-v', 'error', '-y', '-i', jpeg, '-f', 'rawvideo', '-pix_fmt', 'gray', raw]);
  return readFile(raw);
}

/** The clip's frame at `seconds`, fitted and made a JPEG the way a thumbnail is, as grey levels. */
async function referenceFrame(seconds: number): Promise<Buffer> {
  const jpeg = path.join(workDir, `ref-${seconds}.jpg`);
  // prettier-ignore
  await runFfmpeg(['-v', 'error', '-y', '-ss', seconds.toFixed(3), '-i', clip, '-vf', FIT_FILTER,
    '-frames:v', '1', '-q:v', '5', '-f', 'mjpeg', jpeg]);
  return greyPixels(jpeg, `ref-${seconds}`);
}

/** Mean grey level of columns [x0, x1) of a picture `width` pixels wide. */
function meanOf(pixels: Buffer, width: number, x0: number, x1: number): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < pixels.length / width; y++) {
    for (let x = x0; x < x1; x++) {
      sum += pixels[y * width + x]!;
      count++;
    }
  }
  return sum / count;
}

/** Mean absolute difference between tile k of a strip and a single frame, over the picture (not the bars). */
function differenceFromTile(strip: Buffer, k: number, frame: Buffer): number {
  const stripWidth = THUMB_WIDTH * THUMB_STRIP_FRAMES;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < THUMB_HEIGHT; y++) {
    for (let x = 30; x < THUMB_WIDTH - 30; x++) {
      sum += Math.abs(strip[y * stripWidth + k * THUMB_WIDTH + x]! - frame[y * THUMB_WIDTH + x]!);
      count++;
    }
  }
  return sum / count;
}

beforeAll(async () => {
  // prettier-ignore
  await runFfmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', CLIP_GRAPH, '-c:v', 'libx264', '-preset', 'ultrafast',
    '-g', '10', '-pix_fmt', 'yuv420p', '-f', 'mp4', clip]);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

beforeEach(async () => {
  database = await openTempDatabase();
  runs = [];
  logger = { warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
  const rows = fixtures(database.sqlite);
  recordingId = rows.recording().id;
  sceneId = rows.scene(recordingId, 'cruising', {
    camera1_path: cameraPath(1),
    camera2_path: cameraPath(2),
    camera1_duration: CLIP_SECONDS,
    camera2_duration: CLIP_SECONDS,
    updated_at: UPDATED_AT,
  }).id;
  placeFootage(cameraPath(1));
  placeFootage(cameraPath(2));
});

afterEach(async () => {
  for (const thumbs of services.splice(0)) await thumbs.close();
  await database.dispose();
});

describe('making thumbnails', () => {
  it('answers a poster as a JPEG of the thumbnail size, cached for good, from a third into the file', async () => {
    const response = await get(service(), thumbUrl(sceneId, 1, 'poster', VERSION));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': THUMB_CACHE_CONTROL,
      'content-security-policy': SECURITY_HEADERS['Content-Security-Policy'],
      'x-content-type-options': 'nosniff',
    });
    const bytes = await bytesOf(response);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(await readFile(cacheFile(1, 'poster'))).toEqual(bytes);
    expect(await decodedSize(cacheFile(1, 'poster'))).toEqual({ width: THUMB_WIDTH, height: THUMB_HEIGHT });

    const poster = await greyPixels(cacheFile(1, 'poster'), 'poster');
    const third = await referenceFrame(posterTime(CLIP_SECONDS));
    expect(meanOf(poster, THUMB_WIDTH, 30, 130)).toBeCloseTo(meanOf(third, THUMB_WIDTH, 30, 130), -1);
  });

  it('answers a strip of N frames side by side, frame k at (k + 0.5) × duration / N, letterboxed', async () => {
    const response = await get(service(), thumbUrl(sceneId, 2, 'strip', VERSION));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    await bytesOf(response);
    const file = cacheFile(2, 'strip');
    expect(await decodedSize(file)).toEqual({
      width: THUMB_STRIP_FRAMES * THUMB_WIDTH,
      height: THUMB_HEIGHT,
    });

    const strip = await greyPixels(file, 'strip');
    const times = stripTimes(CLIP_SECONDS);
    for (const k of [0, 7, THUMB_STRIP_FRAMES - 1]) {
      const right = differenceFromTile(strip, k, await referenceFrame(times[k]!));
      // Half a frame-width early (k × duration / N) is the dark half-second: clearly another picture.
      const early = differenceFromTile(
        strip,
        k,
        await referenceFrame((k * CLIP_SECONDS) / THUMB_STRIP_FRAMES),
      );
      expect(right, `frame ${k}`).toBeLessThan(4);
      expect(early, `frame ${k}`).toBeGreaterThan(30);
    }
    // 4:3 footage in a 16:9 frame: scaled to 120×90 with black bars of 20 px either side, not stretched.
    const stripWidth = THUMB_STRIP_FRAMES * THUMB_WIDTH;
    for (const k of [0, 10]) {
      const left = k * THUMB_WIDTH;
      expect(meanOf(strip, stripWidth, left + 2, left + 16)).toBeLessThan(20);
      expect(meanOf(strip, stripWidth, left + THUMB_WIDTH - 16, left + THUMB_WIDTH - 2)).toBeLessThan(20);
      expect(meanOf(strip, stripWidth, left + 40, left + 120)).toBeGreaterThan(80);
    }
  });

  it('asks ffmpeg for the duration when the database has none', async () => {
    database.sqlite.prepare('UPDATE scene_recordings SET camera1_duration = NULL').run();
    const response = await get(service(), thumbUrl(sceneId, 1, 'strip', VERSION));
    expect(response.status).toBe(200);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toEqual(['-i', `file:${path.join(database.dir, cameraPath(1))}`]);
    expect(await decodedSize(cacheFile(1, 'strip'))).toEqual({
      width: THUMB_STRIP_FRAMES * THUMB_WIDTH,
      height: THUMB_HEIGHT,
    });
  });

  it('answers HEAD with the headers and no body, and other methods with 405', async () => {
    const thumbs = service();
    const head = await get(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION), 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const refused = await get(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION), method);
      expect(refused.status, method).toBe(405);
      expect(refused.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('accepts the absolute app:// form Electron hands over', async () => {
    const response = await get(service(), `app://magnum${thumbUrl(sceneId, 1, 'poster', VERSION)}`);
    expect(response.status).toBe(200);
  });
});

describe('the cache', () => {
  it('serves a second request, and one after a restart, from disk without running ffmpeg', async () => {
    const url = thumbUrl(sceneId, 1, 'strip', VERSION);
    const first = await bytesOf(await get(service(), url));
    expect(runs).toHaveLength(1);
    const again = await get(service(), url);
    expect(again.status).toBe(200);
    expect(again.headers.get('cache-control')).toBe(THUMB_CACHE_CONTROL);
    expect(await bytesOf(again)).toEqual(first);
    const afterRestart = await get(service(), url);
    expect(await bytesOf(afterRestart)).toEqual(first);
    expect(runs).toHaveLength(1);
  });

  it('makes a broken cached file again instead of serving it', async () => {
    mkdirSync(path.dirname(cacheFile(1, 'poster')), { recursive: true });
    writeFileSync(cacheFile(1, 'poster'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0])); // cut off mid-write
    const response = await get(service(), thumbUrl(sceneId, 1, 'poster', VERSION));
    expect(response.status).toBe(200);
    expect(runs).toHaveLength(1);
    expect(await decodedSize(cacheFile(1, 'poster'))).toEqual({ width: THUMB_WIDTH, height: THUMB_HEIGHT });
  });

  it('deletes older versions of a thumbnail (and stale temp files) when a new one is made', async () => {
    const thumbs = service();
    expect((await get(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION))).status).toBe(200);
    expect((await get(thumbs, thumbUrl(sceneId, 1, 'strip', VERSION))).status).toBe(200);
    const stale = `${cacheFile(1, 'poster')}.0b7e2c1a-1111-4222-8333-944455556666.tmp`;
    writeFileSync(stale, 'left by a kiosk that stopped');

    // The scene is re-recorded: a new updated_at, so a new version.
    const newer = '2025-06-02T08:00:00.000Z';
    database.sqlite.prepare('UPDATE scene_recordings SET updated_at = ? WHERE id = ?').run(newer, sceneId);
    const response = await get(thumbs, thumbUrl(sceneId, 1, 'poster', thumbVersion(newer)));
    expect(response.status).toBe(200);
    const left = readdirSync(path.join(database.dir, 'thumbs', sceneId)).sort();
    // The strip of the old version stays until a new strip is made; the old poster and the temp file go.
    expect(left).toEqual([
      thumbFileName(1, 'poster', thumbVersion(newer)),
      thumbFileName(1, 'strip', VERSION),
    ]);
    expect((await get(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION))).status).toBe(404);
  });
});

describe('sharing ffmpeg', () => {
  it('runs ffmpeg once for concurrent requests for the same thumbnail', async () => {
    const thumbs = service();
    const url = thumbUrl(sceneId, 1, 'strip', VERSION);
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(thumbs, url)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const bodies = await Promise.all(answers.map(bytesOf));
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(runs).toHaveLength(1);
  });

  it('runs at most one ffmpeg at a time, however many thumbnails are asked for at once', async () => {
    let running = 0;
    let most = 0;
    const thumbs = service(async (args, options) => {
      running += 1;
      most = Math.max(most, running);
      try {
        return await countingRun(args, options);
      } finally {
        running -= 1;
      }
    });
    const urls = [1, 2].flatMap((camera) =>
      (['poster', 'strip'] as const).map((kind) => thumbUrl(sceneId, camera as 1 | 2, kind, VERSION)),
    );
    const answers = await Promise.all(urls.map((url) => get(thumbs, url)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(runs).toHaveLength(4);
    expect(most).toBe(1);
  });

  it('makes waiting posters before waiting strips, so the dashboard is not held up by the editor', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const thumbs = service(async (args, options) => {
      order.push(
        `${args.includes('-ss') ? 'poster' : 'strip'} ${args.find((arg) => arg.startsWith('file:') && arg.endsWith('.mp4'))?.slice(-5, -4)}`,
      );
      await gate;
      return countingRun(args, options);
    });
    const answers = [get(thumbs, thumbUrl(sceneId, 1, 'strip', VERSION))];
    await vi.waitFor(() => expect(order).toHaveLength(1));
    answers.push(get(thumbs, thumbUrl(sceneId, 2, 'strip', VERSION)));
    await vi.waitFor(() => expect(thumbs.waiting()).toBe(1));
    answers.push(get(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION)));
    await vi.waitFor(() => expect(thumbs.waiting()).toBe(2));
    answers.push(get(thumbs, thumbUrl(sceneId, 2, 'poster', VERSION)));
    await vi.waitFor(() => expect(thumbs.waiting()).toBe(3));
    release();
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(order).toEqual(['strip 1', 'poster 1', 'poster 2', 'strip 2']);
  });

  it('answers 503 to retry when too many thumbnails are already waiting', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const thumbs = service(
      async (args, options) => {
        started();
        await gate;
        return countingRun(args, options);
      },
      { maxQueued: 1 },
    );
    const first = get(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION));
    await running;
    // One place in the queue, two requests for it: one waits, the other is answered at once.
    const waiting = [thumbUrl(sceneId, 2, 'poster', VERSION), thumbUrl(sceneId, 1, 'strip', VERSION)].map(
      (url) => get(thumbs, url),
    );
    const turnedAway = await Promise.race(waiting);
    expect(turnedAway.status).toBe(503);
    expect(turnedAway.headers.get('retry-after')).toMatch(/^\d+$/);
    release();
    expect((await first).status).toBe(200);
    expect((await Promise.all(waiting)).map((answer) => answer.status).sort()).toEqual([200, 503]);
  });
});

describe('failures', () => {
  it('answers 503 with Retry-After when ffmpeg fails, and caches nothing', async () => {
    writeFileSync(path.join(database.dir, cameraPath(1)), 'not a video at all');
    const thumbs = service();
    for (const kind of ['poster', 'strip'] as const) {
      const response = await get(thumbs, thumbUrl(sceneId, 1, kind, VERSION));
      expect(response.status, kind).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(readdirSync(path.join(database.dir, 'thumbs', sceneId))).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      'thumbnail could not be made',
    );

    // The footage is good again (recovered): the next request makes the thumbnail.
    placeFootage(cameraPath(1));
    expect((await get(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION))).status).toBe(200);
  });

  it('answers 503 when ffmpeg finds no frame (a file shorter than its recorded duration)', async () => {
    database.sqlite.prepare('UPDATE scene_recordings SET camera1_duration = 600').run();
    const response = await get(service(), thumbUrl(sceneId, 1, 'poster', VERSION));
    expect(response.status).toBe(503);
    expect(existsSync(cacheFile(1, 'poster'))).toBe(false);
    expect(readdirSync(path.join(database.dir, 'thumbs', sceneId))).toEqual([]);
  });

  it('answers 503 while the database is not open, and after closing', async () => {
    const closedDb = createThumbnailService({
      dataDir: database.dir,
      db: () => null,
      logger: logger as unknown as Logger,
    });
    expect((await get(closedDb, thumbUrl(sceneId, 1, 'poster', VERSION))).status).toBe(503);
    const thumbs = service();
    await thumbs.close();
    expect((await get(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION))).status).toBe(503);
    expect(runs).toHaveLength(0);
  });

  it('stops a running ffmpeg on close and answers its waiting requests 503', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const thumbs = service((args, options: RunFfmpegOptions): Promise<FfmpegResult> => {
      started();
      // Reads the clip in real time (-re): still running when close() comes, unless it is killed.
      return countingRun(['-re', ...args], options);
    });
    const first = get(thumbs, thumbUrl(sceneId, 1, 'strip', VERSION));
    const queued = get(thumbs, thumbUrl(sceneId, 2, 'strip', VERSION));
    await running;
    await thumbs.close();
    expect((await first).status).toBe(503);
    expect((await queued).status).toBe(503);
    expect(runs).toHaveLength(1);
    expect(readdirSync(path.join(database.dir, 'thumbs', sceneId))).toEqual([]);
  });
});

describe('refusals', () => {
  async function expectRefused(thumbs: ThumbnailService, url: string) {
    logger.warn.mockClear();
    const response = await get(thumbs, url);
    expect(response.status, url).toBe(404);
    // The client learns nothing about why; the log does.
    expect(await response.text()).toBe('Not found.');
    expect(logger.warn, url).toHaveBeenCalledWith(
      expect.objectContaining({ reason: expect.any(String) }),
      'thumbnail request refused',
    );
  }

  it('refuses a version that is not the scene current one, or none', async () => {
    const thumbs = service();
    await expectRefused(thumbs, thumbUrl(sceneId, 1, 'poster', String(Number(VERSION) - 1000)));
    await expectRefused(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION).replace(/\?.*$/, ''));
    await expectRefused(thumbs, `${thumbUrl(sceneId, 1, 'poster', VERSION)}&v=${VERSION}`);
    await expectRefused(thumbs, thumbUrl(sceneId, 1, 'poster', 'latest'));
    expect(runs).toHaveLength(0);
  });

  it('refuses an unknown scene, a camera without footage and footage whose file is missing', async () => {
    const rows = fixtures(database.sqlite);
    const chase = rows.scene(recordingId, 'chase', {
      camera1_path: cameraPath(1, 'chase'),
      updated_at: UPDATED_AT,
    }).id;
    const thumbs = service();
    await expectRefused(thumbs, thumbUrl('0b7e2c1a-1111-4222-8333-944455556666', 1, 'poster', VERSION));
    await expectRefused(thumbs, thumbUrl(chase, 2, 'strip', VERSION)); // no camera 2 path
    await expectRefused(thumbs, thumbUrl(chase, 1, 'strip', VERSION)); // path set, no file
    mkdirSync(path.join(database.dir, cameraPath(1, 'chase')), { recursive: true });
    await expectRefused(thumbs, thumbUrl(chase, 1, 'strip', VERSION)); // a folder, not a file
    expect(runs).toHaveLength(0);
  });

  it('refuses camera files that lead out of the data folder', async () => {
    const outside = makeTempDir('magnum-outside-');
    try {
      copyFileSync(clip, path.join(outside, 'camera1.mp4'));
      const rows = fixtures(database.sqlite);
      const linked = rows.scene(recordingId, 'chase', {
        camera1_path: cameraPath(1, 'chase'),
        updated_at: UPDATED_AT,
      }).id;
      const escaping = rows.scene(recordingId, 'arrival', {
        camera1_path: '../../outside/camera1.mp4',
        updated_at: UPDATED_AT,
      }).id;
      mkdirSync(path.join(database.dir, 'media', recordingId), { recursive: true });
      symlinkSync(outside, path.join(database.dir, 'media', recordingId, 'chase'));
      const thumbs = service();
      await expectRefused(thumbs, thumbUrl(linked, 1, 'poster', VERSION));
      await expectRefused(thumbs, thumbUrl(escaping, 1, 'poster', VERSION));
      expect(runs).toHaveLength(0);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it.each([
    ['../ traversal', (id: string) => `/thumbs/${id}/../../magnum.db?v=${VERSION}`],
    ['%2e%2e traversal', (id: string) => `/thumbs/${id}/%2e%2e/%2e%2e/magnum.db?v=${VERSION}`],
    ['an encoded slash', (id: string) => `/thumbs/${id}%2Fcamera1-poster.jpg?v=${VERSION}`],
    [
      'an encoded id',
      (id: string) => `/thumbs/${encodeURIComponent(`${id}/`)}camera1-poster.jpg?v=${VERSION}`,
    ],
    ['a dot segment', (id: string) => `/thumbs/./${id}/camera1-poster.jpg?v=${VERSION}`],
    ['an empty segment', (id: string) => `/thumbs//${id}/camera1-poster.jpg?v=${VERSION}`],
    ['a backslash', (id: string) => `/thumbs/${id}\\camera1-poster.jpg?v=${VERSION}`],
    ['NUL', (id: string) => `/thumbs/${id}/camera1-poster.jpg%00?v=${VERSION}`],
    [
      'the cache file name',
      (id: string) => `/thumbs/${id}/${thumbFileName(1, 'poster', VERSION)}?v=${VERSION}`,
    ],
    ['a third camera', (id: string) => `/thumbs/${id}/camera3-poster.jpg?v=${VERSION}`],
    ['another kind', (id: string) => `/thumbs/${id}/camera1-full.jpg?v=${VERSION}`],
    ['the thumbs folder', () => `/thumbs/?v=${VERSION}`],
    ['the scene folder', (id: string) => `/thumbs/${id}/?v=${VERSION}`],
    ['media', (id: string) => `/media/${id}/camera1-poster.jpg?v=${VERSION}`],
  ])('refuses %s', async (_name, url) => {
    const thumbs = service();
    // Made first, so a trick that reached the cache would find a file there.
    expect((await get(thumbs, thumbUrl(sceneId, 1, 'poster', VERSION))).status).toBe(200);
    await expectRefused(thumbs, url(sceneId));
  });

  it("refuses one scene's version on another scene's id", async () => {
    const rows = fixtures(database.sqlite);
    const other = rows.scene(recordingId, 'chase', {
      camera1_path: cameraPath(1, 'chase'),
      updated_at: '2025-06-03T12:00:00.000Z',
    }).id;
    placeFootage(cameraPath(1, 'chase'));
    const thumbs = service();
    await expectRefused(thumbs, thumbUrl(other, 1, 'poster', VERSION));
    expect(runs).toHaveLength(0);
  });
});
