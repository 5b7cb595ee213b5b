// The saved cameras are found again by what they are: in a new browser profile (a reinstalled or reset kiosk,
// where Chromium gives every camera a new id) by name, and when a camera cannot be found at all the filming
// screen names it and offers live pictures of what is plugged in. Films with fake cameras 0 and 2 (fake camera
// 1 records black frames) against a kiosk host of this file's own, so it can read the footage on disk.
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { SceneView } from '../src/shared/capture';
import type { CameraSetup } from '../src/shared/devices';
import {
  blackSeconds,
  changeSettings,
  decodeWholeFile,
  signInAsManager,
  ownHostPerFile,
  tapPin,
  useMovingFakeCameras,
} from './support';

test.describe.configure({ mode: 'serial' });

const CREW = { name: 'Cora Crew', pin: '1357' };
const SCREENS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const kiosk = ownHostPerFile('cameras-found');

interface ListedCamera {
  label: string;
  deviceId: string;
  groupId: string;
}

/** The cameras as this browser profile lists them (after asking for camera access, so names are given). */
function listCameras(page: Page): Promise<ListedCamera[]> {
  return page.evaluate(async () => {
    const probe = await navigator.mediaDevices.getUserMedia({ video: true });
    probe.getTracks().forEach((track) => track.stop());
    return (await navigator.mediaDevices.enumerateDevices())
      .filter((device) => device.kind === 'videoinput')
      .map(({ label, deviceId, groupId }) => ({ label, deviceId, groupId }));
  });
}

