// The manager's camera setup with Chromium's two fake cameras: live tiles, which is front and rear, the
// recording size, a save that survives a reload, and a warning that names a camera that is not plugged in.
import { expect, test, type Page } from '@playwright/test';
import { signInAsManager } from './support';

test.describe.configure({ mode: 'serial' });

/** The defaults (first two cameras, front/rear, 1280×720): other spec files record with the kiosk's setup. */
const DEFAULT_SETUP = {
  camera1: { deviceId: null, label: null, source: 'front' },
  camera2: { deviceId: null, label: null, source: 'rear' },
  width: 1280,
  height: 720,
  frameRate: 30,
  bitrate: 4_000_000,
};

test.afterEach(async ({ page }) => {
  const restored = await page.evaluate((setup) => window.magnum.devices.save(setup), DEFAULT_SETUP);
  expect(restored.ok, JSON.stringify(restored)).toBe(true);
});

async function openCameraSetup(page: Page): Promise<void> {
  await signInAsManager(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Camera setup' }).click();
  await expect(page.getByRole('heading', { name: 'Cameras', exact: true })).toBeVisible();
}

const tile = (page: Page, label: string) => page.getByRole('article', { name: label });

/** Every preview on screen is showing moving pictures, not a black box. */
async function expectLivePictures(page: Page, count: number): Promise<void> {
  const videos = page.locator('.camera-grid video');
  await expect(videos).toHaveCount(count);
  await expect
    .poll(() =>
      videos.evaluateAll((all) =>
        all.every((v) => {
          const video = v as HTMLVideoElement;
          return video.videoWidth > 0 && !video.paused && video.readyState >= 2;
        }),
      ),
    )
    .toBe(true);
}

test('the manager makes the second camera the front one, in full HD, and it is still so after a reload', async ({
  page,
}) => {
  await openCameraSetup(page);
  await expect(tile(page, 'fake_device_0')).toBeVisible();
  await expect(tile(page, 'fake_device_1')).toBeVisible();
  await expectLivePictures(page, 4);
  // A fresh kiosk shows the cameras capture would use: the first as front, the second as rear.
  await expect(tile(page, 'fake_device_0').getByRole('button', { name: /Camera 1 — front/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await tile(page, 'fake_device_1')
    .getByRole('button', { name: /Camera 1 — front/ })
    .click();
  await tile(page, 'fake_device_0')
    .getByRole('button', { name: /Camera 2 — rear/ })
    .click();
  await page.getByRole('radio', { name: /1920 × 1080/ }).click();
  await expect(page.getByText('Not saved yet')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/cameras-choices-1280x800.png' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectLivePictures(page, 4);
  await page.screenshot({ path: 'test-results/screens/cameras-1280x800.png' });

  await page.getByRole('button', { name: 'Save camera setup' }).click();
  await expect(page.getByText('Saved. New scenes record with this setup.')).toBeVisible();

  // Back on the camera setup after a reload: what was saved is still chosen.
  await openCameraSetup(page);
  await expect(tile(page, 'fake_device_1').getByRole('button', { name: /Camera 1 — front/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(tile(page, 'fake_device_0').getByRole('button', { name: /Camera 2 — rear/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('radio', { name: /1920 × 1080/ })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('This is the setup in use.')).toBeVisible();
  await expectLivePictures(page, 4);

  const active = await page.evaluate(() => window.magnum.devices.active({}));
  expect(active).toMatchObject({
    ok: true,
    value: {
      camera1: { label: 'fake_device_1', source: 'front' },
      camera2: { label: 'fake_device_0', source: 'rear' },
      width: 1920,
      height: 1080,
    },
  });

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/cameras-1920x1080.png' });
});

test('a saved camera that is not plugged in is named, and another camera can take its place', async ({
  page,
}) => {
  await openCameraSetup(page);
  const saved = await page.evaluate(() =>
    window.magnum.devices.save({
      camera1: { deviceId: null, label: null, source: 'front' },
      camera2: { deviceId: 'usb-cam-x-that-is-not-here', label: 'USB Cam X', source: 'rear' },
      width: 1280,
      height: 720,
      frameRate: 30,
      bitrate: 4_000_000,
    }),
  );
  expect(saved.ok, JSON.stringify(saved)).toBe(true);

  await openCameraSetup(page);
  const warning = page.getByRole('alert', { name: 'Cameras not connected' });
  await expect(warning).toContainText('Camera 2 (rear) — “USB Cam X” — is not connected');
  await expectLivePictures(page, 4);
  await page.screenshot({ path: 'test-results/screens/cameras-missing-1280x800.png' });

  await tile(page, 'fake_device_1')
    .getByRole('button', { name: /Camera 2 — rear/ })
    .click();
  await expect(warning).toHaveCount(0);
  await page.getByRole('button', { name: 'Save camera setup' }).click();
  await expect(page.getByText('Saved. New scenes record with this setup.')).toBeVisible();
  const active = await page.evaluate(() => window.magnum.devices.active({}));
  expect(active).toMatchObject({ ok: true, value: { camera2: { label: 'fake_device_1' } } });
});
