// Importing a photographer's photos from the kiosk's import folder into one flight, from the screens: the
// proposal shows only the photos taken during that flight, the crew confirm, and the photos are imported once.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { tinyJpeg } from '../src/main/photos/test-support';
import { dismissNotices, findFilmedDemoFlight, signInAsManager, useDemoHost } from './support';

const demo = useDemoHost('magnum-photo-import-e2e-');

const exifTime = (ms: number) =>
  new Date(ms).toISOString().slice(0, 19).replace('T', ' ').replaceAll('-', ':');

test('crew confirm the photos taken during the flight and import them once', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsManager(page, demo.host.url);
  await dismissNotices(page);
  const flight = await findFilmedDemoFlight(page);
  const started = Date.parse(flight.scenes[0]!.startedAt!);
  const shoot = (name: string, takenAt: number) =>
    writeFileSync(
      path.join(demo.dataDir, 'import', name),
      tinyJpeg({ dateTimeOriginal: exifTime(takenAt), offsetTimeOriginal: '+00:00' }),
    );
  shoot('IMG_0101.JPG', started + 60_000);
  shoot('IMG_0102.JPG', started + 5 * 60_000);
  shoot('IMG_0103.JPG', started + 10 * 60_000);
  shoot('IMG_0999.JPG', started - 2 * 86_400_000); // another day's flight

  await page.evaluate((id) => (window.location.hash = `#/edit/${id}`), flight.id);
  await page.getByRole('tab', { name: 'Export' }).click();
  await page.getByRole('button', { name: 'Import photos from a card' }).click();
  await page.getByRole('button', { name: /import folder/ }).click();

  const proposal = page.getByRole('dialog', { name: /Photos from/ });
  await expect(proposal.getByRole('list', { name: 'Proposed photos' }).getByRole('listitem')).toHaveCount(3);
  await expect(proposal.getByText('1 photo taken at another time is not shown.')).toBeVisible();
  await expect(proposal.getByText('IMG_0999.JPG')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/photo-import-proposal-1280x800.png' });

  await proposal.getByRole('checkbox').nth(2).uncheck();
  await proposal.getByRole('button', { name: 'Import 2 photos' }).click();
  await expect(page.getByText('✓ 2 photos imported.')).toBeVisible();

  // The card still holds them: a second look marks the two as already in this flight.
  await page.getByRole('button', { name: 'Import photos from a card' }).click();
  await page.getByRole('button', { name: /import folder/ }).click();
  await expect(proposal.getByText('Already in this flight')).toHaveCount(2);
  await expect(proposal.getByRole('button', { name: 'Import 1 photo' })).toBeEnabled();
});
