// Filming a flight as the crew does it, in Chromium with two fake cameras, against a kiosk host this file
// starts itself (so it knows the data folder and can kill the host mid-scene).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { RecordingDetail } from '../src/shared/recordings';
import type { SceneView } from '../src/shared/capture';
import {
  blackSeconds,
  changeSettings,
  decodeProblems,
  decodeWholeFile,
  signInAsManager,
  startOwnHost,
  tapStop,
  useMovingFakeCameras,
  type OwnHost,
  checkInByApi,
} from './support';

test.describe.configure({ mode: 'serial' });

let host: OwnHost;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'magnum-capture-e2e-'));
  host = await startOwnHost(dataDir);
});

test.afterAll(async () => {
  await host?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

async function readFlight(page: Page, id: string): Promise<RecordingDetail> {
  const result = await page.evaluate((flightId) => window.magnum.recordings.get({ id: flightId }), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/**
 * Both cameras say REC: the recorders have started. Returns the page's clock at that moment, read on the frame it
 * happened (timing in the page, not in the test process, so Playwright's own latency does not count as filming).
 */
async function waitUntilRecording(page: Page): Promise<number> {
  const seen = await page.waitForFunction(
    () =>
      document.querySelector('[data-camera="1"] .chip-rec') &&
      document.querySelector('[data-camera="2"] .chip-rec')
        ? performance.now()
        : null,
    undefined,
    { polling: 'raf' },
  );
  return (await seen.jsonValue()) as number;
}

/** Records the selected scene for about `seconds`; returns the seconds between REC showing and Stop tapped. */
async function recordScene(page: Page, name: string, seconds: number): Promise<number> {
  await page.getByRole('button', { name: `Start ${name}` }).click();
  await expect(page.locator('.countdown')).toHaveCount(2); // 3-2-1 over both previews
  const startedAt = await waitUntilRecording(page);
  await page.waitForTimeout(seconds * 1000);
  const stopAt = await tapStop(page, name);
  await expect(page.getByRole('status')).toContainText(`${name} saved`, { timeout: 20_000 });
  return (stopAt - startedAt) / 1000;
}

function expectPlayableFootage(scene: SceneView, recordedSeconds: number | null) {
  for (const camera of [1, 2] as const) {
    const url = camera === 1 ? scene.camera1Url : scene.camera2Url;
    expect(url, `camera ${camera} of ${scene.sceneType}`).toBeTruthy();
    const file = path.join(dataDir, decodeURIComponent(new URL(url!, 'http://x').pathname));
    expect(existsSync(file), file).toBe(true);
    const decoded = decodeWholeFile(file);
    expect(decoded.exitCode, decoded.errors).toBe(0);
    expect(decodeProblems(decoded.errors)).toBe('');
    if (recordedSeconds !== null) expect(Math.abs(decoded.duration! - recordedSeconds)).toBeLessThan(0.5);
    // Two angles means two moving pictures: neither camera's file is black from start to end.
    expect(blackSeconds(file), `black seconds of camera ${camera}`).toBeLessThan(decoded.duration! / 2);
  }
  expect(Math.abs(scene.camera1Duration! - scene.camera2Duration!)).toBeLessThan(0.3);
}

test('the crew checks a flight in and films cruising, chase and arrival straight to disk', async ({
  page,
}) => {
  await signInAsManager(page, host.url);
  await useMovingFakeCameras(page);
  await changeSettings(page, { minSceneSeconds: 2 });
  // The morning check on the home screen: both cameras are there.
  await expect(page.getByRole('article', { name: 'Cameras' })).toContainText('Both connected');
  await page.screenshot({ path: 'test-results/screens/home-cameras-1280x800.png' });

  await page.getByRole('button', { name: 'Flights' }).click();
  await page.getByRole('button', { name: 'Check in a flight' }).click();
  await page.getByLabel('Passenger name(s)').fill('Ana and Ben Silva');
  await page.getByLabel('E-mail (optional)').fill('ana@example.com');
  // Both previews are live before anyone walks to the aircraft.
  for (const camera of [1, 2]) {
    await expect
      .poll(() =>
        page.locator(`[data-camera="${camera}"] video`).evaluate((v: HTMLVideoElement) => v.videoWidth),
      )
      .toBeGreaterThan(0);
  }
  await page.screenshot({ path: 'test-results/screens/checkin-1280x800.png' });
  await page.getByRole('button', { name: 'Check in and film' }).click();
  await expect(page.getByRole('heading', { name: 'Ana and Ben Silva' })).toBeVisible();
  const flightId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);

  // Stop is refused before the minimum, with the reason on screen; the take goes on.
  await page.getByRole('button', { name: 'Start Cruising' }).click();
  const cruisingFrom = await waitUntilRecording(page);
  await page.screenshot({ path: 'test-results/screens/capture-recording-1280x800.png' });
  await page.getByRole('button', { name: 'Stop Cruising' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Keep filming' })).toBeVisible();
  await page.waitForTimeout(2500);
  const cruising = ((await tapStop(page, 'Cruising')) - cruisingFrom) / 1000;
  await expect(page.getByRole('status')).toContainText('Cruising saved', { timeout: 20_000 });

  const chase = await recordScene(page, 'Chase', 3);
  const arrival = await recordScene(page, 'Arrival', 4);
  await expect(page.getByRole('button', { name: 'Done — back to flights' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/capture-done-1280x800.png' });

  const flight = await readFlight(page, flightId);
  expect(flight.scenes.map((scene) => scene.status)).toEqual(['recorded', 'recorded', 'recorded']);
  expectPlayableFootage(flight.scenes[0]!, cruising);
  expectPlayableFootage(flight.scenes[1]!, chase);
  expectPlayableFootage(flight.scenes[2]!, arrival);
  for (const scene of flight.scenes) expect(scene.offsetMs).not.toBeNull();

  // The footage plays back in the page through the media route (with Range requests).
  await page.getByRole('button', { name: /^3\. Arrival/ }).click();
  await page.getByRole('button', { name: 'Watch this scene' }).click();
  const played = page.locator('[data-camera="1"] video[src]');
  await expect.poll(() => played.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(3);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/capture-watch-1920x1080.png' });
  await page.getByRole('button', { name: 'Show live cameras' }).click();
  await page.screenshot({ path: 'test-results/screens/capture-1920x1080.png' });
});

test('re-recording keeps the old take until the new one is saved', async ({ page }) => {
  await signInAsManager(page, host.url);
  await useMovingFakeCameras(page);
  const id = await checkInByApi(page, 'Carla Re-take');
  await page.goto(`${host.url}#/capture/${id}`);
  await recordScene(page, 'Cruising', 2.5);
  const first = (await readFlight(page, id)).scenes[0]!;

  await page.getByRole('button', { name: /^1\. Cruising/ }).click();
  await page.getByRole('button', { name: 'Record Cruising again' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Record again' }).click();
  await waitUntilRecording(page);
  await page.getByRole('button', { name: 'Throw this take away' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Throw it away' }).click();
  await expect(page.getByRole('status')).toContainText('thrown away');
  const kept = (await readFlight(page, id)).scenes[0]!;
  expect(kept.status).toBe('recorded');
  expect(kept.camera1Duration).toBe(first.camera1Duration);
  expectPlayableFootage(kept, null);
});

test('a camera that drops out mid-scene leaves the other camera recording', async ({ page }) => {
  await signInAsManager(page, host.url);
  await useMovingFakeCameras(page);
  const id = await checkInByApi(page, 'Dora Dropout');
  await page.goto(`${host.url}#/capture/${id}`);
  await page.getByRole('button', { name: 'Start Cruising' }).click();
  const startedAt = await waitUntilRecording(page);
  await page.waitForTimeout(1500);
  // The rear camera's cable is pulled: its track ends.
  await page.locator('[data-camera="2"] video').evaluate((video: HTMLVideoElement) => {
    const track = (video.srcObject as MediaStream).getVideoTracks()[0]!;
    track.stop();
    track.dispatchEvent(new Event('ended'));
  });
  await expect(
    page.getByRole('alert').filter({ hasText: 'Camera 2 (rear) stopped sending pictures' }),
  ).toBeVisible();
  await page.waitForTimeout(2000);
  const stopAt = await tapStop(page, 'Cruising');
  // Camera 2 is not back: saving with one angle is asked first.
  await page
    .getByRole('dialog', { name: 'Save with camera 1 only?' })
    .getByRole('button', { name: 'Save with camera 1 only' })
    .click();
  await expect(page.getByRole('button', { name: /^1\. Cruising/ })).toContainText('Filmed', {
    timeout: 20_000,
  });

  const scene = (await readFlight(page, id)).scenes[0]!;
  expect(scene.status).toBe('recorded');
  const front = decodeWholeFile(path.join(dataDir, new URL(scene.camera1Url!, 'http://x').pathname));
  const rear = decodeWholeFile(path.join(dataDir, new URL(scene.camera2Url!, 'http://x').pathname));
  expect(decodeProblems(front.errors)).toBe('');
  expect(decodeProblems(rear.errors)).toBe('');
  expect(Math.abs(front.duration! - (stopAt - startedAt) / 1000)).toBeLessThan(0.5);
  expect(rear.duration!).toBeGreaterThan(0.5);
  expect(rear.duration!).toBeLessThan(front.duration! - 1);
});

test('a kiosk killed mid-scene recovers the footage on the next start and tells the crew', async ({
  page,
}) => {
  await signInAsManager(page, host.url);
  await useMovingFakeCameras(page);
  const id = await checkInByApi(page, 'Eve Outage');
  await page.goto(`${host.url}#/capture/${id}`);
  await page.getByRole('button', { name: 'Start Cruising' }).click();
  await waitUntilRecording(page);
  await expect
    .poll(() => page.getByLabel('Camera 1 status').textContent())
    .toMatch(/\d+(\.\d)? (KB|MB) saved/);
  await page.waitForTimeout(2500);

  await host.kill('SIGKILL');
  host = await startOwnHost(dataDir);
  await signInAsManager(page, host.url);
  await useMovingFakeCameras(page);
  await expect(
    page.getByText(/The kiosk closed while recording the cruising scene of Eve Outage/),
  ).toBeVisible();

  const scene = (await readFlight(page, id)).scenes[0]!;
  expect(scene.status).toBe('recovered');
  expect(scene.camera1Duration!).toBeGreaterThan(1.5);
  expectPlayableFootage(scene, null);
});
