// The /media/ route of the real browser kiosk host process: footage the database knows comes back whole or in
// ranges to a signed-in screen (its session cookie), and nothing else in the data folder does, however the path
// is spelled. Who may see which flight's files: tests/hostile/files.test.ts.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/open';
import { fixtures } from '../db/test-support';
import { mediaUrl } from '../src/main/media/url';
import { addPeople, fetchRaw as fetchPath, sessionCookie } from './support/file-session';
import { makeDataDir, startKiosk, type KioskProcess } from './support/kiosk-process';

/** The signed-in admin's session cookie, sent with every request unless a test gives its own Cookie. */
let cookie = '';

/** The path exactly as given, so `..` and `%2f` reach the host unresolved; with the admin's cookie. */
function fetchRaw(
  kiosk: KioskProcess,
  pathname: string,
  { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {},
) {
  return fetchPath(kiosk.url, pathname, { method, headers: { Cookie: cookie, ...headers } });
}

/** How many files whose path ends in `name` the kiosk process holds open (Linux: /proc/<pid>/fd). */
function openFilesNamed(kiosk: KioskProcess, name: string): number {
  const dir = `/proc/${kiosk.child.pid}/fd`;
  return readdirSync(dir).filter((fd) => {
    try {
      return readlinkSync(path.join(dir, fd)).endsWith(name);
    } catch {
      return false; // closed while we looked
    }
  }).length;
}

/** A data folder as capture leaves it: a migrated database naming one scene's two camera files. */
async function dataDirWithOneScene(footage: Buffer) {
  const dataDir = makeDataDir();
  const database = await openDatabase(path.join(dataDir, 'magnum.db'));
  const rows = fixtures(database.sqlite);
  const recordingId = rows.recording().id;
  const camera1 = `media/${recordingId}/cruising/camera1.mp4`;
  const camera2 = `media/${recordingId}/cruising/camera2.mp4`;
  rows.scene(recordingId, 'cruising', { camera1_path: camera1, camera2_path: camera2 });
  await database.close();
  mkdirSync(path.join(dataDir, path.dirname(camera1)), { recursive: true });
  writeFileSync(path.join(dataDir, camera1), footage);
  // A full-size scene (sparse, so it costs no disk): far more than one socket write.
  const large = openSync(path.join(dataDir, camera2), 'w');
  ftruncateSync(large, 256 * 1024 * 1024);
  closeSync(large);
  // On disk beside it, but not in the database.
  writeFileSync(path.join(dataDir, path.dirname(camera1), 'stray.mp4'), footage);
  return { dataDir, recordingId, camera1, camera2 };
}

describe('kiosk host /media/ route', () => {
  const footage = randomBytes(64 * 1024);
  let kiosk: KioskProcess;
  let scene: Awaited<ReturnType<typeof dataDirWithOneScene>>;

  beforeAll(async () => {
    scene = await dataDirWithOneScene(footage);
    kiosk = await startKiosk(scene.dataDir);
    const { screen } = await addPeople(kiosk.url, []);
    cookie = (await sessionCookie(kiosk.url, screen.session!)).cookie ?? '';
    screen.close();
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('serves a recorded scene whole, as video/mp4 with the security headers', async () => {
    const reply = await fetchRaw(kiosk, mediaUrl(scene.camera1, 'take-1'));
    expect(reply.status).toBe(200);
    expect(reply.body.equals(footage)).toBe(true);
    expect(reply.headers['content-type']).toBe('video/mp4');
    expect(reply.headers['content-length']).toBe(String(footage.length));
    expect(reply.headers['accept-ranges']).toBe('bytes');
    expect(String(reply.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it('serves a Range as 206 with exactly those bytes, as a video element seeking asks', async () => {
    const reply = await fetchRaw(kiosk, mediaUrl(scene.camera1), { headers: { Range: 'bytes=1000-1999' } });
    expect(reply.status).toBe(206);
    expect(reply.headers['content-range']).toBe(`bytes 1000-1999/${footage.length}`);
    expect(reply.body.equals(footage.subarray(1000, 2000))).toBe(true);

    const open = await fetchRaw(kiosk, mediaUrl(scene.camera1), { headers: { Range: 'bytes=65000-' } });
    expect(open.status).toBe(206);
    expect(open.body.equals(footage.subarray(65000))).toBe(true);
  });

  it('answers an unsatisfiable Range with 416 and HEAD with headers only', async () => {
    const beyond = await fetchRaw(kiosk, mediaUrl(scene.camera1), {
      headers: { Range: `bytes=${footage.length}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${footage.length}`);

    const head = await fetchRaw(kiosk, mediaUrl(scene.camera1), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(footage.length));
    expect(head.body.length).toBe(0);

    const post = await fetchRaw(kiosk, mediaUrl(scene.camera1), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('never serves the database or any file the database does not name', async () => {
    const rec = scene.recordingId;
    for (const pathname of [
      '/media/../magnum.db',
      `/media/${rec}/../../magnum.db`,
      '/media/%2e%2e/magnum.db',
      `/media/${rec}/..%2f..%2fmagnum.db`,
      `/media/${rec}/cruising%2Fcamera1.mp4`,
      `/media/${rec}/cruising/camera1.mp4%00`,
      `/media/${rec}\\cruising\\camera1.mp4`,
      '/media//etc/passwd',
      mediaUrl(`media/${rec}/cruising/stray.mp4`),
    ]) {
      const reply = await fetchRaw(kiosk, pathname);
      expect(reply.status, pathname).toBe(404);
      expect(reply.body.toString('latin1'), pathname).not.toContain('SQLite format');
      expect(reply.body.toString(), pathname).toBe('Not found.');
    }
  });

  it('answers 401 with no bytes without a session cookie, or with one the kiosk never gave', async () => {
    for (const sent of ['', 'magnum_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const reply = await fetchRaw(kiosk, mediaUrl(scene.camera1), { headers: { Cookie: sent } });
      expect(reply.status, sent).toBe(401);
      expect(reply.body.includes(footage.subarray(0, 64)), sent).toBe(false);
    }
  });

  it('answers /media/ only to its own address (DNS rebinding)', async () => {
    const port = new URL(kiosk.url).port;
    const reply = await fetchRaw(kiosk, mediaUrl(scene.camera1), {
      headers: { Host: `evil.example:${port}` },
    });
    expect(reply.status).toBe(421);
    expect(reply.body.includes(footage.subarray(0, 64))).toBe(false);
  });

  it('closes the file and keeps serving after a viewer abandons a scene mid-stream', async () => {
    const target = new URL(kiosk.url);
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: mediaUrl(scene.camera2),
          headers: { Cookie: cookie },
        },
        (response) => {
          expect(response.statusCode).toBe(200);
          response.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', (error) =>
        (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? null : reject(error),
      );
      req.end();
    });
    if (process.platform === 'linux') {
      // A kiosk left running for a season must not collect one open file per abandoned preview.
      await vi.waitFor(() => expect(openFilesNamed(kiosk, 'camera2.mp4')).toBe(0), { timeout: 5000 });
    }
    const reply = await fetchRaw(kiosk, mediaUrl(scene.camera1), { headers: { Range: 'bytes=0-9' } });
    expect(reply.status).toBe(206);
    expect(reply.body.equals(footage.subarray(0, 10))).toBe(true);
  });
});

describe('kiosk host /media/ with a damaged database', () => {
  it('answers 503 rather than guessing which files are media', async () => {
    const { dataDir, camera1 } = await dataDirWithOneScene(randomBytes(100));
    writeFileSync(path.join(dataDir, 'magnum.db'), 'this is not a database '.repeat(200));
    const kiosk = await startKiosk(dataDir);
    try {
      const reply = await fetchRaw(kiosk, mediaUrl(camera1));
      expect(reply.status).toBe(503);
    } finally {
      await kiosk.stop();
    }
  });
});
