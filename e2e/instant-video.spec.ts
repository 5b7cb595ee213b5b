// Check-in → three scenes → the souvenir video → the sale, as the crew do it, counting every tap (typed
// characters excluded) on a kiosk host of this file's own with fake cameras 0 and 2.
//
// Today's count, the map of what to cut, measured by this spec's first run (19 taps; the 22 also counted
// the Flights tab on the way to check-in, the keyboard's Done and a bundle tap, which checkout now preselects):
//    1 Check in a flight (home)          2 the name field (its keyboard opens)   3 Check in and film
//    4 Start Cruising   5 Stop Cruising   6 Start Chase   7 Stop Chase   8 Start Arrival   9 Stop Arrival
//   10 Done — back to flights          11 Edit (the flight's row)              12 the 8 slots tab (a look over)
//   13 the Export tab                  14 Make the video (then wait ~1 min)    15 the Sales tab
//   16 Sell (the flight's card)        17 Card terminal                         18 Take $25.00
//   19 Sale done (the confirmation)
// To cut: 10–16 (seven taps and a wait) become one "Sell now" with the video made by itself while filming.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  changeSettings,
  countTaps,
  signInAsManager,
  startOwnHost,
  useMovingFakeCameras,
  waitUntilRecording,
  type OwnHost,
  type TapCounter,
} from './support';

test.describe.configure({ mode: 'serial' });

let host: OwnHost;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'magnum-instant-video-e2e-'));
  host = await startOwnHost(dataDir, ['--download-port', '0', '--download-host', '127.0.0.1']);
});

test.afterAll(async () => {
  await host?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const SCENES = ['Cruising', 'Chase', 'Arrival'] as const;

/** Films one scene: Start, a few seconds once both cameras say REC, Stop, saved. */
async function filmScene(page: Page, taps: TapCounter, scene: string, seconds: number): Promise<void> {
  await taps.tap(page.getByRole('button', { name: `Start ${scene}` }), `start ${scene}`);
  await waitUntilRecording(page);
  await page.waitForTimeout(seconds * 1000);
  await taps.tap(page.getByRole('button', { name: `Stop ${scene}` }), `stop ${scene}`);
  await expect(page.getByRole('status').filter({ hasText: `${scene} saved` })).toBeVisible({
    timeout: 20_000,
  });
}

test('today: check-in to sale done, with the Export tab, counting taps', async ({ page }) => {
  test.setTimeout(300_000);
  const taps = await countTaps(page);
  await signInAsManager(page, host.url);
  await useMovingFakeCameras(page);
  await changeSettings(page, { minSceneSeconds: 2 });
  await page.goto(`${host.url}#/home`);
  taps.reset();

  await taps.tap(page.getByRole('button', { name: 'Check in a flight' }), 'open check-in');
  await taps.tap(page.getByLabel('Passenger name(s)'), 'tap the name field (its keyboard opens)');
  await page.getByLabel('Passenger name(s)').fill('Ines Today');
  await taps.tap(page.getByRole('button', { name: 'Check in and film' }), 'check in and film');
  await expect(page.getByRole('heading', { name: 'Ines Today' })).toBeVisible();
  for (const scene of SCENES) await filmScene(page, taps, scene, 4);

  await taps.tap(page.getByRole('button', { name: 'Done — back to flights' }), 'done filming');
  await taps.tap(page.getByRole('button', { name: 'Edit Ines Today' }), 'open the editor');
  await taps.tap(page.getByRole('tab', { name: '8 slots' }), 'look over the 8 slots');
  await taps.tap(page.getByRole('tab', { name: 'Export' }), 'open the Export tab');
  await taps.tap(page.getByRole('button', { name: 'Make the video' }), 'make the video');
  await expect(page.getByLabel('The finished video')).toBeVisible({ timeout: 180_000 });

  await taps.tap(
    page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Sales', exact: true }),
    'go to Sales',
  );
  await taps.tap(page.getByRole('button', { name: 'Sell Ines Today' }), 'sell this flight');
  const videoOnly = page.getByRole('radio', { name: /Video Only/ });
  if ((await videoOnly.getAttribute('aria-checked')) !== 'true')
    await taps.tap(videoOnly, 'pick the bundle (Video Only)');
  await taps.tap(page.getByRole('radio', { name: 'Card terminal' }), 'say how the customer paid');
  await taps.tap(page.locator('.checkout-confirm'), 'take the payment');
  await taps.tap(
    page.getByRole('dialog', { name: 'Confirm the sale' }).getByRole('button', { name: 'Sale done' }),
    'confirm the sale',
  );
  await expect(page.getByRole('article', { name: 'Receipt' })).toContainText('Ines Today');

  console.log(`Taps from check-in to sale done today: ${taps.taps.length}\n${taps.report()}`);
  expect(taps.taps.every((tap) => !tap.why.startsWith('('))).toBe(true);
});
