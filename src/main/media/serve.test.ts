// The media route against a real database and real files: what it serves, in which pieces, and what it refuses.
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  ftruncateSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { Viewer } from '../access/rules';
import { SECURITY_HEADERS } from '../security/csp';
import { createMediaService, knownMediaFileQuery, type MediaService } from './serve';
import { mediaUrl } from './url';

let database: TempDatabase;
let media: MediaService;
let logger: {
  warn: ReturnType<typeof vi.fn>;
  error: ReturnType<typeof vi.fn>;
  debug: ReturnType<typeof vi.fn>;
};
let recordingId: string;
let outside: string;
const footage = randomBytes(4096);
const photo = randomBytes(300);

/** The data folder is the database's temp dir, laid out as on a kiosk: magnum.db beside media/. */
const dataDir = () => database.dir;
const write = (relative: string, bytes: Uint8Array) => {
  mkdirSync(path.dirname(path.join(dataDir(), relative)), { recursive: true });
  writeFileSync(path.join(dataDir(), relative), bytes);
};
/** Admins see every flight: the row rules get their own tests below. */
const ADMIN: Viewer = { id: 'admin-1', role: 'admin' };
const get = (url: string, range?: string, viewer: Viewer | null = ADMIN) =>
  media.respond({ method: 'GET', url, range, viewer });
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

