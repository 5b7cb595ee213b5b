// The customer screen in the Electron product, with `electron` mocked (its binary cannot run on our build machines):
// which addresses may open a window, one customer window at most, where it goes, and that each window is a
// connection of its own (its session for calls and events, forgotten when it closes).
import { pino } from 'pino';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../shared/ipc-channels';

const { constructed, built, ids } = vi.hoisted(() => ({
  constructed: [] as unknown[],
  built: [] as unknown[],
  ids: { next: 7 },
}));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    webContents = { send: vi.fn(), id: ids.next++ };
    destroyed = false;
    minimized = false;
    constructor(options: unknown) {
      super();
      constructed.push(options);
      built.push(this);
    }
    removeMenu = vi.fn();
    loadURL = vi.fn(async () => {});
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn(() => (this.minimized = false));
    isMinimized = () => this.minimized;
    isDestroyed = () => this.destroyed;
    close() {
      this.destroyed = true;
      this.emit('closed');
    }
  }
  return { BrowserWindow };
});

const { customerScreenOpener } = await import('./customer-window');
const { createAppWindows } = await import('./windows');
const { createMainWindow, forwardEvents, handleContractCalls } = await import('./host');
const { createEventHub } = await import('../ipc/events');
const { eventFeed } = await import('../ipc/audience');

interface FakeWindow {
  webContents: { send: ReturnType<typeof vi.fn>; id: number };
  focus: ReturnType<typeof vi.fn>;
  restore: ReturnType<typeof vi.fn>;
  minimized: boolean;
  close(): void;
}

const CUSTOMER_URL = 'app://magnum/index.html#/customer-screen';
const PRIMARY = { id: 1, bounds: { x: 0, y: 0, width: 1280, height: 800 } };
const SECOND = { id: 2, bounds: { x: 1280, y: 0, width: 1920, height: 1080 } };

beforeEach(() => {
  constructed.length = 0;
  built.length = 0;
  ids.next = 7;
});

/** The kiosk window in the registry and the open handler its page (and every page of ours) gets. */
function kiosk(displays = [PRIMARY], watch?: (window: unknown) => void) {
  const windows = createAppWindows();
  const window = createMainWindow('/app/preload/index.cjs') as unknown as FakeWindow;
  const session = windows.add(window as never);
  const screen = { getAllDisplays: () => displays, getPrimaryDisplay: () => PRIMARY };
  const open = customerScreenOpener({
    preloadPath: '/app/preload/index.cjs',
    windows,
    screen: screen as never,
    watch: watch as never,
  });
  return { windows, window, session, open };
}

const ask = (open: (details: HandlerDetails) => WindowOpenHandlerResponse, url: string) =>
  open({ url, frameName: 'magnum-customer-screen', features: 'popup', disposition: 'new-window' } as never);

/** What Electron does with an allowed request: builds the window through our createWindow, with our options. */
function openCustomerWindow(open: (details: HandlerDetails) => WindowOpenHandlerResponse): FakeWindow {
  const response = ask(open, CUSTOMER_URL);
  expect(response.action).toBe('allow');
  const contents = response.createWindow!(response.overrideBrowserWindowOptions!);
  const window = built.at(-1) as FakeWindow;
  expect(contents).toBe(window.webContents);
  return window;
}

const optionsOf = (index: number) => constructed[index] as BrowserWindowConstructorOptions;

