// Making the souvenir video from the screens, on a copy of the run's demo flights in a kiosk host of this file's
// own (so it can kill it): progress with time left, the finished video playing in the page, a cancel that leaves
// nothing, and a kiosk killed mid-export that finishes the video after it is started again.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ExportJobView } from '../src/shared/exports';
import { decodeWholeFile, dismissNotices, signInAsManager, useDemoHost } from './support';

test.describe.configure({ mode: 'serial' });

const demo = useDemoHost('magnum-export-e2e-');

async function flightIds(page: Page): Promise<{ id: string; names: string }[]> {
  return page.evaluate(async () => {
    const list = await window.magnum.recordings.list({});
    return list.ok ? list.value.items.map((item) => ({ id: item.id, names: item.passengerNames })) : [];
  });
}

async function jobsOf(page: Page, recordingId: string): Promise<ExportJobView[]> {
  return page.evaluate(async (id) => {
    const jobs = await window.magnum.exports.list({ recordingId: id });
    return jobs.ok ? jobs.value : [];
  }, recordingId);
}

const exportsFolder = (recordingId: string) => path.join(demo.dataDir, 'media', recordingId, 'exports');
const filesIn = (folder: string) => (existsSync(folder) ? readdirSync(folder).sort() : []);

async function openExportTab(page: Page, recordingId: string): Promise<void> {
  await page.evaluate((id) => (window.location.hash = `#/edit/${id}`), recordingId);
  await page.getByRole('tab', { name: 'Export' }).click();
  await expect(page.getByRole('heading', { name: 'Souvenir video' })).toBeVisible();
}

test('crew make the video in the Export tab, follow its progress and watch it there', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsManager(page, demo.host.url);
  await dismissNotices(page);
  const [flight] = await flightIds(page);
  await openExportTab(page, flight!.id);
  await page.getByRole('button', { name: 'Make the video' }).click();

  const bar = page.getByRole('progressbar', { name: 'Video' });
  await expect(bar).toBeVisible();
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(10);
  await expect(page.getByText(/About \d+ (s|min) left/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/export-progress-1280x800.png' });

  const player = page.getByLabel('The finished video');
  await expect(player).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(/Made at/)).toBeVisible();
  const duration = await player.evaluate(
    (video: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        if (video.readyState >= 1) resolve(video.duration);
        else video.addEventListener('loadedmetadata', () => resolve(video.duration), { once: true });
      }),
  );
  expect(duration).toBeGreaterThan(20);
  await page.screenshot({ path: 'test-results/screens/export-done-1280x800.png' });
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);
  expect(fits, 'the Export tab fits 1280×800 without scrolling').toBe(true);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/export-done-1920x1080.png' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The dashboard shows the flight exported, with the finished video's poster.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Flights' }).click();
  const row = page.getByRole('article', { name: flight!.names });
  await expect(row.getByText('Exported', { exact: true })).toBeVisible();
  await expect(row.locator('img.flight-poster')).toHaveAttribute('src', /\/exports\/.+-poster\.jpg/);
});

test('a video cancelled while it is made leaves no file behind', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsManager(page, demo.host.url);
  await dismissNotices(page);
  const flight = (await flightIds(page))[1]!;
  await openExportTab(page, flight.id);
  await page.getByRole('button', { name: 'Make the video' }).click();
  const bar = page.getByRole('progressbar', { name: 'Video' });
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(5);
  await page.getByRole('button', { name: 'Stop making it', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Stop making this video?' })
    .getByRole('button', { name: 'Stop it' })
    .click();
  await expect(page.getByText('The video was cancelled. Nothing was kept.')).toBeVisible();
  expect(filesIn(exportsFolder(flight.id))).toEqual([]);
  expect((await jobsOf(page, flight.id))[0]?.status).toBe('cancelled');
});

test('a kiosk killed while it makes a video finishes it after it is started again', async ({ page }) => {
  test.setTimeout(240_000);
  await signInAsManager(page, demo.host.url);
  await dismissNotices(page);
  const flight = (await flightIds(page))[2]!;
  // From the dashboard this time.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Flights' }).click();
  await page.getByRole('button', { name: `Make the video of ${flight.names}` }).click();
  const bar = page.getByRole('progressbar', { name: `Video of ${flight.names}` });
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(10);
  await expect(page.getByRole('article', { name: flight.names })).toContainText(/About \d+ (s|min) left/);
  await page.screenshot({ path: 'test-results/screens/dashboard-exporting-1280x800.png' });

  await demo.host.kill('SIGKILL');
  expect(
    filesIn(exportsFolder(flight.id)).some((name) => name.endsWith('.mp4') && !name.includes('partial')),
  ).toBe(false);
  await demo.restart();
  await signInAsManager(page, demo.host.url);
  await expect
    .poll(async () => (await jobsOf(page, flight.id))[0]?.status, { timeout: 150_000, intervals: [1_000] })
    .toBe('completed');
  const [job] = await jobsOf(page, flight.id);
  expect(job!.attempts).toBe(2);
  expect(filesIn(exportsFolder(flight.id))).toEqual([`${job!.id}-poster.jpg`, `${job!.id}.mp4`]);
  const decoded = decodeWholeFile(path.join(exportsFolder(flight.id), `${job!.id}.mp4`));
  expect(decoded.errors).toBe('');
  expect(decoded.duration).toBeGreaterThan(20);
});
