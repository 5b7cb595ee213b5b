// The kiosk window's recovery, with the window and its page as small EventEmitter fakes (no Electron binary).
import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFailedUrl } from './load-failed';
import { installRecovery, logChildProcessesGone, reloadUrl, retryDelayMs } from './recovery';
import { APP_ENTRY_URL, CUSTOMER_SCREEN_URL } from './security';

class FakeContents extends EventEmitter {
  loaded: string[] = [];
  crashedByMain = 0;
  url = APP_ENTRY_URL;
  loadURL = async (url: string) => {
    this.loaded.push(url);
    this.url = url;
  };
  getURL = () => this.url;
  forcefullyCrashRenderer = () => {
    this.crashedByMain += 1;
    // As Electron does: the ended page reports itself gone.
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  };
  /** The page finished loading what it was last asked to. */
  finish() {
    this.emit('did-finish-load', {});
  }
  failLoad(errorCode: number, url = this.url, isMainFrame = true) {
    this.emit('did-fail-load', {}, errorCode, 'ERR_FAILED', url, isMainFrame, 1, 1);
  }
  crash(reason = 'crashed') {
    this.emit('render-process-gone', {}, { reason, exitCode: 139 });
  }
}

class FakeWindow extends EventEmitter {
  webContents = new FakeContents();
  destroyed = false;
  isDestroyed = () => this.destroyed;
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}

let clock = 0;
let lines: Array<Record<string, unknown>> = [];
const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });

function watched(options: { tellAfterReload?: boolean; entryUrl?: string } = {}) {
  const window = new FakeWindow();
  const stop = installRecovery({
    window: window as never,
    logger: () => logger,
    entryUrl: options.entryUrl ?? APP_ENTRY_URL,
    tellAfterReload: options.tellAfterReload,
    now: () => clock,
  });
  return { window, contents: window.webContents, stop };
}
const messages = () => lines.map((line) => line.msg);

beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  lines = [];
});
afterEach(() => vi.useRealTimers());

