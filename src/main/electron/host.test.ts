// The Electron binary cannot run on our build machines, so the host's settings are checked with `electron` mocked.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Refusal } from './refusals';
import { fixtures, openTempDatabase } from '../../../db/test-support';
import { IPC_CALL } from '../../shared/ipc-channels';
import { runFfmpeg } from '../ffmpeg/run';
import { createMediaService, type FileRoute } from '../media/serve';
import { thumbUrl, thumbVersion } from '../media/thumb-url';
import { mediaUrl } from '../media/url';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { createThumbnailService, isCompleteJpeg, THUMB_CACHE_CONTROL } from '../thumbnails/service';

const { constructed, ids } = vi.hoisted(() => ({ constructed: [] as unknown[], ids: { next: 7 } }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    // The first window of each test is webContents 7, the next 8...
    webContents = { send: vi.fn(), id: ids.next++ };
    destroyed = false;
    constructor(options: unknown) {
      super();
      constructed.push(options);
    }
    removeMenu = vi.fn();
    loadURL = vi.fn(async () => {});
    show = vi.fn();
    isDestroyed = () => this.destroyed;
    close() {
      this.destroyed = true;
      this.emit('closed');
    }
  }
  return { BrowserWindow };
});

const {
  createMainWindow,
  forwardEvents,
  handleContractCalls,
  hardenWebContents,
  installPermissionHandlers,
  serveRenderer,
} = await import('./host');
const { APP_SCHEME_PRIVILEGES, isAppUrl, isTrustedSender } = await import('./security');
const { createAppWindows } = await import('./windows');
const { loadFailedUrl } = await import('./load-failed');
/** The window's signed-in person for the app protocol: an admin, who may see every flight. */
const ADMIN = { id: 'admin-1', name: 'Ada', role: 'admin' as const };

beforeEach(() => {
  constructed.length = 0;
  ids.next = 7;
});

/** The windows registry holding one kiosk window (webContents 7), as main.ts starts. */
function kioskWindows() {
  const windows = createAppWindows();
  const window = createMainWindow('/p.cjs') as unknown as {
    webContents: { send: ReturnType<typeof vi.fn>; id: number };
  };
  const session = windows.add(window as never);
  return { windows, window, session };
}

describe('Electron main window', () => {
  it('is a kiosk window with context isolation and sandbox on and Node off', () => {
    const window = createMainWindow('/app/preload/index.cjs') as unknown as {
      loadURL: ReturnType<typeof vi.fn>;
    };
    const options = constructed[0] as BrowserWindowConstructorOptions;
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://magnum/index.html');
  });

  it('has no menu', () => {
    const window = createMainWindow('/p.cjs') as unknown as { removeMenu: ReturnType<typeof vi.fn> };
    expect(window.removeMenu).toHaveBeenCalled();
  });
});