beforeEach(async () => {
  database = await openTempDatabase();
  outside = mkdtempSync(path.join(tmpdir(), 'magnum-outside-'));
  const rows = fixtures(database.sqlite);
  recordingId = rows.recording().id;
  const scene = rows.scene(recordingId, 'cruising', {
    camera1_path: `media/${recordingId}/cruising/camera1.mp4`,
    camera2_path: `media/${recordingId}/cruising/camera2.webm`,
  });
  write(`media/${recordingId}/cruising/camera1.mp4`, footage);
  write(`media/${recordingId}/cruising/camera2.webm`, footage.subarray(0, 100));
  rows.storage(recordingId, { scene_id: scene.id, kind: 'photo', path: `media/${recordingId}/photo.jpg` });
  write(`media/${recordingId}/photo.jpg`, photo);
  logger = { warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
  media = createMediaService({
    dataDir: dataDir(),
    db: () => database.db,
    logger: logger as unknown as Logger,
  });
});

afterEach(async () => {
  await database.dispose();
  rmSync(outside, { recursive: true, force: true });
});

const CAMERA1 = () => mediaUrl(`media/${recordingId}/cruising/camera1.mp4`, 'take-1');

describe('serving a known media file', () => {
  it('sends the whole file with its type, length and our security headers', async () => {
    const response = await get(CAMERA1());
    expect(response.status).toBe(200);
    expect(await bytesOf(response)).toEqual(footage);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'video/mp4',
      'content-length': String(footage.length),
      'accept-ranges': 'bytes',
      'cache-control': 'no-cache',
      'content-security-policy': SECURITY_HEADERS['Content-Security-Policy'],
      'x-content-type-options': 'nosniff',
    });
    expect(response.headers.get('content-range')).toBeNull();
  });

  it('serves the second camera and files known only from storage_usage, typed by extension', async () => {
    const camera2 = await get(mediaUrl(`media/${recordingId}/cruising/camera2.webm`));
    expect(camera2.headers.get('content-type')).toBe('video/webm');
    expect(await bytesOf(camera2)).toEqual(footage.subarray(0, 100));
    const picture = await get(mediaUrl(`media/${recordingId}/photo.jpg`));
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect(await bytesOf(picture)).toEqual(photo);
  });

  it('accepts the absolute app:// form Electron hands over', async () => {
    const response = await get(`app://magnum${CAMERA1()}`);
    expect(response.status).toBe(200);
    expect(await bytesOf(response)).toEqual(footage);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await media.respond({ method: 'HEAD', url: CAMERA1(), viewer: ADMIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(footage.length));
    expect(response.body).toBeNull();
    const partial = await media.respond({
      method: 'HEAD',
      url: CAMERA1(),
      range: 'bytes=0-9',
      viewer: ADMIN,
    });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 0-9/${footage.length}`);
    expect(partial.body).toBeNull();
  });

  it('answers other methods with 405 and what is allowed', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const response = await media.respond({ method, url: CAMERA1(), viewer: ADMIN });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('streams a file too large to hold in memory', async () => {
    // 3 GB, sparse: more than readFile can read at all, so success means the file was streamed.
    const big = `media/${recordingId}/chase/camera1.mp4`;
    mkdirSync(path.join(dataDir(), path.dirname(big)), { recursive: true });
    const fd = openSync(path.join(dataDir(), big), 'w');
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
    fixtures(database.sqlite).scene(recordingId, 'chase', { camera1_path: big });

    const whole = await get(mediaUrl(big));
    expect(whole.headers.get('content-length')).toBe(String(3 * 1024 ** 3));
    const reader = whole.body!.getReader();
    expect((await reader.read()).value!.length).toBeGreaterThan(0);
    await reader.cancel();

    const tail = await get(mediaUrl(big), 'bytes=-10');
    expect(tail.status).toBe(206);
    expect(await bytesOf(tail)).toEqual(Buffer.alloc(10));
  });
});

describe('Range requests', () => {
  const last = footage.length - 1;

  it('sends bytes=a-b as 206 with exactly those bytes', async () => {
    const response = await get(CAMERA1(), 'bytes=100-199');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-199/${footage.length}`);
    expect(response.headers.get('content-length')).toBe('100');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(await bytesOf(response)).toEqual(footage.subarray(100, 200));
  });

  it('sends bytes=a- from a to the end', async () => {
    const response = await get(CAMERA1(), 'bytes=4000-');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 4000-${last}/${footage.length}`);
    expect(await bytesOf(response)).toEqual(footage.subarray(4000));
  });

  it('sends bytes=-n as the last n bytes', async () => {
    const response = await get(CAMERA1(), 'bytes=-16');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${last - 15}-${last}/${footage.length}`);
    expect(await bytesOf(response)).toEqual(footage.subarray(-16));
  });

  it('sends only the first of several ranges', async () => {
    const response = await get(CAMERA1(), 'bytes=0-9, 50-59');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 0-9/${footage.length}`);
    expect(await bytesOf(response)).toEqual(footage.subarray(0, 10));
  });

  it('answers a range past the end, or a malformed one, with 416 and the size', async () => {
    for (const range of [`bytes=${footage.length}-`, 'bytes=5000-6000', 'bytes=9-3', 'bytes=x-']) {
      const response = await get(CAMERA1(), range);
      expect(response.status, range).toBe(416);
      expect(response.headers.get('content-range')).toBe(`bytes */${footage.length}`);
      expect((await bytesOf(response)).length).toBe(0);
    }
  });
});

describe('refusals', () => {
  async function expectRefused(url: string) {
    logger.warn.mockClear();
    const response = await get(url);
    expect(response.status, url).toBe(404);
    // The client learns nothing about why; the log does.
    expect(await response.text()).toBe('Not found.');
    expect(logger.warn, url).toHaveBeenCalledWith(
      expect.objectContaining({ reason: expect.any(String) }),
      'media request refused',
    );
  }

  it.each([
    ['../ traversal', (rec: string) => `/media/${rec}/../../magnum.db`],
    ['%2e%2e/ traversal', (rec: string) => `/media/${rec}/%2e%2e/%2e%2e/magnum.db`],
    ['..%2f in a segment', (rec: string) => `/media/${rec}/..%2f..%2fmagnum.db`],
    ['%2F in a segment', (rec: string) => `/media/${rec}%2Fcruising%2Fcamera1.mp4`],
    ['%00', (rec: string) => `/media/${rec}/cruising/camera1.mp4%00.png`],
    ['backslash', (rec: string) => `/media/${rec}/cruising\\camera1.mp4`],
    ['absolute /etc/passwd', () => '/etc/passwd'],
    ['absolute //etc/passwd', () => '//etc/passwd'],
    ['/etc/passwd under /media/', () => '/media//etc/passwd'],
    ['the database', () => '/magnum.db'],
  ])('refuses %s', async (_name, url) => {
    await expectRefused(url(recordingId));
  });

  it('refuses a file inside the data folder that the database does not know', async () => {
    write(`media/${recordingId}/cruising/stray.mp4`, footage);
    await expectRefused(mediaUrl(`media/${recordingId}/cruising/stray.mp4`));
    // A known name under another recording's folder is not the same file.
    write(`media/other/cruising/camera1.mp4`, footage);
    await expectRefused(mediaUrl(`media/other/cruising/camera1.mp4`));
  });

  it('refuses a path the database knows whose file is missing', async () => {
    fixtures(database.sqlite).scene(recordingId, 'arrival', {
      camera1_path: `media/${recordingId}/arrival/camera1.mp4`,
    });
    await expectRefused(mediaUrl(`media/${recordingId}/arrival/camera1.mp4`));
  });

  it('refuses a path the database knows that is a folder', async () => {
    mkdirSync(path.join(dataDir(), `media/${recordingId}/arrival/camera1.mp4`), { recursive: true });
    fixtures(database.sqlite).scene(recordingId, 'arrival', {
      camera1_path: `media/${recordingId}/arrival/camera1.mp4`,
    });
    await expectRefused(mediaUrl(`media/${recordingId}/arrival/camera1.mp4`));
  });

  it('refuses a known path that is a symlink out of the data folder', async () => {
    writeFileSync(path.join(outside, 'secret.mp4'), 'not footage');
    mkdirSync(path.join(dataDir(), `media/${recordingId}/arrival`), { recursive: true });
    symlinkSync(
      path.join(outside, 'secret.mp4'),
      path.join(dataDir(), `media/${recordingId}/arrival/camera1.mp4`),
    );
    fixtures(database.sqlite).scene(recordingId, 'arrival', {
      camera1_path: `media/${recordingId}/arrival/camera1.mp4`,
    });
    await expectRefused(mediaUrl(`media/${recordingId}/arrival/camera1.mp4`));
  });

  it('refuses a known path under a symlinked folder that leads out of the data folder', async () => {
    writeFileSync(path.join(outside, 'camera1.mp4'), 'not footage');
    symlinkSync(outside, path.join(dataDir(), `media/${recordingId}/arrival`));
    fixtures(database.sqlite).scene(recordingId, 'arrival', {
      camera1_path: `media/${recordingId}/arrival/camera1.mp4`,
    });
    await expectRefused(mediaUrl(`media/${recordingId}/arrival/camera1.mp4`));
  });

  it('refuses a known path that is a symlink to the database inside the data folder', async () => {
    mkdirSync(path.join(dataDir(), `media/${recordingId}/arrival`), { recursive: true });
    symlinkSync(
      path.join(dataDir(), 'magnum.db'),
      path.join(dataDir(), `media/${recordingId}/arrival/camera1.mp4`),
    );
    fixtures(database.sqlite).scene(recordingId, 'arrival', {
      camera1_path: `media/${recordingId}/arrival/camera1.mp4`,
    });
    await expectRefused(mediaUrl(`media/${recordingId}/arrival/camera1.mp4`));
  });

  it('refuses a known path that links to another flight’s footage', async () => {
    const other = fixtures(database.sqlite).recording().id;
    write(`media/${other}/cruising/camera1.mp4`, footage);
    mkdirSync(path.join(dataDir(), `media/${recordingId}/arrival`), { recursive: true });
    symlinkSync(
      path.join(dataDir(), `media/${other}/cruising/camera1.mp4`),
      path.join(dataDir(), `media/${recordingId}/arrival/camera1.mp4`),
    );
    fixtures(database.sqlite).scene(recordingId, 'arrival', {
      camera1_path: `media/${recordingId}/arrival/camera1.mp4`,
    });
    await expectRefused(mediaUrl(`media/${recordingId}/arrival/camera1.mp4`));
  });
});

describe('who may see a file', () => {
  it('answers 401 with no file when nobody is signed in', async () => {
    const response = await get(CAMERA1(), undefined, null);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('Sign in to see this.');
  });

  it('serves a flight’s files to its pilot and crew by the row rules, and to nobody else', async () => {
    const rows = fixtures(database.sqlite);
    const pilot = rows.user({ role: 'pilot' }).id;
    const crew = rows.user({ role: 'crew' }).id;
    const otherPilot = rows.user({ role: 'pilot' }).id;
    const otherCrew = rows.user({ role: 'crew' }).id;
    database.sqlite
      .prepare('UPDATE flight_recordings SET pilot_id = ?, staff_member = ? WHERE id = ?')
      .run(pilot, crew, recordingId);
    const statusFor = async (viewer: Viewer) => (await get(CAMERA1(), undefined, viewer)).status;
    expect(await statusFor({ id: pilot, role: 'pilot' })).toBe(200);
    expect(await statusFor({ id: crew, role: 'crew' })).toBe(200);
    expect(await statusFor({ id: otherPilot, role: 'pilot' })).toBe(404);
    expect(await statusFor({ id: otherCrew, role: 'crew' })).toBe(404);
    // The same 404 as a file that is not there: nothing says the flight exists.
    expect(await (await get(CAMERA1(), undefined, { id: otherPilot, role: 'pilot' })).text()).toBe(
      'Not found.',
    );
  });
});

describe('without a database', () => {
  it('answers 503 while the database is not open', async () => {
    const closed = createMediaService({
      dataDir: dataDir(),
      db: () => null,
      logger: logger as unknown as Logger,
    });
    const response = await closed.respond({ method: 'GET', url: CAMERA1(), viewer: ADMIN });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
  });

  it('answers 503, not a crash, when the database fails under it', async () => {
    await database.close();
    const response = await get(CAMERA1());
    expect(response.status).toBe(503);
    expect(logger.error).toHaveBeenCalled();
  });
});

describe('the known-file lookup', () => {
  it('reads both tables through an index, never a scan, however many flights there are', () => {
    const query = knownMediaFileQuery(database.db, `media/${recordingId}/photo.jpg`, recordingId).compile();
    const plan = database.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .all(...query.parameters) as Array<{ detail: string }>;
    const steps = plan.map((step) => step.detail);
    expect(steps.some((step) => /SEARCH storage_usage USING .*INDEX/.test(step))).toBe(true);
    expect(steps.some((step) => /SEARCH scene_recordings USING .*INDEX/.test(step))).toBe(true);
    expect(steps.filter((step) => step.startsWith('SCAN'))).toEqual([]);
  });
});