describe('a crashed page', () => {
  it('is reloaded and told why, and the crash is logged with its reason', () => {
    const { contents } = watched();
    contents.crash('oom');
    expect(contents.loaded).toEqual(['app://magnum/index.html?recovered=crashed']);
    expect(lines[0]).toMatchObject({
      level: 50,
      reason: 'oom',
      exitCode: 139,
      msg: 'the screen stopped; reloading it',
    });
  });

  it('is left alone when it ended cleanly', () => {
    const { contents } = watched();
    contents.crash('clean-exit');
    expect(contents.loaded).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('shows the error page at the third crash within a minute, then tries again five minutes later', () => {
    const { contents } = watched();
    contents.crash();
    clock += 20_000;
    contents.crash();
    clock += 20_000;
    contents.crash();
    expect(contents.loaded).toEqual([
      'app://magnum/index.html?recovered=crashed',
      'app://magnum/index.html?recovered=crashed',
      loadFailedUrl('crash-loop'),
    ]);
    expect(messages()).toContain('the screen keeps stopping; showing the error page instead of reloading');
    // Nobody may be at the kiosk: five minutes later the app is tried again.
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(contents.loaded.at(-1)).toBe(loadFailedUrl('crash-loop'));
    vi.advanceTimersByTime(1);
    expect(contents.loaded.at(-1)).toBe('app://magnum/index.html?recovered=crashed');
  });

  it('keeps reloading crashes spread out over more than a minute', () => {
    const { contents } = watched();
    for (let i = 0; i < 5; i++) {
      contents.crash();
      clock += 31_000;
    }
    expect(contents.loaded).toEqual(Array(5).fill('app://magnum/index.html?recovered=crashed'));
  });

  it('reloads the customer screen at its own address, untold', () => {
    const { contents } = watched({ entryUrl: CUSTOMER_SCREEN_URL, tellAfterReload: false });
    contents.crash();
    expect(contents.loaded).toEqual([CUSTOMER_SCREEN_URL]);
  });
});

describe('a page that does not respond', () => {
  it('gets ten seconds, then is ended and reloaded in a fresh process', () => {
    const { window, contents } = watched();
    window.emit('unresponsive');
    vi.advanceTimersByTime(9_999);
    expect(contents.crashedByMain).toBe(0);
    vi.advanceTimersByTime(1);
    expect(contents.crashedByMain).toBe(1);
    // Its own `render-process-gone` does not reload it a second time.
    expect(contents.loaded).toEqual(['app://magnum/index.html?recovered=unresponsive']);
    expect(messages()).toEqual([
      'the screen does not respond; waiting before reloading',
      'the screen still does not respond; reloading it',
      'the hung screen was ended',
    ]);
  });

  it('is left alone when it responds again within the grace time', () => {
    const { window, contents } = watched();
    window.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    window.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(contents.crashedByMain).toBe(0);
    expect(contents.loaded).toEqual([]);
    expect(messages()).toContain('the screen responds again');
  });

  it('counts towards the crash loop', () => {
    const { window, contents } = watched();
    contents.crash();
    contents.crash();
    window.emit('unresponsive');
    vi.advanceTimersByTime(10_000);
    expect(contents.crashedByMain).toBe(0);
    expect(contents.loaded.at(-1)).toBe(loadFailedUrl('crash-loop'));
  });
});

describe('a page that fails to load', () => {
  it('shows the error page and retries after 1 s, 2 s, 4 s ... at most 30 s', () => {
    const { contents } = watched();
    const pauses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      contents.url = APP_ENTRY_URL;
      contents.failLoad(-6);
      const errorPage = contents.loaded.at(-1)!;
      contents.finish(); // the error page itself loads: no reset
      const before = contents.loaded.length;
      let waited = 0;
      while (contents.loaded.length === before) {
        vi.advanceTimersByTime(500);
        waited += 500;
      }
      pauses.push(waited);
      expect(errorPage).toBe(loadFailedUrl('load-failed', waited));
      expect(contents.loaded.at(-1)).toBe(APP_ENTRY_URL);
    }
    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(lines[0]).toMatchObject({ errorCode: -6, url: APP_ENTRY_URL, failedLoads: 1, retryInMs: 1000 });
  });

  it('starts again from 1 s after a good load', () => {
    const { contents } = watched();
    contents.failLoad(-6);
    vi.advanceTimersByTime(1_000);
    contents.failLoad(-6);
    vi.advanceTimersByTime(2_000);
    contents.finish(); // the app page loaded
    contents.failLoad(-6);
    expect(contents.loaded.at(-1)).toBe(loadFailedUrl('load-failed', 1_000));
  });

  it('ignores aborted loads and failures in frames below the page', () => {
    const { contents } = watched();
    contents.failLoad(-3);
    contents.failLoad(-6, APP_ENTRY_URL, false);
    vi.advanceTimersByTime(60_000);
    expect(contents.loaded).toEqual([]);
  });

  it('does not loop when the error page itself fails to load', () => {
    const { contents } = watched();
    contents.failLoad(-6);
    contents.failLoad(-6, loadFailedUrl('load-failed', 1_000));
    expect(contents.loaded).toEqual([loadFailedUrl('load-failed', 1_000)]);
    vi.advanceTimersByTime(1_000);
    expect(contents.loaded.at(-1)).toBe(APP_ENTRY_URL);
  });
});

describe('a closed window', () => {
  it('is no longer watched: no retry, no reload', () => {
    const { window, contents } = watched();
    contents.failLoad(-6);
    window.emit('unresponsive');
    window.close();
    vi.advanceTimersByTime(60_000);
    contents.crash();
    expect(contents.loaded).toEqual([loadFailedUrl('load-failed', 1_000)]);
    expect(contents.crashedByMain).toBe(0);
  });
});

describe('addresses', () => {
  it('keeps the hash route when telling the page why', () => {
    expect(reloadUrl(CUSTOMER_SCREEN_URL, 'crashed', true)).toBe(
      `app://magnum/index.html?recovered=crashed${new URL(CUSTOMER_SCREEN_URL).hash}`,
    );
  });

  it('doubles the pause from 1 s up to 30 s', () => {
    expect([1, 2, 3, 5, 6, 100].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 16_000, 30_000, 30_000]);
  });
});

describe('Electron helper processes', () => {
  it('logs a helper process that stopped with its type, reason, exit code and service', () => {
    const app = new EventEmitter();
    logChildProcessesGone(app as never, () => logger);
    app.emit(
      'child-process-gone',
      {},
      {
        type: 'Utility',
        reason: 'crashed',
        exitCode: 11,
        serviceName: 'network.mojom.NetworkService',
        name: 'Network Service',
      },
    );
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'clean-exit', exitCode: 0 });
    expect(lines).toMatchObject([
      {
        level: 50,
        type: 'Utility',
        reason: 'crashed',
        exitCode: 11,
        serviceName: 'network.mojom.NetworkService',
        msg: 'a helper process stopped',
      },
      { level: 30, type: 'GPU', reason: 'clean-exit', msg: 'a helper process ended' },
    ]);
  });
});