describe('navigation and new windows', () => {
  function fakeContents() {
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };
    contents.setWindowOpenHandler = vi.fn();
    hardenWebContents(contents as never);
    return contents;
  }
  const navigate = (contents: EventEmitter, name: string, url: string) => {
    const event = { preventDefault: vi.fn() };
    contents.emit(name, event, url);
    return event.preventDefault.mock.calls.length > 0;
  };

  it('blocks navigation and redirects away from the app', () => {
    const contents = fakeContents();
    expect(navigate(contents, 'will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'http://127.0.0.1:5780/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://magnum/index.html')).toBe(false);
  });

  it('denies every new window and every webview', () => {
    const contents = fakeContents();
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as () => unknown;
    expect(handler()).toEqual({ action: 'deny' });
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  function handlers(refusals: Refusal[] = []) {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    installPermissionHandlers(session as never, (refusal) => refusals.push(refusal));
    return {
      request: session.setPermissionRequestHandler.mock.calls[0]![0] as (
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
        details: { requestingUrl: string; mediaTypes?: string[] },
      ) => void,
      check: session.setPermissionCheckHandler.mock.calls[0]![0] as (
        contents: unknown,
        permission: string,
        origin: string,
        details: { mediaType?: string },
      ) => boolean,
    };
  }
  const ask = (permission: string, url: string, mediaTypes?: string[], refusals?: Refusal[]) => {
    let granted: boolean | undefined;
    handlers(refusals).request(null, permission, (answer) => (granted = answer), {
      requestingUrl: url,
      mediaTypes,
    });
    return granted;
  };
  const check = (permission: string, origin: string, mediaType?: string, refusals?: Refusal[]) =>
    handlers(refusals).check(null, permission, origin, { mediaType });

  it('grants the camera (video only) to the app itself', () => {
    expect(ask('media', 'app://magnum/index.html', ['video'])).toBe(true);
    expect(check('media', 'app://magnum', 'video')).toBe(true);
  });

  it('refuses the microphone, alone or with the camera, and an ask that names no device', () => {
    expect(ask('media', 'app://magnum/index.html', ['audio'])).toBe(false);
    expect(ask('media', 'app://magnum/index.html', ['video', 'audio'])).toBe(false);
    expect(ask('media', 'app://magnum/index.html', [])).toBe(false);
    expect(ask('media', 'app://magnum/index.html')).toBe(false);
    expect(check('media', 'app://magnum', 'audio')).toBe(false);
    expect(check('media', 'app://magnum', 'unknown')).toBe(false);
    expect(check('media', 'app://magnum')).toBe(false);
  });

  it('refuses the camera to any other origin and every other permission', () => {
    expect(ask('media', 'https://example.com/', ['video'])).toBe(false);
    expect(ask('media', 'http://127.0.0.1:5780/', ['video'])).toBe(false);
    expect(ask('geolocation', 'app://magnum/index.html')).toBe(false);
    expect(ask('notifications', 'app://magnum/index.html')).toBe(false);
    expect(check('media', 'https://example.com', 'video')).toBe(false);
  });

  it('logs each refusal with the permission, the page and why, and nothing it grants', () => {
    const refusals: Refusal[] = [];
    ask('media', 'app://magnum/index.html', ['video'], refusals);
    check('media', 'app://magnum', 'video', refusals);
    ask('media', 'app://magnum/index.html', ['video', 'audio'], refusals);
    ask('geolocation', 'https://example.com/', undefined, refusals);
    check('media', 'https://example.com', 'video', refusals);
    expect(refusals).toEqual([
      {
        kind: 'permission-request',
        what: 'media',
        url: 'app://magnum/index.html',
        reason: 'camera (video) only, never the microphone',
      },
      {
        kind: 'permission-request',
        what: 'geolocation',
        url: 'https://example.com/',
        reason: 'only the camera is ever allowed',
      },
      {
        kind: 'permission-check',
        what: 'media',
        url: 'https://example.com',
        reason: "not one of the app's own pages",
      },
    ]);
  });
});

describe('IPC sender check', () => {
  it('answers calls from the top frame of the app only', async () => {
    const ipcMain = { handle: vi.fn() };
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'fine' }));
    const refusals: Refusal[] = [];
    handleContractCalls(ipcMain as never, dispatch, kioskWindows().windows, (refusal) =>
      refusals.push(refusal),
    );
    expect(ipcMain.handle.mock.calls[0]![0]).toBe(IPC_CALL);
    const handler = ipcMain.handle.mock.calls[0]![1] as (
      event: unknown,
      request: unknown,
    ) => Promise<unknown>;

    const fromApp = { sender: { id: 7 }, senderFrame: { url: 'app://magnum/index.html', parent: null } };
    await expect(handler(fromApp, { channel: 'system.info', input: {} })).resolves.toEqual({
      ok: true,
      value: 'fine',
    });
    expect(dispatch).toHaveBeenCalledWith(
      expect.objectContaining({
        channel: 'system.info',
        input: {},
        session: undefined,
        transport: 'electron',
        peer: { connection: 'window:7', address: 'local' },
      }),
    );

    for (const senderFrame of [
      { url: 'https://example.com/', parent: null },
      { url: 'app://magnum/index.html', parent: {} },
      null,
    ]) {
      await expect(
        handler({ sender: { id: 7 }, senderFrame }, { channel: 'system.info', input: {} }),
      ).resolves.toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(dispatch).toHaveBeenCalledTimes(1);
    // Each refused call is logged with its page; the answered one is not.
    expect(refusals.map(({ kind, what, url }) => ({ kind, what, url }))).toEqual([
      { kind: 'ipc-sender', what: 'system.info', url: 'https://example.com/' },
      { kind: 'ipc-sender', what: 'system.info', url: 'app://magnum/index.html' },
      { kind: 'ipc-sender', what: 'system.info', url: undefined },
    ]);
  });

  it('refuses and logs a call from an app page in a window main did not open', async () => {
    const ipcMain = { handle: vi.fn() };
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    const refusals: Refusal[] = [];
    handleContractCalls(ipcMain as never, dispatch, kioskWindows().windows, (refusal) =>
      refusals.push(refusal),
    );
    const handler = ipcMain.handle.mock.calls[0]![1] as (
      event: unknown,
      request: unknown,
    ) => Promise<unknown>;
    const stranger = { sender: { id: 99 }, senderFrame: { url: 'app://magnum/index.html', parent: null } };
    await expect(handler(stranger, { channel: 'auth.signIn', input: {} })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dispatch).not.toHaveBeenCalled();
    expect(refusals).toEqual([
      {
        kind: 'ipc-sender',
        what: 'auth.signIn',
        url: 'app://magnum/index.html',
        reason: 'a page of ours in a window main did not open',
      },
    ]);
  });

  it('passes a malformed request on to validation instead of crashing', async () => {
    const ipcMain = { handle: vi.fn() };
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    handleContractCalls(ipcMain as never, dispatch, kioskWindows().windows);
    const handler = ipcMain.handle.mock.calls[0]![1] as (
      event: unknown,
      request: unknown,
    ) => Promise<unknown>;
    await handler(
      { sender: { id: 7 }, senderFrame: { url: 'app://magnum/', parent: null } },
      'not an object',
    );
    expect(dispatch).toHaveBeenCalledWith(
      expect.objectContaining({
        channel: undefined,
        input: undefined,
        session: undefined,
        transport: 'electron',
        peer: { connection: 'window:7', address: 'local' },
      }),
    );
  });
});

describe('events to the window', () => {
  it('forwards events only while a person is signed in there, until the window is closed', async () => {
    const { createEventHub } = await import('../ipc/events');
    const { IPC_EVENT } = await import('../../shared/ipc-channels');
    const hub = createEventHub();
    const { windows, window, session } = kioskWindows();
    const crew = { id: 'crew-1', name: 'Maya', role: 'crew' as const };
    // Who may receive what is audience.ts's job (tested in the policy matrix); here: signed in or not.
    const audience = {
      userOf: async (token: string | null) => (token === 'live' ? crew : null),
      receiversOf: async () => ({ kind: 'signedIn' as const }),
    };
    const { eventFeed } = await import('../ipc/audience');
    const feed = eventFeed(hub, audience, pino({ level: 'silent' }));
    const stop = forwardEvents(feed, windows, audience as never, pino({ level: 'silent' }));
    const settled = () => new Promise((resolve) => setTimeout(resolve, 10));
    hub.emit('system.notice', { level: 'info', message: 'before sign-in' });
    await settled();
    session.caller('live', crew);
    hub.emit('system.notice', { level: 'info', message: 'Export finished' });
    await settled();
    stop();
    hub.emit('system.notice', { level: 'info', message: 'after close' });
    await settled();
    expect(window.webContents.send.mock.calls).toEqual([
      [IPC_EVENT, { event: 'system.notice', payload: { level: 'info', message: 'Export finished' } }],
    ]);
  });
});

describe('a restore started from the window before anyone signs in', () => {
  it('reports its progress to the window, named as its calls name it', async () => {
    const { createEventHub } = await import('../ipc/events');
    const { createAudience, eventFeed } = await import('../ipc/audience');
    const { createDataAccess } = await import('../data-access');
    const { IPC_EVENT } = await import('../../shared/ipc-channels');
    const hub = createEventHub();
    const { windows, window } = kioskWindows();
    // The backups service records the connection the restore call came on (handleContractCalls: window:<id>).
    const audience = createAudience(createDataAccess({ handle: null }), pino({ level: 'silent' }), {
      backupRunWatchers: (runId) => new Set(runId === 'run-1' ? ['window:7'] : []),
    });
    const stop = forwardEvents(
      eventFeed(hub, audience, pino({ level: 'silent' })),
      windows,
      audience,
      pino({ level: 'silent' }),
    );
    const progress = (runId: string) => ({
      runId,
      kind: 'restore' as const,
      state: 'running' as const,
      phase: 'files' as const,
      bytesDone: 1,
      bytesTotal: 2,
      filesDone: 1,
      filesTotal: 2,
      etaSeconds: null,
      root: '/media/kiosk/BACKUP/MagnumStream-backups',
      message: null,
    });
    hub.emit('backups.progress', progress('run-1'));
    hub.emit('backups.progress', progress('someone-else'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop();
    expect(window.webContents.send.mock.calls).toEqual([
      [IPC_EVENT, { event: 'backups.progress', payload: progress('run-1') }],
    ]);
  });
});

describe('app protocol', () => {
  const silent = pino({ level: 'silent' });
  const temps: Array<{ dispose(): Promise<void> }> = [];
  afterEach(async () => {
    for (const temp of temps.splice(0)) await temp.dispose();
  });

  const refuseAll: FileRoute = { respond: vi.fn(async () => new Response(null, { status: 404 })) };
  beforeEach(() => vi.mocked(refuseAll.respond).mockClear());

  /** The handler serveRenderer installs, over a renderer folder with an index.html and given file services. */
  function installed(media: FileRoute, thumbnails: FileRoute = refuseAll) {
    const dir = mkdtempSync(path.join(tmpdir(), 'renderer-'));
    writeFileSync(path.join(dir, 'index.html'), '<html></html>');
    mkdirSync(path.join(dir, 'thumbs'));
    writeFileSync(path.join(dir, 'thumbs', 'x.jpg'), 'a renderer file that must never be served');
    const protocol = { handle: vi.fn() };
    serveRenderer(protocol as never, dir, media, thumbnails, async () => ADMIN);
    expect(protocol.handle.mock.calls[0]![0]).toBe('app');
    return protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
  }

  it('serves renderer files with the strict CSP and refuses traversal', async () => {
    const serve = installed(refuseAll);
    const page = await serve(new Request('app://magnum/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toBe('<html></html>');
    expect((await serve(new Request('app://magnum/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404);
    expect((await serve(new Request('app://other/index.html'))).status).toBe(404);
    expect(refuseAll.respond).not.toHaveBeenCalled();
  });

  it('serves the error page and its styles from main, even with no renderer files at all', async () => {
    const protocol = { handle: vi.fn() };
    const empty = mkdtempSync(path.join(tmpdir(), 'renderer-'));
    serveRenderer(protocol as never, empty, refuseAll, refuseAll, async () => ADMIN);
    const serve = protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
    expect((await serve(new Request('app://magnum/index.html'))).status).toBe(404);

    const page = await serve(new Request(loadFailedUrl('load-failed', 4000)));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('could not be opened');
    expect(html).toContain('in 4 seconds');
    expect(html).toContain('href="/index.html"');
    expect(html).not.toMatch(/<script|style=/);
    const styles = await serve(new Request('app://magnum/load-failed.css'));
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await styles.text()).toContain('min-height: 64px');
    expect(await (await serve(new Request(loadFailedUrl('crash-loop')))).text()).toContain('keeps stopping');
  });

  it('puts nothing from the error page address into the page', async () => {
    const serve = installed(refuseAll);
    const html = await (
      await serve(new Request('app://magnum/load-failed.html?why=<script>x</script>&retry=<b>9</b>'))
    ).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('in a moment');
    expect(await (await serve(new Request('app://magnum/load-failed.html?retry=3600'))).text()).toContain(
      'in a moment',
    );
  });

  it('hands app://magnum/thumbs/ to the thumbnail service only, never to the renderer folder', async () => {
    const media: FileRoute = { respond: vi.fn(async () => new Response('footage', { status: 200 })) };
    const thumbnails: FileRoute = { respond: vi.fn(async () => new Response('picture', { status: 200 })) };
    const serve = installed(media, thumbnails);
    const url = `app://magnum${thumbUrl('6f1c2a9e-3b7d-4c1e-9a55-0d2b8e4f7a10', 1, 'strip', '1748772000000')}`;
    expect(await (await serve(new Request(url))).text()).toBe('picture');
    expect(thumbnails.respond).toHaveBeenCalledWith({ method: 'GET', url, range: null, viewer: ADMIN });
    expect(await (await serve(new Request('app://magnum/thumbs/x.jpg'))).text()).toBe('picture');
    expect(await (await serve(new Request('app://magnum/media/a/b/c.mp4'))).text()).toBe('footage');
    expect(thumbnails.respond).toHaveBeenCalledTimes(2);
    expect(media.respond).toHaveBeenCalledTimes(1);
    // Another host under the scheme gets nothing from either service.
    expect((await serve(new Request('app://other/thumbs/x.jpg'))).status).toBe(404);
    expect(thumbnails.respond).toHaveBeenCalledTimes(2);
  });

  it('serves a real poster made by ffmpeg at app://magnum/thumbs/, and refuses tricks', async () => {
    const database = await openTempDatabase();
    temps.push(database);
    const rows = fixtures(database.sqlite);
    const recordingId = rows.recording().id;
    const camera1 = `media/${recordingId}/cruising/camera1.mp4`;
    const updatedAt = '2025-06-01T10:00:00.000Z';
    const sceneId = rows.scene(recordingId, 'cruising', {
      camera1_path: camera1,
      camera1_duration: 2,
      updated_at: updatedAt,
    }).id;
    mkdirSync(path.join(database.dir, path.dirname(camera1)), { recursive: true });
    // prettier-ignore
    await runFfmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=10:duration=2',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path.join(database.dir, camera1)]);
    const thumbnails = createThumbnailService({
      dataDir: database.dir,
      db: () => database.db,
      logger: silent,
    });
    temps.push({ dispose: () => thumbnails.close() });
    const serve = installed(refuseAll, thumbnails);

    const poster = await serve(
      new Request(`app://magnum${thumbUrl(sceneId, 1, 'poster', thumbVersion(updatedAt))}`),
    );
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect(poster.headers.get('cache-control')).toBe(THUMB_CACHE_CONTROL);
    expect(poster.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(isCompleteJpeg(Buffer.from(await poster.arrayBuffer()))).toBe(true);

    for (const unknown of [
      thumbUrl(sceneId, 1, 'poster', '1'),
      thumbUrl(sceneId, 2, 'poster', thumbVersion(updatedAt)),
      `/thumbs/${sceneId}/..%2f..%2fmagnum.db?v=${thumbVersion(updatedAt)}`,
      `/thumbs/${sceneId}%2Fcamera1-poster.jpg?v=${thumbVersion(updatedAt)}`,
    ]) {
      expect((await serve(new Request(`app://magnum${unknown}`))).status, unknown).toBe(404);
    }
    expect(refuseAll.respond).not.toHaveBeenCalled();
  });

  it('hands app://magnum/media/ to the media service: a known file in ranges, anything else 404', async () => {
    const database = await openTempDatabase();
    temps.push(database);
    const rows = fixtures(database.sqlite);
    const recordingId = rows.recording().id;
    const camera1 = `media/${recordingId}/cruising/camera1.mp4`;
    rows.scene(recordingId, 'cruising', { camera1_path: camera1 });
    const footage = randomBytes(2048);
    mkdirSync(path.join(database.dir, path.dirname(camera1)), { recursive: true });
    writeFileSync(path.join(database.dir, camera1), footage);
    writeFileSync(path.join(database.dir, path.dirname(camera1), 'stray.mp4'), footage);
    const serve = installed(
      createMediaService({ dataDir: database.dir, db: () => database.db, logger: silent }),
    );

    const partial = await serve(
      new Request(`app://magnum${mediaUrl(camera1, 'take-1')}`, { headers: { Range: 'bytes=100-199' } }),
    );
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 100-199/2048');
    expect(partial.headers.get('content-type')).toBe('video/mp4');
    expect(partial.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(Buffer.from(await partial.arrayBuffer())).toEqual(footage.subarray(100, 200));

    const whole = await serve(new Request(`app://magnum${mediaUrl(camera1)}`));
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(footage);

    for (const unknown of [
      mediaUrl(`media/${recordingId}/cruising/stray.mp4`),
      `/media/${recordingId}/..%2f..%2fmagnum.db`,
    ]) {
      expect((await serve(new Request(`app://magnum${unknown}`))).status, unknown).toBe(404);
    }
    // Media is only ever the app's own: another host under the scheme gets nothing.
    expect((await serve(new Request(`app://other${mediaUrl(camera1)}`))).status).toBe(404);
  });
});

describe('security rules', () => {
  it('recognises only app://magnum as the app', () => {
    expect(isAppUrl('app://magnum/index.html')).toBe(true);
    expect(isAppUrl('app://magnum.evil/index.html')).toBe(false);
    expect(isAppUrl('https://magnum/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('registers app:// as a standard secure scheme, so the window has the sessionStorage a reload keeps', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    // Nothing that would loosen the page's CSP or let other pages in.
    expect(APP_SCHEME_PRIVILEGES.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.corsEnabled).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.allowServiceWorkers).toBeFalsy();
  });

  it('has a CSP with no remote or inline script and no plugins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
});
