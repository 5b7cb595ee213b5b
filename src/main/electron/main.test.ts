// The desktop app's start (main.ts) with the electron module mocked, since its binary cannot run here: the
// services start as a utilityProcess and calls, the keychain offer and start-at-login cross to it; the kiosk
// window is watched for crashes, hangs and failed loads; the display is kept awake; permissions are camera
// only; a dying child process is logged; quitting closes the services before the app exits.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL } from '../../shared/ipc-channels';
import type { FromServices, ToServices } from '../services/protocol';

const dataDir = mkdtempSync(path.join(tmpdir(), 'magnum-desktop-'));
const configHome = mkdtempSync(path.join(tmpdir(), 'magnum-xdg-'));

const electron = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const startsToFail = { next: false };
  class FakeUtility extends Emitter {
    pid = 4242;
    received: unknown[] = [];
    failStart = startsToFail.next;
    postMessage(message: { type: string }) {
      this.received.push(message);
      // As the services entry does: ready once started (or why not), gone once closed.
      if (message.type === 'start' && this.failStart) {
        setImmediate(() => this.emit('message', { type: 'startFailed', message: 'The disk is full.' }));
      } else if (message.type === 'start') {
        setImmediate(() => this.emit('message', { type: 'ready', pid: this.pid }));
      }
      if (message.type === 'close') setImmediate(() => this.emit('exit', 0));
    }
    kill = () => true;
  }
  class BrowserWindow extends Emitter {
    static built: BrowserWindow[] = [];
    webContents = Object.assign(new Emitter(), {
      id: 7,
      send: () => undefined,
      loadURL: async () => undefined,
      getURL: () => 'app://magnum/index.html',
      forcefullyCrashRenderer: () => undefined,
    });
    constructor(public options: unknown) {
      super();
      BrowserWindow.built.push(this);
    }
    removeMenu = () => undefined;
    loadURL = async () => undefined;
    show = () => undefined;
    isDestroyed = () => false;
  }
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: () => '/nonexistent',
    getAppPath: () => '/opt/magnumstream/app',
    isPackaged: true,
    quit: () => undefined,
    exit: (_code: number) => undefined,
    setLoginItemSettings: () => undefined,
    getLoginItemSettings: () => ({ openAtLogin: false }),
  });
  const utility: FakeUtility[] = [];
  const forks: Array<{ file: string; options: { serviceName?: string; env?: Record<string, string> } }> = [];
  return {
    app,
    BrowserWindow,
    startsToFail,
    errorBoxes: [] as Array<[string, string]>,
    utility,
    forks,
    fork(file: string, _args: string[], options: { serviceName?: string; env?: Record<string, string> }) {
      const child = new FakeUtility();
      utility.push(child);
      forks.push({ file, options });
      return child;
    },
    ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
    protocolHandlers: new Map<string, unknown>(),
    permissionRequest: undefined as undefined | ((...args: unknown[]) => void),
    permissionCheck: undefined as undefined | ((...args: unknown[]) => boolean),
    blockers: [] as string[],
  };
});

vi.mock('electron', () => ({
  app: electron.app,
  BrowserWindow: electron.BrowserWindow,
  ipcMain: { handle: (channel: string, handler: never) => electron.ipcHandlers.set(channel, handler) },
  Menu: { setApplicationMenu: () => undefined },
  dialog: {
    showErrorBox: (title: string, content: string) => electron.errorBoxes.push([title, content]),
  },
  powerSaveBlocker: {
    start: (type: string) => electron.blockers.push(type),
    isStarted: () => true,
    stop: () => undefined,
  },
  protocol: {
    registerSchemesAsPrivileged: () => undefined,
    handle: (scheme: string, handler: unknown) => electron.protocolHandlers.set(scheme, handler),
  },
  screen: { getAllDisplays: () => [], getPrimaryDisplay: () => ({ id: 1 }) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: never) => (electron.permissionRequest = handler),
      setPermissionCheckHandler: (handler: never) => (electron.permissionCheck = handler),
    },
  },
  safeStorage: { isEncryptionAvailable: () => false },
  utilityProcess: { fork: (...args: never[]) => electron.fork(...(args as [never, never, never])) },
}));

const services = () => electron.utility[0]!;
const sent = () => services().received as ToServices[];
const window = () => electron.BrowserWindow.built[0]!;

beforeAll(async () => {
  process.env.MAGNUM_DATA_DIR = dataDir;
  process.env.XDG_CONFIG_HOME = configHome;
  await import('./main');
  await vi.waitFor(() => expect(electron.BrowserWindow.built).toHaveLength(1));
});

