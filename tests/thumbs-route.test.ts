// The /thumbs/ route of the real browser kiosk host process: a scene's poster and strip come back as JPEGs made
// by ffmpeg to a signed-in screen (its session cookie), and nothing else under /thumbs/ does, however the path
// is spelled. Who may see which flight's thumbnails: tests/hostile/files.test.ts.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { fixtures } from '../db/test-support';
import { THUMB_HEIGHT, THUMB_STRIP_FRAMES, THUMB_WIDTH } from '../src/shared/editor';
import { parseMediaInfo } from '../src/main/ffmpeg/probe';
import { runFfmpeg } from '../src/main/ffmpeg/run';
import { thumbUrl, thumbVersion } from '../src/main/media/thumb-url';
import { isCompleteJpeg } from '../src/main/thumbnails/service';
import { addPeople, fetchRaw as fetchPath, sessionCookie } from './support/file-session';
import { makeDataDir, startKiosk, type KioskProcess } from './support/kiosk-process';

/** The signed-in admin's session cookie, sent with every request unless a test gives its own Cookie. */
let cookie = '';

/** The path exactly as given, so `..` and `%2f` reach the host unresolved; with the admin's cookie. */
function fetchRaw(kiosk: KioskProcess, pathname: string, headers: Record<string, string> = {}) {
  return fetchPath(kiosk.url, pathname, { headers: { Cookie: cookie, ...headers } });
}

const UPDATED_AT = '2025-06-01T10:00:00.000Z';
const VERSION = thumbVersion(UPDATED_AT);

describe('kiosk host /thumbs/ route', () => {
  let kiosk: KioskProcess;
  let sceneId: string;

  beforeAll(async () => {
    const dataDir = makeDataDir();
    const database = await openDatabase(path.join(dataDir, 'magnum.db'));
    const rows = fixtures(database.sqlite);
    const recordingId = rows.recording().id;
    const camera1 = `media/${recordingId}/cruising/camera1.mp4`;
    sceneId = rows.scene(recordingId, 'cruising', {
      camera1_path: camera1,
      camera1_duration: 4,
      updated_at: UPDATED_AT,
    }).id;
    await database.close();
    mkdirSync(path.join(dataDir, path.dirname(camera1)), { recursive: true });
    // prettier-ignore
    await runFfmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=10:duration=4',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path.join(dataDir, camera1)]);
    kiosk = await startKiosk(dataDir);
    const { screen } = await addPeople(kiosk.url, []);
    cookie = (await sessionCookie(kiosk.url, screen.session!)).cookie ?? '';
    screen.close();
  });
  afterAll(async () => {
    await kiosk?.stop();
    if (kiosk) rmSync(kiosk.dataDir, { recursive: true, force: true });
  });

  it('serves a strip made by ffmpeg as an immutable JPEG N thumbnails wide', async () => {
    const reply = await fetchRaw(kiosk, thumbUrl(sceneId, 1, 'strip', VERSION));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('image/jpeg');
    expect(reply.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(String(reply.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(isCompleteJpeg(reply.body)).toBe(true);
    const cached = path.join(kiosk.dataDir, 'thumbs', sceneId, `camera1-strip-${VERSION}.jpg`);
    const { stderr } = await runFfmpeg(['-i', cached], { okExitCodes: [0, 1] });
    expect(parseMediaInfo(stderr)).toMatchObject({
      width: THUMB_STRIP_FRAMES * THUMB_WIDTH,
      height: THUMB_HEIGHT,
    });
  });

  it('never serves the database, the cache files or a renderer file under /thumbs/', async () => {
    for (const pathname of [
      `/thumbs/${sceneId}/../../magnum.db?v=${VERSION}`,
      `/thumbs/%2e%2e/%2e%2e/magnum.db?v=${VERSION}`,
      `/thumbs/${sceneId}%2Fcamera1-strip.jpg?v=${VERSION}`,
      `/thumbs/${sceneId}/camera1-strip-${VERSION}.jpg?v=${VERSION}`,
      `/thumbs/${sceneId}/camera1-strip.jpg?v=1`,
      '/thumbs/index.html',
    ]) {
      const reply = await fetchRaw(kiosk, pathname);
      expect(reply.status, pathname).toBe(404);
      expect(reply.body.toString(), pathname).toBe('Not found.');
    }
  });

  it('answers 401 with no picture without a session cookie', async () => {
    const reply = await fetchRaw(kiosk, thumbUrl(sceneId, 1, 'poster', VERSION), { Cookie: '' });
    expect(reply.status).toBe(401);
    expect(isCompleteJpeg(reply.body)).toBe(false);
  });

  it('answers /thumbs/ only to its own address (DNS rebinding)', async () => {
    const port = new URL(kiosk.url).port;
    const reply = await fetchRaw(kiosk, thumbUrl(sceneId, 1, 'poster', VERSION), {
      Host: `evil.example:${port}`,
    });
    expect(reply.status).toBe(421);
  });
});