async function activeSetup(page: Page): Promise<CameraSetup> {
  const result = await page.evaluate(() => window.magnum.devices.active({}));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function saveSetup(page: Page, setup: Pick<CameraSetup, 'camera1' | 'camera2'>): Promise<void> {
  const result = await page.evaluate(
    (cameras) =>
      window.magnum.devices.save({ ...cameras, width: 1280, height: 720, frameRate: 30, bitrate: 4_000_000 }),
    setup,
  );
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

async function checkIn(page: Page, passengerNames: string): Promise<string> {
  const result = await page.evaluate(
    (names) => window.magnum.recordings.checkIn({ passengerNames: names }),
    passengerNames,
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value.id;
}

/** A browser context of its own: to Chromium a new profile, with its own device ids. */
async function newProfile(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

async function signInAsCrew(page: Page): Promise<void> {
  await page.goto(kiosk.host.url);
  await page.getByRole('button', { name: new RegExp(`^${CREW.name}`) }).click();
  await tapPin(page, CREW.pin, 'Sign in');
  await expect(page.getByLabel('Signed in as')).toContainText(CREW.name);
}

/** The device whose live picture a camera panel of the filming screen shows. */
function panelDevice(page: Page, camera: 1 | 2): Promise<string | null> {
  return page.locator(`[data-camera="${camera}"] video`).evaluate((video: HTMLVideoElement) => {
    const track = (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
    return track && track.readyState === 'live' && video.videoWidth > 0 ? track.label : null;
  });
}

/** Films about two seconds of cruising with Start and Stop, as the crew do, and returns the saved scene. */
async function filmCruising(page: Page, flightId: string): Promise<SceneView> {
  const start = page.getByRole('button', { name: 'Start Cruising' });
  await expect(start).toBeEnabled();
  await start.click();
  await expect(page.locator('[data-camera="1"] .chip-rec')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-camera="2"] .chip-rec')).toBeVisible();
  await page.waitForTimeout(2500);
  await page.getByRole('button', { name: 'Stop Cruising' }).click();
  await expect(page.getByRole('button', { name: /^1\. Cruising/ })).toContainText('Filmed', {
    timeout: 20_000,
  });
  const flight = await page.evaluate((id) => window.magnum.recordings.get({ id }), flightId);
  if (!flight.ok) throw new Error(flight.error.message);
  return flight.value.scenes[0]!;
}

/** Both cameras' files decode and hold moving pictures, not black frames. */
function expectTwoMovingPictures(scene: SceneView): void {
  for (const [camera, url] of [
    [1, scene.camera1Url],
    [2, scene.camera2Url],
  ] as const) {
    expect(url, `camera ${camera}`).toBeTruthy();
    const file = path.join(kiosk.dataDir, decodeURIComponent(new URL(url!, 'http://x').pathname));
    const decoded = decodeWholeFile(file);
    // Whether every frame's timing is clean is the capture tests' business; this asks which pictures were filmed.
    expect(decoded.exitCode, `camera ${camera}: ${decoded.errors}`).toBe(0);
    expect(decoded.duration!, `camera ${camera}`).toBeGreaterThan(1.5);
    expect(blackSeconds(file), `black seconds of camera ${camera}`).toBeLessThan(decoded.duration! / 2);
  }
}

test('a new browser profile finds the saved cameras by name, films with both, and the manager keeps the new ids', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAsManager(page, kiosk.host.url);
  await useMovingFakeCameras(page);
  await changeSettings(page, { minSceneSeconds: 2 });
  const first = await activeSetup(page);
  expect(first.camera1.label).toBe('fake_device_0');
  expect(first.camera2.label).toBe('fake_device_2');
  const flightId = await checkIn(page, 'Nia New-Profile');

  const fresh = await newProfile(browser);
  await signInAsManager(fresh, kiosk.host.url);
  // The premise: the new profile knows the same cameras under other ids, and other group ids too (so the
  // group id could not find them either).
  const listed = await listCameras(fresh);
  const seen = (label: string | null) => listed.find((camera) => camera.label === label);
  for (const saved of [first.camera1, first.camera2]) {
    expect(seen(saved.label), saved.label ?? '').toBeDefined();
    expect(seen(saved.label)?.deviceId).not.toBe(saved.deviceId);
  }
  const before = await listCameras(page);
  expect(seen('fake_device_0')?.groupId).not.toBe(before.find((c) => c.label === 'fake_device_0')?.groupId);

  await fresh.goto(`${kiosk.host.url}#/capture/${flightId}`);
  await expect.poll(() => panelDevice(fresh, 1)).toBe('fake_device_0');
  await expect.poll(() => panelDevice(fresh, 2)).toBe('fake_device_2');
  await expect(fresh.getByRole('alert', { name: 'Camera problems' })).toHaveCount(0);
  expectTwoMovingPictures(await filmCruising(fresh, flightId));

  // Camera setup says how each camera was found, and "Save this" keeps the new id.
  await fresh.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await fresh.getByRole('button', { name: 'Camera setup' }).click();
  const tile = (label: string) => fresh.getByRole('article', { name: label });
  await expect(tile('fake_device_0')).toContainText('Found by name: its id changed');
  await expect(tile('fake_device_2')).toContainText('Found by name: its id changed');
  await expect
    .poll(() =>
      fresh
        .locator('.camera-grid video')
        .evaluateAll((all) => all.every((video) => (video as HTMLVideoElement).videoWidth > 0)),
    )
    .toBe(true);
  await fresh.screenshot({ path: 'test-results/screens/cameras-found-by-name-1280x800.png' });
  await tile('fake_device_0').getByRole('button', { name: 'Save this' }).click();
  await expect(tile('fake_device_0')).toContainText('Found by its saved id');
  await expect(tile('fake_device_2').getByRole('button', { name: 'Save this' })).toBeVisible();
  const kept = await activeSetup(fresh);
  expect(kept.camera1).toMatchObject({ deviceId: seen('fake_device_0')?.deviceId, label: 'fake_device_0' });
  expect(kept.camera2).toEqual(first.camera2);
  await fresh.context().close();
});

test('a camera that is not plugged in is named, and the crew film after tapping its live picture', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsManager(page, kiosk.host.url);
  const crew = await page.evaluate((person) => window.magnum.users.create({ ...person, role: 'crew' }), CREW);
  expect(crew.ok, JSON.stringify(crew)).toBe(true);
  await changeSettings(page, { minSceneSeconds: 2 });
  const [front, , rear] = await listCameras(page);
  const flightId = await checkIn(page, 'Nils Neither');

  // Neither camera plugged in: nobody is told the other camera can still record.
  const gone = (label: string) => ({ deviceId: `${label}-not-here`, label });
  await saveSetup(page, {
    camera1: { ...gone('USB Cam X'), source: 'front' },
    camera2: { ...gone('Logitech BRIO'), source: 'rear' },
  });
  await page.goto(`${kiosk.host.url}#/capture/${flightId}`);
  const warning = page.getByRole('alert', { name: 'Camera problems' });
  await expect(warning).toContainText('Camera 1 (front), “USB Cam X”, is not connected.');
  await expect(warning).toContainText('Camera 2 (rear), “Logitech BRIO”, is not connected.');
  await expect(warning).toContainText('Neither camera can record now.');
  await expect(warning).not.toContainText('can still record');

  await saveSetup(page, {
    camera1: { deviceId: front!.deviceId, label: front!.label, source: 'front' },
    camera2: { ...gone('Logitech BRIO'), source: 'rear' },
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAsCrew(page);
  // Crew film the flights they check in themselves.
  const crewFlightId = await checkIn(page, 'Mo Missing');
  await page.goto(`${kiosk.host.url}#/capture/${crewFlightId}`);
  await expect(warning).toContainText('Camera 2 (rear), “Logitech BRIO”, is not connected.');
  await expect(warning).toContainText('The other camera, Camera 1 (front), can still record.');
  for (const screen of SCREENS) {
    await page.setViewportSize(screen);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(warning.getByRole('button', { name: 'Choose Camera 2 (rear)' })).toBeInViewport({
      ratio: 1,
    });
    await page.screenshot({
      path: `test-results/screens/capture-camera-missing-${screen.width}x${screen.height}.png`,
    });
  }
  await page.setViewportSize(SCREENS[0]);
  await warning.getByRole('button', { name: 'Choose Camera 2 (rear)' }).click();
  const picker = page.getByRole('dialog').getByRole('group', { name: 'Which camera is Camera 2 (rear)?' });
  const choices = picker.getByRole('button');
  await expect(choices).toHaveCount(3); // fake cameras 1, 2 and 3: camera 1 films with fake camera 0
  await expect
    .poll(() =>
      picker
        .locator('video')
        .evaluateAll((all) => all.filter((video) => (video as HTMLVideoElement).videoWidth > 0).length),
    )
    .toBe(3);
  for (const screen of SCREENS) {
    await page.setViewportSize(screen);
    await page.screenshot({
      path: `test-results/screens/capture-camera-choose-${screen.width}x${screen.height}.png`,
    });
  }
  await page.setViewportSize(SCREENS[0]);

  await picker.getByRole('button', { name: `${rear!.label}: this is Camera 2 (rear)` }).click();
  await expect(warning).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Cameras picked on this screen' })).toContainText(
    'Camera 2 (rear) is “fake_device_2”, picked on this screen (not saved in the camera setup).',
  );
  await expect.poll(() => panelDevice(page, 2)).toBe('fake_device_2');
  await page.screenshot({ path: 'test-results/screens/capture-camera-picked-1280x800.png' });
  expectTwoMovingPictures(await filmCruising(page, crewFlightId));
  // The crew cannot change the setup: the pick lives in this tab only, until they choose again.
  expect((await activeSetup(page)).camera2).toMatchObject({ deviceId: 'Logitech BRIO-not-here' });
  await page.getByRole('button', { name: 'Choose again' }).click();
  await expect(warning).toContainText('Camera 2 (rear), “Logitech BRIO”, is not connected.');
});

test('a manager who taps the live picture of a missing camera saves it into the camera setup', async ({
  page,
}) => {
  await signInAsManager(page, kiosk.host.url);
  const [front, , rear] = await listCameras(page);
  const flightId = await checkIn(page, 'Max Manager-Pick');
  await saveSetup(page, {
    camera1: { deviceId: front!.deviceId, label: front!.label, source: 'front' },
    camera2: { deviceId: 'usb-brio-not-here', label: 'Logitech BRIO', source: 'rear' },
  });
  await page.goto(`${kiosk.host.url}#/capture/${flightId}`);
  const warning = page.getByRole('alert', { name: 'Camera problems' });
  await warning.getByRole('button', { name: 'Choose Camera 2 (rear)' }).click();
  await page.getByRole('button', { name: `${rear!.label}: this is Camera 2 (rear)` }).click();
  await expect(warning).toHaveCount(0);
  await expect.poll(() => panelDevice(page, 2)).toBe('fake_device_2');
  // Saved, so nothing says "picked on this screen".
  await expect(page.getByRole('region', { name: 'Cameras picked on this screen' })).toHaveCount(0);
  const saved = await activeSetup(page);
  expect(saved.camera1).toMatchObject({ deviceId: front!.deviceId, label: 'fake_device_0' });
  expect(saved.camera2).toMatchObject({ deviceId: rear!.deviceId, label: 'fake_device_2', source: 'rear' });
});
