// Walking away from a take: it keeps recording, and every screen says so (the red REC strip, the flight row's
// "Filming", on this kiosk screen and on another one) until the crew go back and stop it. Fake cameras 0 and
// 2, against a kiosk host this file starts itself, so the saved files can be read from its data folder.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { RecordingDetail } from '../src/shared/recordings';
import {
  MANAGER,
  blackSeconds,
  changeSettings,
  decodeWholeFile,
  signInAsManager,
  ownHostPerFile,
  tapPin,
  useMovingFakeCameras,
  checkInByApi,
} from './support';

const kiosk = ownHostPerFile('capture-away');

const PASSENGERS = 'Mia and Leo';
const SCREENS = 'test-results/screens';

async function readFlight(page: Page, id: string): Promise<RecordingDetail> {
  const result = await page.evaluate((flightId) => window.magnum.recordings.get({ id: flightId }), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Both cameras' captions say REC on the filming screen: the recorders are running. */
async function expectBothCamerasRecording(page: Page): Promise<void> {
  for (const camera of [1, 2])
    await expect(page.locator(`[data-camera="${camera}"] .chip-rec`)).toBeVisible();
}

/** The strip's clock moves on: the take is still counting, not a picture of when the screen was left. */
async function expectTicking(page: Page): Promise<void> {
  const timer = recBar(page).getByRole('timer', { name: 'Time filmed' });
  await expect(timer).toHaveText(/^\d+:\d\d$/);
  const before = await timer.textContent();
  await expect(timer).not.toHaveText(before ?? '');
}

/** The row's Filming mark is whole: not cut off by the end of the row's status line. */
async function expectWholeFilmingMark(page: Page): Promise<void> {
  const row = flightRow(page);
  const mark = await row.locator('.chip-filming').boundingBox();
  const line = await row.locator('.flight-status').boundingBox();
  expect(mark && line && mark.x + mark.width <= line.x + line.width + 0.5, 'Filming mark cut off').toBe(true);
}

const recBar = (page: Page) => page.getByRole('status', { name: `Filming Cruising of ${PASSENGERS}` });
const flightRow = (page: Page) => page.getByRole('article', { name: PASSENGERS });

test('a take left running is shown on every screen and the crew get back to it in one tap', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAsManager(page, kiosk.host.url);
  await useMovingFakeCameras(page);
  await changeSettings(page, { minSceneSeconds: 2 });
  const id = await checkInByApi(page, PASSENGERS);
  await page.goto(`${kiosk.host.url}#/capture/${id}`);
  await page.getByRole('button', { name: 'Start Cruising' }).click();
  await expectBothCamerasRecording(page);
  // Its own filming screen shows the take itself, not the strip.
  await expect(page.getByRole('button', { name: /^1\. Cruising/ })).toContainText('Filming');
  await expect(recBar(page)).toHaveCount(0);

  // Flights: the strip with the scene, the passengers and a ticking time; the row says Filming.
  await page.getByRole('button', { name: 'Flights', exact: true }).click();
  await expect(recBar(page)).toBeVisible();
  await expect(recBar(page)).toContainText(`● REC · Cruising · ${PASSENGERS}`);
  await expectTicking(page);
  await expect(flightRow(page)).toContainText('● Filming');
  await expect(flightRow(page)).not.toContainText('Not filmed yet');
  await expectWholeFilmingMark(page);
  await expect(flightRow(page).getByRole('button', { name: `Back to filming ${PASSENGERS}` })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/rec-bar-flights-1280x800.png` });

  // Another screen of the kiosk, signed in as the same manager, reads it from the database.
  const elsewhere = await browser.newContext();
  try {
    const other = await elsewhere.newPage();
    await signInAsManager(other, kiosk.host.url);
    await other.getByRole('button', { name: 'Flights', exact: true }).click();
    await expect(flightRow(other)).toContainText('● Filming');
    await expect(flightRow(other)).not.toContainText('Not filmed yet');
    // The take is not this screen's: no strip, and its Film button does not claim to lead back.
    await expect(recBar(other)).toHaveCount(0);
    await expect(flightRow(other).getByRole('button', { name: `Film ${PASSENGERS}` })).toBeVisible();
  } finally {
    await elsewhere.close();
  }

  // Sales and Home keep it in sight too.
  await page.getByRole('button', { name: 'Sales', exact: true }).click();
  await expect(recBar(page)).toBeVisible();
  await expectTicking(page);
  await page.getByRole('button', { name: 'Home', exact: true }).click();
  await expect(recBar(page)).toBeVisible();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${SCREENS}/rec-bar-home-1920x1080.png` });

  // The lock screen covers everything but the strip.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  const lock = page.getByRole('dialog', { name: 'Screen locked' });
  await expect(lock.getByRole('status', { name: `Filming Cruising of ${PASSENGERS}` })).toBeVisible();
  await expect(lock).toContainText(`● REC · Cruising · ${PASSENGERS}`);
  await page.screenshot({ path: `${SCREENS}/rec-bar-locked-1920x1080.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SCREENS}/rec-bar-locked-1280x800.png` });
  await tapPin(page, MANAGER.pin, 'Unlock');
  await expect(lock).toHaveCount(0);

  // Signing out would orphan the take: it is refused with the way back to it (Lock is the way to step away).
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  const refusal = page.getByRole('dialog', { name: 'Stop filming before signing out' });
  await expect(refusal).toContainText(`Cruising of ${PASSENGERS} is still being filmed`);
  await refusal.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('Signed in as')).toContainText(MANAGER.name);
  await expect(recBar(page)).toBeVisible();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await refusal.getByRole('button', { name: 'Back to filming' }).click();
  await expect(page).toHaveURL(new RegExp(`#/capture/${id}$`));
  await page.getByRole('button', { name: 'Sales', exact: true }).click();

  // Back to filming: the same take, still recording, and the strip gives way to the filming screen.
  await recBar(page).getByRole('button', { name: 'Back to filming' }).click();
  await expect(page).toHaveURL(new RegExp(`#/capture/${id}$`));
  await expect(recBar(page)).toHaveCount(0);
  await expectBothCamerasRecording(page);
  await expect(page.getByLabel('Elapsed time')).not.toHaveText('0:00');
  // The files are checked to hold more than 5 s below: on a fast machine the steps above take less than that.
  await expect(page.getByLabel('Elapsed time')).toHaveText(/^0:(0[6-9]|[1-5]\d)$/, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Stop Cruising' }).click();
  await expect(page.getByRole('status')).toContainText('Cruising saved', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Back to flights' }).click();
  await expect(flightRow(page)).toContainText('1 of 3 scenes filmed');
  await expect(flightRow(page)).not.toContainText('Filming');
  await expect(recBar(page)).toHaveCount(0);

  // What was filmed while nobody watched the filming screen is in the files: two moving pictures.
  const cruising = (await readFlight(page, id)).scenes[0]!;
  expect(cruising.status).toBe('recorded');
  for (const url of [cruising.camera1Url, cruising.camera2Url]) {
    expect(url).toBeTruthy();
    const file = path.join(kiosk.dataDir, decodeURIComponent(new URL(url!, 'http://x').pathname));
    const decoded = decodeWholeFile(file);
    expect(decoded.exitCode, decoded.errors).toBe(0);
    expect(decoded.duration).toBeGreaterThan(5);
    expect(blackSeconds(file), `black seconds of ${file}`).toBeLessThan(decoded.duration! / 2);
  }
});
