// What the filming screen shows belongs to its take and its flight: a new countdown starts clean after a take
// was thrown away, and another flight's screen shows nothing of the last one. Against a host of its own.
import { expect, test, type Page } from '@playwright/test';
import {
  changeSettings,
  checkInByApi,
  expectNoHorizontalOverflow,
  signInAsManager,
  ownHostPerFile,
  tapStop,
  useMovingFakeCameras,
  waitUntilRecording,
} from './support';

test.describe.configure({ mode: 'serial' });

const kiosk = ownHostPerFile('capture-stale');

async function openFlightToFilm(page: Page, passengerNames: string): Promise<string> {
  const id = await checkInByApi(page, passengerNames);
  await page.goto(`${kiosk.host.url}#/capture/${id}`);
  await expect(page.getByRole('heading', { name: passengerNames })).toBeVisible();
  return id;
}

test('a countdown after a thrown-away take shows no REC and no byte counts', async ({ page }) => {
  await signInAsManager(page, kiosk.host.url);
  await useMovingFakeCameras(page);
  await changeSettings(page, { minSceneSeconds: 2 });
  await openFlightToFilm(page, 'Greta Stale-Take');

  await page.getByRole('button', { name: 'Start Cruising' }).click();
  await waitUntilRecording(page);
  await expect(page.getByLabel('Camera 1 status')).toContainText(/\d+(\.\d)? (KB|MB) saved/);
  await page.getByRole('button', { name: 'Throw this take away' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Throw it away' }).click();
  const thrownAway = page.getByRole('status').filter({ hasText: 'The take was thrown away' });
  await expect(thrownAway).toBeVisible();
  // The take's figures went with it.
  await expect(page.locator('.chip-rec')).toHaveCount(0);
  await expect(page.getByLabel('Camera 1 status')).toHaveCount(0);
  // The message wraps inside the screen at 1280×800.
  const box = (await thrownAway.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: 'test-results/screens/capture-thrown-away-1280x800.png' });

  await page.getByRole('button', { name: 'Start Cruising' }).click();
  await expect(page.locator('.countdown').first()).toHaveText('3');
  await expect(page.locator('.chip-rec')).toHaveCount(0);
  await expect(page.getByText(/(KB|MB|bytes) saved/)).toHaveCount(0);
  await expect(page.getByText('The take was thrown away')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/capture-countdown-after-discard-1280x800.png' });
  // This take's own recorders start: then, and only then, REC.
  await waitUntilRecording(page);
  await page.getByRole('button', { name: 'Throw this take away' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Throw it away' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'thrown away' })).toBeVisible();
});

test('another flight’s filming screen shows nothing of the flight filmed before', async ({ page }) => {
  await signInAsManager(page, kiosk.host.url);
  await useMovingFakeCameras(page);
  await openFlightToFilm(page, 'Hugo First-Flight');
  await page.getByRole('button', { name: 'Start Cruising' }).click();
  await waitUntilRecording(page);
  await page.waitForTimeout(2500);
  await tapStop(page, 'Cruising');
  await expect(page.getByRole('status')).toContainText('Cruising saved', { timeout: 20_000 });

  // The next passenger's flight, opened straight from the flights list's link.
  await openFlightToFilm(page, 'Iris Next-Flight');
  await expect(page.getByRole('button', { name: /^1\. Cruising/ })).toContainText('Not filmed yet');
  await expect(page.getByText('Cruising saved')).toHaveCount(0);
  await expect(page.locator('.capture-message')).toHaveCount(0);
  await expect(page.getByLabel('Camera 1 status')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start Cruising' })).toBeEnabled();
});