describe('the desktop app’s start', () => {
  it('starts the services entry as a utilityProcess, with what it must find by environment', () => {
    expect(electron.forks).toHaveLength(1);
    const { file, options } = electron.forks[0]!;
    expect(path.basename(file)).toBe('services.mjs');
    expect(options.serviceName).toBe('MagnumStream services');
    expect(options.env).toHaveProperty('MAGNUMSTREAM_RESOURCES_PATH');
    expect(sent()[0]).toEqual({
      type: 'start',
      options: {
        dataDir,
        host: 'electron',
        downloadPort: 8787,
        // No keychain safeStorage can use here; start at login is offered on Linux (an XDG entry).
        offers: { keychain: false, startAtLogin: process.platform === 'linux' },
      },
    });
  });

  it('carries a call from the kiosk window to the services and their answer back', async () => {
    const handler = electron.ipcHandlers.get(IPC_CALL)!;
    const answer = handler(
      {
        sender: { id: window().webContents.id },
        senderFrame: { url: 'app://magnum/index.html', parent: null },
      },
      { channel: 'system.info', input: {} },
    ) as Promise<unknown>;
    await vi.waitFor(() => expect(sent().some((message) => message.type === 'call')).toBe(true));
    const call = sent().find((message) => message.type === 'call') as Extract<ToServices, { type: 'call' }>;
    expect(call.call).toMatchObject({
      channel: 'system.info',
      transport: 'electron',
      peer: { connection: 'window:7' },
    });
    services().emit('message', {
      type: 'answer',
      id: call.id,
      value: { result: { ok: true, value: { host: 'electron' } } },
    } satisfies FromServices);
    expect(await answer).toEqual({ ok: true, value: { host: 'electron' } });
  });

  it('refuses calls from any other page without asking the services', async () => {
    const before = sent().length;
    const handler = electron.ipcHandlers.get(IPC_CALL)!;
    const answer = await handler(
      { sender: { id: 99 }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { channel: 'system.info', input: {} },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      sent()
        .slice(before)
        .filter((message) => message.type === 'call'),
    ).toEqual([]);
    // And the refusal is in the log (the host's lines go to the services' log file).
    const logged = sent()
      .slice(before)
      .flatMap((message) =>
        message.type === 'log' ? [JSON.parse(message.line) as Record<string, unknown>] : [],
      );
    expect(logged).toContainEqual(expect.objectContaining({ level: 40, url: 'https://evil.example/' }));
  });

  it('serves the app:// protocol', () => {
    expect(electron.protocolHandlers.has('app')).toBe(true);
  });

  it('watches the kiosk window for a crashed, hung or unloaded page', () => {
    const contents = window().webContents;
    for (const event of ['render-process-gone', 'did-fail-load']) {
      expect(contents.listenerCount(event), event).toBeGreaterThan(0);
    }
    for (const event of ['unresponsive', 'responsive']) {
      expect(window().listenerCount(event), event).toBeGreaterThan(0);
    }
  });

  it('keeps the display awake and logs child processes that die', () => {
    expect(electron.blockers).toEqual(['prevent-display-sleep']);
    expect(electron.app.listenerCount('child-process-gone')).toBeGreaterThan(0);
  });

  it('lets the app’s page use the camera, never the microphone', () => {
    const decide = (permission: string, details: Record<string, unknown>) =>
      new Promise<boolean>((resolve) => electron.permissionRequest!(null, permission, resolve, details));
    const page = 'app://magnum/index.html';
    return Promise.all([
      expect(decide('media', { requestingUrl: page, mediaTypes: ['video'] })).resolves.toBe(true),
      expect(decide('media', { requestingUrl: page, mediaTypes: ['video', 'audio'] })).resolves.toBe(false),
      expect(decide('media', { requestingUrl: page, mediaTypes: ['audio'] })).resolves.toBe(false),
      expect(decide('geolocation', { requestingUrl: page })).resolves.toBe(false),
      expect(
        decide('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }),
      ).resolves.toBe(false),
    ]);
  });

  // Linux only: Windows and macOS switch login items through app.setLoginItemSettings (autostart.test.ts).
  it.runIf(process.platform === 'linux')(
    'switches start at login when the services ask, with an XDG autostart entry',
    async () => {
      const entry = path.join(configHome, 'autostart', 'magnumstream.desktop');
      services().emit('message', { type: 'hostCall', id: 1, name: 'startAtLogin.apply', args: [true] });
      await vi.waitFor(() => expect(sent()).toContainEqual({ type: 'hostAnswer', id: 1, value: null }));
      expect(readFileSync(entry, 'utf8')).toContain('X-GNOME-Autostart-enabled=true');
      services().emit('message', { type: 'hostCall', id: 2, name: 'startAtLogin.apply', args: [false] });
      await vi.waitFor(() => expect(sent()).toContainEqual({ type: 'hostAnswer', id: 2, value: null }));
      expect(existsSync(entry)).toBe(false);
    },
  );

  it('closes the services before the app exits when it quits', async () => {
    const exit = vi.spyOn(electron.app, 'exit');
    const event = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(sent().at(-1)).toEqual({ type: 'close' });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
  });
});

describe('a desktop app whose services cannot start', () => {
  it('shows why on screen and ends, rather than leaving a blank kiosk', async () => {
    electron.startsToFail.next = true;
    const exit = vi.spyOn(electron.app, 'exit');
    vi.resetModules();
    await import('./main');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(electron.errorBoxes).toEqual([
      ['MagnumStream could not start', expect.stringMatching(/The disk is full\.[\s\S]*call support/)],
    ]);
  });
});
