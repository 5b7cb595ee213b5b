// Watching a flight's two angles in step, on demo flights made through the real path (the demo loader renders
// footage from two offset cameras): a kiosk host of this file's own, on its own copy of the run's demo flights.
import { expect, test, type Page } from '@playwright/test';
import { dismissNotices, findFilmedDemoFlight, signInAsManager, useDemoHost } from './support';

test.describe.configure({ mode: 'serial' });

const demo = useDemoHost('magnum-review-e2e-');

const video = (page: Page, camera: 1 | 2) => page.locator(`video[data-camera="${camera}"]`);

async function times(page: Page): Promise<{ t1: number; t2: number; paused1: boolean; paused2: boolean }> {
  return page.evaluate(() => {
    const [v1, v2] = [1, 2].map((camera) =>
      document.querySelector<HTMLVideoElement>(`video[data-camera="${camera}"]`)!,
    );
    return { t1: v1!.currentTime, t2: v2!.currentTime, paused1: v1!.paused, paused2: v2!.paused };
  });
}

test('crew watch both angles of a demo scene in step, step frames, change speed and swap angles', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsManager(page, demo.host.url);
  const flight = await findFilmedDemoFlight(page);
  const cruising = flight.scenes[0]!;
  const offset = cruising.offsetMs! / 1000;

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Flights' }).click();
  await page.getByRole('button', { name: `Watch ${flight.passengerNames}` }).click();
  await expect(page.getByRole('heading', { name: flight.passengerNames })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Cruising' })).toHaveAttribute('aria-selected', 'true');

  // Play: both angles run, camera 2 held at camera 1's time minus the offset.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.waitForTimeout(1_500);
  const playing = await times(page);
  expect(playing.paused1).toBe(false);
  expect(playing.paused2).toBe(false);
  expect(playing.t1).toBeGreaterThan(0.8);
  expect(Math.abs(playing.t2 - (playing.t1 - offset))).toBeLessThan(0.15);

  // Pause, then one frame forward: both stop and camera 1 moves about 1/30 s.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await times(page);
  expect(paused.paused1 && paused.paused2).toBe(true);
  await page.getByRole('button', { name: 'One frame forward' }).click();
  await expect.poll(async () => (await times(page)).t1 - paused.t1).toBeCloseTo(1 / 30, 2);
  const stepped = await times(page);
  expect(Math.abs(stepped.t2 - (stepped.t1 - offset))).toBeLessThan(0.01);
  await page.getByRole('button', { name: 'One frame back' }).click();
  await expect.poll(async () => (await times(page)).t1).toBeCloseTo(paused.t1, 2);

  // 2×: both videos.
  await page.getByRole('button', { name: '2×' }).click();
  await expect(page.getByRole('button', { name: '2×' })).toHaveAttribute('aria-pressed', 'true');
  expect(await video(page, 1).evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(2);
  expect(await video(page, 2).evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(2);

  // Scrub to the middle: both angles follow.
  const scrub = page.getByRole('slider', { name: 'Position in the scene' });
  const box = (await scrub.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(48);
  await scrub.fill(String(Math.round(cruising.camera1Duration! / 2)));
  await expect
    .poll(async () => {
      const now = await times(page);
      return Math.abs(now.t2 - (now.t1 - offset)) < 0.01 && now.t1 > 1;
    })
    .toBe(true);

  // Swap: camera 2 becomes the large angle.
  const largeCamera = () => page.locator('.review-angle.is-large video').getAttribute('data-camera');
  expect(await largeCamera()).toBe('1');
  await page.getByRole('button', { name: 'Swap angles' }).click();
  expect(await largeCamera()).toBe('2');
  await dismissNotices(page);
  await page.screenshot({ path: 'test-results/screens/review-1280x800.png' });
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);
  expect(fits, 'the review screen fits 1280×800 without scrolling').toBe(true);

  // Another scene: its own footage.
  await page.getByRole('tab', { name: 'Chase' }).click();
  await expect(page.getByRole('tab', { name: 'Chase' })).toHaveAttribute('aria-selected', 'true');
  await expect(video(page, 1)).toHaveAttribute('src', flight.scenes[1]!.camera1Url!);
  await expect(video(page, 2)).toHaveAttribute('src', flight.scenes[1]!.camera2Url!);
});
