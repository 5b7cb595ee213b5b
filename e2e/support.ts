// Shared steps for end-to-end tests. Spec files may run alone or in any order, so each signs in through
// these, which create the first manager when the kiosk is still fresh.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BUILT_KIOSK, spawnKiosk } from '../tests/support/spawn-kiosk';
import { resolveFfmpeg } from '../src/main/ffmpeg/resolve';
import type { RecordingDetail } from '../src/shared/recordings';

export const MANAGER = { name: 'Ada', pin: '2468' };

export async function tapPin(page: Page, pin: string, submit: string): Promise<void> {
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: submit }).click();
}

/**
 * Opens `url` with the manager signed in: creating the manager first on a fresh kiosk, carrying on with the
 * session this tab kept through a reload (on the screen it was on), else on the sign-in screen, where a
 * sign-in starts at home.
 */
export async function signInAsManager(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => typeof window.magnum !== 'undefined');
  const status = await page.evaluate(() => window.magnum.auth.status({}));
  if (status.ok && status.value.needsSetup) {
    await page.evaluate((manager) => window.magnum.auth.setup(manager), MANAGER);
    await page.reload();
  }
  const signedIn = page.getByLabel('Signed in as');
  const managerTile = page.getByRole('button', { name: new RegExp(`^${MANAGER.name}`) });
  await expect(signedIn.or(managerTile).first()).toBeVisible();
  if (await signedIn.isVisible()) {
    if ((await signedIn.textContent())?.startsWith(MANAGER.name)) return;
    await page.getByRole('button', { name: 'Sign out' }).click();
  }
  await managerTile.click();
  await tapPin(page, MANAGER.pin, 'Sign in');
  await expect(signedIn).toContainText(MANAGER.name);
}

/**
 * Films with fake cameras 0 and 2. Chromium's fake camera 1 records black frames although its preview moves, so
 * a test that claims two angles must not leave the second camera on it (the run offers four fake cameras).
 */
export async function useMovingFakeCameras(page: Page): Promise<void> {
  const result = await page.evaluate(async () => {
    const probe = await navigator.mediaDevices.getUserMedia({ video: true });
    probe.getTracks().forEach((track) => track.stop());
    const inputs = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    const [front, , rear] = inputs;
    const active = await window.magnum.devices.active({});
    if (!active.ok) return active;
    if (!front || !rear) return { ok: false, error: { message: `only ${inputs.length} cameras` } };
    const { width, height, frameRate, bitrate } = active.value;
    return window.magnum.devices.save({
      camera1: { deviceId: front.deviceId, label: front.label, source: 'front' },
      camera2: { deviceId: rear.deviceId, label: rear.label, source: 'rear' },
      width,
      height,
      frameRate,
      bitrate,
    });
  });
  if (!result.ok) throw new Error(`The fake cameras could not be set up: ${JSON.stringify(result)}`);
}