describe('which window a page may open', () => {
  it('opens the customer screen, with the kiosk window’s hardened page settings', () => {
    const { open } = kiosk();
    openCustomerWindow(open);
    expect(optionsOf(1).webPreferences).toEqual(optionsOf(0).webPreferences);
    expect(optionsOf(1).webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('refuses every other address: other routes, files, queries, schemes and lookalikes', () => {
    const { open } = kiosk();
    for (const url of [
      'app://magnum/index.html',
      'app://magnum/index.html#/settings',
      'app://magnum/index.html#/customer-screen-x',
      'app://magnum/index.html#/customer-screen/../settings',
      'app://magnum/index.html?next=x#/customer-screen',
      'app://magnum/other.html#/customer-screen',
      'app://magnum/media/a.mp4#/customer-screen',
      'app://magnum.evil/index.html#/customer-screen',
      'app://evil@magnum/index.html#/customer-screen',
      'app://magnum@evil/index.html#/customer-screen',
      'app://magnum:8080/index.html#/customer-screen',
      'https://magnum/index.html#/customer-screen',
      'http://127.0.0.1:5780/#/customer-screen',
      'file:///index.html#/customer-screen',
      'javascript:alert(1)//#/customer-screen',
      'about:blank',
      '',
    ]) {
      expect(ask(open, url), url).toEqual({ action: 'deny' });
    }
    expect(constructed).toHaveLength(1);
  });

  it('keeps one customer window: asked again, the open one comes to the front', () => {
    const { open } = kiosk();
    const customer = openCustomerWindow(open);
    customer.minimized = true;
    expect(ask(open, CUSTOMER_URL)).toEqual({ action: 'deny' });
    expect(customer.restore).toHaveBeenCalled();
    expect(customer.focus).toHaveBeenCalled();
    expect(constructed).toHaveLength(2);
  });

  it('allows no second window while the first is being built', () => {
    const { open } = kiosk();
    expect(ask(open, CUSTOMER_URL).action).toBe('allow');
    expect(ask(open, CUSTOMER_URL)).toEqual({ action: 'deny' });
  });

  it('opens a new customer window once the last one is closed', () => {
    const { open } = kiosk();
    openCustomerWindow(open).close();
    openCustomerWindow(open);
    expect(constructed).toHaveLength(3);
  });
});

describe('watching the customer window', () => {
  it('hands each customer window, once built, to the watcher (reload after a crash)', () => {
    const watched: unknown[] = [];
    const { open } = kiosk([PRIMARY], (window) => watched.push(window));
    const first = openCustomerWindow(open);
    expect(watched).toEqual([first]);
    first.close();
    const second = openCustomerWindow(open);
    expect(watched).toEqual([first, second]);
  });
});

describe('where the customer screen goes', () => {
  it('fills the display that is not the kiosk’s', () => {
    const { open } = kiosk([PRIMARY, SECOND]);
    openCustomerWindow(open);
    expect(optionsOf(1)).toMatchObject({ ...SECOND.bounds, fullscreen: true });
  });

  it('is a normal window to move when there is one display', () => {
    const { open } = kiosk([PRIMARY]);
    openCustomerWindow(open);
    expect(optionsOf(1)).toMatchObject({ width: 1280, height: 800, fullscreen: false });
    expect(optionsOf(1).x).toBeUndefined();
  });
});

describe('each window a connection of its own', () => {
  const crew = { id: 'crew-1', name: 'Maya', role: 'crew' as const };
  const admin = { id: 'admin-1', name: 'Noor', role: 'admin' as const };

  function calls(windows: ReturnType<typeof kiosk>['windows']) {
    const ipcMain = { handle: vi.fn() };
    const dispatch = vi.fn(async (call: { session: unknown; onCaller: (user: unknown) => void }) => {
      call.onCaller(call.session === 'crew-token' ? crew : call.session === 'admin-token' ? admin : null);
      return { ok: true as const, value: null };
    });
    handleContractCalls(ipcMain as never, dispatch as never, windows);
    expect(ipcMain.handle.mock.calls[0]![0]).toBe(IPC_CALL);
    const handler = ipcMain.handle.mock.calls[0]![1] as (
      event: unknown,
      request: unknown,
    ) => Promise<unknown>;
    return (windowId: number, session: string) =>
      handler(
        { sender: { id: windowId }, senderFrame: { url: CUSTOMER_URL, parent: null } },
        { channel: 'auth.whoAmI', input: {}, session },
      );
  }

  it('gives a call from the customer window to that window’s session only', async () => {
    const { windows, window, session, open } = kiosk();
    const customer = openCustomerWindow(open);
    const call = calls(windows);
    await call(customer.webContents.id, 'admin-token');
    expect(windows.sessionOf(customer.webContents.id)!.current()).toBe('admin-token');
    expect(session.current()).toBeNull();
    await call(window.webContents.id, 'crew-token');
    expect(session.current()).toBe('crew-token');
    expect(windows.sessionOf(customer.webContents.id)!.current()).toBe('admin-token');
  });

  it('refuses calls from a window that is not ours, or no longer open', async () => {
    const { windows, open } = kiosk();
    const customer = openCustomerWindow(open);
    const call = calls(windows);
    await expect(call(99, 'crew-token')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    customer.close();
    expect(windows.sessionOf(customer.webContents.id)).toBeUndefined();
    await expect(call(customer.webContents.id, 'crew-token')).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('sends each event to each window as its own session’s person, and nothing once it is closed', async () => {
    const { windows, window, session, open } = kiosk();
    const customer = openCustomerWindow(open);
    const hub = createEventHub();
    // Who may see what is audience.ts's job (the policy matrix); here: only the admin may see this sale.
    const audience = {
      userOf: async (token: string | null) =>
        token === 'crew-token' ? crew : token === 'admin-token' ? admin : null,
      receiversOf: async () => ({ kind: 'sale' as const, sale: { staff_member: 'someone-else' } }),
    };
    const feed = eventFeed(hub, audience, pino({ level: 'silent' }));
    const stop = forwardEvents(feed, windows, audience as never, pino({ level: 'silent' }));
    const settled = () => new Promise((resolve) => setTimeout(resolve, 10));
    session.caller('crew-token', crew);
    windows.sessionOf(customer.webContents.id)!.caller('admin-token', admin);
    const cleared = { saleId: 'sale-1' };
    hub.emit('delivery.customerScreenCleared', cleared);
    await settled();
    expect(customer.webContents.send.mock.calls).toEqual([
      [IPC_EVENT, { event: 'delivery.customerScreenCleared', payload: cleared }],
    ]);
    expect(window.webContents.send).not.toHaveBeenCalled();

    customer.close();
    hub.emit('delivery.customerScreenCleared', cleared);
    await settled();
    stop();
    expect(customer.webContents.send).toHaveBeenCalledTimes(1);
    expect(windows.recipients().map((recipient) => recipient.connection)).toEqual([
      `window:${window.webContents.id}`,
    ]);
  });
});
