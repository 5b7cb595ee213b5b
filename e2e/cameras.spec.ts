// The manager's camera setup with Chromium's fake cameras: live tiles, which is front and rear, the recording
// size, a save that survives a reload, a warning that names a camera that is not plugged in, and a layout that
// keeps Save in view on a kiosk screen.
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
  await page.getByRole('button', { name: 'Change names or quality' }).click();
  await page.getByRole('radio', { name: /1920 × 1080/ }).click();
  await expect(page.getByText('Not saved yet: tap')).toBeVisible();
  await expectLivePictures(page, 4);

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
  await expect(page.getByRole('region', { name: 'How new scenes record' })).toContainText(
    'record at 1920 × 1080 (Full HD), 30 fps',
  );
  await page.getByRole('button', { name: 'Change names or quality' }).click();
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
  await expect(warning).toContainText('Camera 2 (rear), “USB Cam X”, is not connected.');
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

/** What does not fit: sideways scrolling, Save out of view, controls under 48 px, names cut or broken. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page ${root.scrollWidth} px wide`);
    const save = Array.from(document.querySelectorAll('button')).find(
      (b) => b.textContent === 'Save camera setup',
    );
    const box = save?.getBoundingClientRect();
    if (!box || box.top < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth)
      problems.push(`Save out of view: ${JSON.stringify(box)}`);
    const controls = document.querySelectorAll('.cameras-screen :is(button, input, [role="radio"])');
    for (const control of Array.from(controls)) {
      const { width, height } = control.getBoundingClientRect();
      if (width < 48 || height < 48) problems.push(`${control.textContent} is ${width}×${height}`);
    }
    for (const element of Array.from(document.querySelectorAll('.cameras-screen *'))) {
      if (element.children.length === 0 && element.scrollWidth > element.clientWidth + 1)
        problems.push(`“${element.textContent}” does not fit its box`);
    }
    return problems;
  });
}

test('the camera setup fits 1280×800 and 1920×1080: Save in view, nothing sideways, big controls', async ({
  page,
}) => {
  await openCameraSetup(page);
  await expectLivePictures(page, 4);
  for (const screen of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(screen);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await layoutProblems(page), `${screen.width}×${screen.height}`).toEqual([]);
    // Four cameras and the recording line fit without scrolling at all.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
      screen.height,
    );
    await page.screenshot({ path: `test-results/screens/cameras-${screen.width}x${screen.height}.png` });

    // With every choice open the page scrolls, and Save stays in view at the top.
    await page.getByRole('button', { name: 'Change names or quality' }).click();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await layoutProblems(page), `${screen.width}×${screen.height}, choices open`).toEqual([]);
    await page.screenshot({
      path: `test-results/screens/cameras-choices-${screen.width}x${screen.height}.png`,
    });
    await page.getByRole('button', { name: 'Hide these choices' }).click();
  }
});