/** Settings through the contract, as the signed-in manager (e.g. a 2 s minimum scene for a quick test). */
export async function changeSettings(page: Page, change: Record<string, number>): Promise<void> {
  const result = await page.evaluate((input) => window.magnum.settings.update(input), change);
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

/** A kiosk host of the test's own (the built one), for tests that kill and restart it. */
export interface OwnHost {
  url: string;
  dataDir: string;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Everything the host printed so far (its log lines), for a failed test's report. */
  output(): string;
}

export async function startOwnHost(dataDir: string, args: string[] = []): Promise<OwnHost> {
  const kiosk = await spawnKiosk(BUILT_KIOSK, dataDir, args);
  return {
    url: kiosk.url,
    dataDir,
    kill: async (signal = 'SIGTERM') => {
      await kiosk.stop(signal);
    },
    output: () => kiosk.output(),
  };
}

/** Where this run's demo flights are rendered once; playwright.config.ts names the run, the teardown removes it. */
export const demoSeedDir = (): string =>
  path.join(tmpdir(), `magnum-e2e-demo-${process.env.MAGNUM_E2E_RUN ?? 'local'}`);

/**
 * A data folder of the caller's own holding the demo flights (four flights, footage from two offset cameras, one
 * sold, one with segments), made by `npm run demo`, the same loader `--demo` runs. Rendering takes about a
 * minute on two cores, so it happens once per test run and each spec gets a copy it may change freely.
 */
export async function demoDataDir(prefix: string): Promise<string> {
  const seed = demoSeedDir();
  const ready = path.join(seed, 'demo-ready');
  if (!existsSync(ready)) {
    rmSync(seed, { recursive: true, force: true });
    await promisify(execFile)('node_modules/.bin/tsx', ['scripts/demo.ts', '--data-dir', seed], {
      maxBuffer: 16 * 1024 * 1024,
    });
    writeFileSync(ready, new Date().toISOString());
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(seed, dataDir, { recursive: true, filter: (source) => source !== ready });
  return dataDir;
}

export interface DemoHost {
  /** The running host (a new one after restart()). */
  readonly host: OwnHost;
  readonly dataDir: string;
  /** Starts a host again on the same data folder (after the test killed it). */
  restart(): Promise<void>;
}

/**
 * A kiosk host of the spec's own on its own copy of the run's demo flights: started before the spec's tests,
 * stopped and its folder removed after them.
 */
export function useDemoHost(prefix: string): DemoHost {
  let host: OwnHost | undefined;
  let dataDir: string | undefined;
  test.beforeAll(async () => {
    test.setTimeout(240_000); // the first spec of a run renders the demo footage
    dataDir = await demoDataDir(prefix);
    host = await startOwnHost(dataDir);
  });
  attachHostLogOnFailure(() => host);
  test.afterAll(async () => {
    await host?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo host is started in beforeAll');
    return value;
  };
  return {
    get host() {
      return started(host);
    },
    get dataDir() {
      return started(dataDir);
    },
    async restart() {
      host = await startOwnHost(started(dataDir));
    },
  };
}

/** Taps OK on every notice on screen (a recovery note, "demo flights are ready"), as the crew would. */
export async function dismissNotices(page: Page): Promise<void> {
  const ok = page.getByRole('button', { name: 'OK', exact: true });
  while ((await ok.count()) > 0) await ok.first().click();
}

/**
 * The first demo flight whose three scenes have footage from both cameras and a non-zero offset (optionally
 * sold or not), as the signed-in person sees it. The demo flights are ready before the host starts.
 */
export async function findFilmedDemoFlight(page: Page, sold?: boolean): Promise<RecordingDetail> {
  const found = await page.evaluate(async (wantSold) => {
    const list = await window.magnum.recordings.list({});
    if (!list.ok) return null;
    for (const item of list.value.items) {
      const detail = await window.magnum.recordings.get({ id: item.id });
      if (!detail.ok || (wantSold !== null && detail.value.sold !== wantSold)) continue;
      const scenes = detail.value.scenes;
      const filmed = scenes.every((s) => s.camera1Url && s.camera2Url && s.status === 'recorded');
      if (filmed && (scenes[0]?.offsetMs ?? 0) !== 0) return detail.value;
    }
    return null;
  }, sold ?? null);
  if (!found)
    throw new Error(`no filmed demo flight${sold === undefined ? '' : sold ? ' that is sold' : ' unsold'}`);
  return found;
}

/** The ffmpeg the app itself runs (src/main/ffmpeg/resolve.ts): one resolution for the kiosk and its tests. */
export const ffmpegPath = (): string => resolveFfmpeg().path;

/** Seconds of a recording that ffmpeg's blackdetect finds black: a camera that filmed nothing is all black. */
export function blackSeconds(file: string): number {
  const run = spawnSync(
    ffmpegPath(),
    ['-hide_banner', '-i', file, '-an', '-vf', 'blackdetect=d=0.1:pix_th=0.10', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  return [...run.stderr.matchAll(/black_duration:\s*([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/** Decodes a whole file; returns ffmpeg's complaints (empty when every frame decoded) and the duration. */
export function decodeWholeFile(file: string): {
  errors: string;
  exitCode: number | null;
  duration: number | null;
} {
  const decoded = spawnSync(ffmpegPath(), ['-hide_banner', '-v', 'error', '-i', file, '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  const info = spawnSync(ffmpegPath(), ['-hide_banner', '-i', file], { encoding: 'utf8' });
  const match = /Duration: (\d+):(\d+):(\d+\.\d+)/.exec(info.stderr);
  return {
    errors: decoded.stderr.trim(),
    exitCode: decoded.status,
    duration: match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : null,
  };
}

// ---- Filming (capture specs) ----

export async function checkInByApi(page: Page, passengerNames: string): Promise<string> {
  const result = await page.evaluate(
    (names) => window.magnum.recordings.checkIn({ passengerNames: names }),
    passengerNames,
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value.id;
}

export async function readFlight(page: Page, id: string): Promise<RecordingDetail> {
  const result = await page.evaluate((flightId) => window.magnum.recordings.get({ id: flightId }), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The file on disk behind a footage URL (/media/…) of a host whose data folder is `dataDir`. */
export const footageFile = (dataDir: string, url: string): string =>
  path.join(dataDir, decodeURIComponent(new URL(url, 'http://x').pathname));

/**
 * Both cameras say REC: the recorders have started. Returns the page's clock at that moment, read on the frame it
 * happened (timing in the page, not in the test process, so Playwright's own latency does not count as filming).
 */
export async function waitUntilRecording(page: Page, cameras: readonly number[] = [1, 2]): Promise<number> {
  const seen = await page.waitForFunction(
    (numbers) =>
      numbers.every((camera) => document.querySelector(`[data-camera="${camera}"] .chip-rec`))
        ? performance.now()
        : null,
    cameras,
    { polling: 'raf' },
  );
  return (await seen.jsonValue()) as number;
}

/** Taps Stop and returns the page's clock when the tap reached the page. */
export async function tapStop(page: Page, sceneLabel: string): Promise<number> {
  const stop = page.getByRole('button', { name: `Stop ${sceneLabel}` });
  await stop.evaluate((button) =>
    button.addEventListener(
      'pointerdown',
      () => (document.body.dataset.stopTappedAt = String(performance.now())),
      { capture: true, once: true },
    ),
  );
  await stop.click();
  return page.evaluate(() => Number(document.body.dataset.stopTappedAt));
}

/**
 * When `text` is first shown anywhere on the screen, in ms since the epoch, read in the page on the frame it
 * appeared (so it compares with Date.now() in the test and with the page's own clock).
 */
export async function whenShown(page: Page, text: string, timeout = 10_000): Promise<number> {
  const seen = await page.waitForFunction(
    (wanted) =>
      document.body.innerText.includes(wanted) ? performance.timeOrigin + performance.now() : null,
    text,
    { polling: 'raf', timeout },
  );
  return (await seen.jsonValue()) as number;
}

/** A TCP port nobody listens on now, for a host that must come back on the same port after a kill. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** No part of the page runs off the right of the screen. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'page wider than the screen').toBeLessThanOrEqual(0);
}

/**
 * decodeWholeFile's complaints that are about decoding. Chromium's recorder can give two frames the same
 * millisecond, and ffmpeg's null muxer (the output of a decode-only run, not the file) then says "non
 * monotonically increasing dts to muxer" although every frame decoded; any other line is a real problem.
 */
export function decodeProblems(errors: string): string {
  return errors
    .split('\n')
    .filter(
      (line) =>
        line.trim() !== '' && !/^\[null @ 0x[0-9a-f]+\] .*non monotonically increasing dts/.test(line),
    )
    .join('\n');
}

export interface PausableHost extends OwnHost {
  /** Freezes the host's process (SIGSTOP): its sockets stay open but nothing answers. */
  pause(): void;
  resume(): void;
}

/** startOwnHost whose process can also be frozen and thawed, as a host that hangs without closing would be. */
export async function startPausableHost(dataDir: string, args: string[] = []): Promise<PausableHost> {
  const kiosk = await spawnKiosk(BUILT_KIOSK, dataDir, args);
  return {
    url: kiosk.url,
    dataDir,
    kill: async (signal = 'SIGTERM') => {
      kiosk.child.kill('SIGCONT'); // a frozen process only acts on the signal once it runs again
      await kiosk.stop(signal);
    },
    output: () => kiosk.output(),
    pause: () => kiosk.child.kill('SIGSTOP'),
    resume: () => kiosk.child.kill('SIGCONT'),
  };
}

/**
 * A kiosk host of this spec file's own on a fresh data folder: started before its first test, stopped and
 * removed after its last. Read `host` and `dataDir` inside tests (they exist once beforeAll has run).
 */
/**
 * A failed test prints the end of its kiosk host's log (and attaches the whole of it), so a failure seen once on a
 * CI machine says what the host did meanwhile: a service restart, a refused call, an error.
 */
export function attachHostLogOnFailure(current: () => OwnHost | undefined): void {
  // Playwright reads the fixtures a hook asks for from its first parameter: this one asks for none.
  // eslint-disable-next-line no-empty-pattern
  test.afterEach(async ({}, testInfo) => {
    const host = current();
    if (!host || testInfo.status === testInfo.expectedStatus) return;
    const log = host.output();
    await testInfo.attach('kiosk-host.log', { body: log, contentType: 'text/plain' });
    console.error(
      `--- the kiosk host's last lines ---\n${log.split('\n').slice(-HOST_LOG_LINES).join('\n')}`,
    );
  });
}

const HOST_LOG_LINES = 80;

export function ownHostPerFile(name: string): { readonly host: OwnHost; readonly dataDir: string } {
  let host: OwnHost | undefined;
  let dataDir = '';
  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), `magnum-${name}-e2e-`));
    host = await startOwnHost(dataDir);
  });
  attachHostLogOnFailure(() => host);
  test.afterAll(async () => {
    await host?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get host() {
      if (!host) throw new Error('The kiosk host starts in beforeAll; read it inside a test.');
      return host;
    },
    get dataDir() {
      return dataDir;
    },
  };
}

// ---- Counting taps (how many the crew need for a job) ----

/** One tap the test made: what it was for, and what the page says was pressed. */
export interface Tap {
  why: string;
  target: string;
}

export interface TapCounter {
  /** Taps `target` (a click, as a fingertip would) and notes what it was for. */
  tap(target: Locator, why: string): Promise<void>;
  /** The taps so far, in order, as the page saw them. */
  readonly taps: readonly Tap[];
  /** Starts counting afresh (after signing in, which is not part of the job measured). */
  reset(): void;
  /** "1. Check in a flight — …" lines, for the test's output. */
  report(): string;
}

/**
 * Counts the taps of a job in two ways that must agree: each `tap()` the test makes says what it is for, and the
 * page itself counts every trusted pointerdown (in every document the tab loads), so a click made any other way
 * (a helper's own `.click()`) is counted too and the test cannot under-count. Typed characters (`fill`) make no
 * pointer event and are not counted, as the issue asks.
 */
export async function countTaps(page: Page): Promise<TapCounter> {
  const seen: string[] = [];
  const taps: Tap[] = [];
  let pendingWhy: string | null = null;
  await page.exposeBinding('__magnumTapSeen', (_source, target: string) => {
    seen.push(target);
    taps.push({ why: pendingWhy ?? '(a tap the test did not announce)', target });
    pendingWhy = null;
  });
  await page.addInitScript(() => {
    const describe = (element: Element | null): string => {
      const control = element?.closest('button, [role], a, input, textarea, label') ?? element;
      if (!control) return '(nothing)';
      const name =
        control.getAttribute('aria-label') ??
        (control as HTMLElement).innerText?.trim().split('\n')[0] ??
        control.tagName.toLowerCase();
      return `${control.tagName.toLowerCase()} "${name.slice(0, 60)}"`;
    };
    window.addEventListener(
      'pointerdown',
      (event) => {
        if (!event.isTrusted) return;
        const report = (window as unknown as { __magnumTapSeen?: (target: string) => void }).__magnumTapSeen;
        report?.(describe(event.target as Element | null));
      },
      { capture: true },
    );
  });
  return {
    async tap(target, why) {
      const before = seen.length;
      pendingWhy = why;
      await target.click();
      // The page's report of the pointerdown arrives over the binding: wait for it, so the two counts agree.
      await expect
        .poll(() => seen.length, { message: `the page saw the tap "${why}"` })
        .toBeGreaterThan(before);
    },
    get taps() {
      return taps;
    },
    reset() {
      seen.length = 0;
      taps.length = 0;
      pendingWhy = null;
    },
    report() {
      return taps.map((tap, index) => `${index + 1}. ${tap.why} — ${tap.target}`).join('\n');
    },
  };
}

/** A finger signature on a signature pad (a canvas named `pad`): a zigzag drawn with the mouse's pointer events. */
export async function signOnPad(page: Page, pad: string): Promise<void> {
  const canvas = page.getByRole('img', { name: pad });
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error(`${pad} is not on screen`);
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i += 1) {
    await page.mouse.move(box.x + box.width * (0.1 + i * 0.06), box.y + box.height * (i % 2 ? 0.3 : 0.7), {
      steps: 4,
    });
  }
  await page.mouse.up();
}

/**
 * A host of the test's own that counts each folder made under `drives` as a USB drive plugged in
 * (MAGNUM_TEST_DRIVES_DIR, set for that host only).
 */
export async function startOwnHostWithDrives(
  dataDir: string,
  drives: string,
  args: string[] = [],
): Promise<OwnHost> {
  const before = process.env.MAGNUM_TEST_DRIVES_DIR;
  process.env.MAGNUM_TEST_DRIVES_DIR = drives;
  try {
    return await startOwnHost(dataDir, args);
  } finally {
    if (before === undefined) delete process.env.MAGNUM_TEST_DRIVES_DIR;
    else process.env.MAGNUM_TEST_DRIVES_DIR = before;
  }
}
