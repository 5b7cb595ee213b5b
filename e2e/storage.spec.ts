// The Storage screen on the demo flights, made four months old: the manager opens it from Settings, reads the
// totals, previews what the retention rules would remove (no verified backup here, so every flight needs its
// passenger names typed), removes one flight's raw footage after the confirmation that lists its files, and the
// review screen then says the footage was removed. Home warns once free space nears the floor recording needs.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import type { RetentionPreview, StorageOverview } from '../src/shared/storage';
import type { SystemInfo } from '../src/shared/system';
import {
  changeSettings,
  demoDataDir,
  dismissNotices,
  expectNoHorizontalOverflow,
  signInAsManager,
  startOwnHost,
  type OwnHost,
} from './support';

test.describe.configure({ mode: 'serial' });

const DAY_MS = 24 * 60 * 60_000;
let host: OwnHost | undefined;
let dataDir = '';

/** Every flight flew 120 days ago and every sale was 100 days ago: past both default rules (90 and 30 days). */
function ageDemoFlights(dir: string): void {
  const db = new Database(path.join(dir, 'magnum.db'));
  try {
    const at = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
    db.prepare('UPDATE flight_recordings SET flight_at = ?').run(at(120));
    db.prepare('UPDATE sales SET sale_date = ?').run(at(100));
  } finally {
    db.close();
  }
}

test.beforeAll(async () => {
  test.setTimeout(240_000); // the first spec of a run renders the demo footage
  dataDir = await demoDataDir('magnum-storage-e2e-');
  ageDemoFlights(dataDir);
  host = await startOwnHost(dataDir);
});

test.afterAll(async () => {
  await host?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const url = () => {
  if (!host) throw new Error('the host starts in beforeAll');
  return host.url;
};

async function call<T>(page: Page, run: string): Promise<T> {
  const result = (await page.evaluate(run)) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(result.error?.message);
  return result.value as T;
}

test('the manager opens Storage from Settings and sees what takes the space', async ({ page }) => {
  await signInAsManager(page, url());
  await dismissNotices(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Storage →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Storage' })).toBeVisible();
  // Opened from Settings: its tab stays lit.
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );

  const overview = await call<StorageOverview>(page, 'window.magnum.storage.overview({ limit: 20 })');
  expect(overview.flights.total).toBe(4);
  expect(overview.byKind.find((k) => k.kind === 'raw')!.bytes).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: 'Flights’ files' })).toContainText('of 4 flights');
  await expect(page.getByRole('region', { name: 'Free on the disk' })).toContainText(
    'recording stops below 2.0 GB',
  );
  await expect(page.getByRole('region', { name: 'Growth per day' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Days left' })).toBeVisible();
  const flights = page.getByRole('list', { name: 'Flights' }).getByRole('listitem');
  await expect(flights).toHaveCount(4);
  // Biggest first.
  await expect(flights.first()).toContainText(overview.flights.items[0]!.passengerNames);
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: 'test-results/screens/storage-1280x800.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: 'test-results/screens/storage-1920x1080.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('previews the rules and removes one flight’s footage after typing its names', async ({ page }) => {
  await signInAsManager(page, url());
  await dismissNotices(page);
  await page.goto(new URL('/#/storage', url()).href);
  await page.getByRole('radio', { name: 'Remove old footage' }).click();

  const preview = await call<RetentionPreview>(page, 'window.magnum.storage.preview({})');
  // Three flights nobody bought are due; the sold one was never delivered, so it is kept.
  expect(preview.flights.map((f) => f.rule)).toEqual(['unsold', 'unsold', 'unsold']);
  expect(preview.heldBack).toHaveLength(1);
  expect(preview.backup).toBeNull();
  const due = page.getByRole('list', { name: 'Footage due to go' }).getByRole('listitem');
  await expect(due).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Kept for now' })).toContainText('not delivered yet');
  await expect(page.getByText('There is no verified backup yet')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/storage-retention-1280x800.png' });

  const flight = preview.flights[0]!;
  await page.getByRole('button', { name: `Pick ${flight.passengerNames}` }).click();
  await page.getByRole('button', { name: /^Remove footage of 1 flight/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove this footage?' });
  const listed = dialog.getByRole('list', { name: 'What goes' });
  await expect(listed).toContainText(flight.passengerNames);
  await expect(listed.getByText('in no backup')).toHaveCount(flight.files.length);
  const names = dialog.getByLabel(`Type “${flight.passengerNames}” to remove the files no backup holds`);
  await names.fill(flight.passengerNames.toUpperCase());
  await expect(dialog.getByText('Names match: all of this flight’s footage goes.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/storage-confirm-1280x800.png' });
  await dialog.getByRole('button', { name: 'Remove footage' }).click();

  const removed = page.getByRole('region', { name: 'Removed' });
  await expect(removed).toContainText(`${flight.files.length} files removed`);
  await expect(dialog).toBeHidden();
  for (const file of flight.files) expect(existsSync(path.join(dataDir, file.path))).toBe(false);
  // The other flights keep theirs, and the list no longer offers the removed one.
  expect(existsSync(path.join(dataDir, preview.flights[1]!.files[0]!.path))).toBe(true);
  await expect(due).toHaveCount(2);

  // The review screen says so instead of showing a player that cannot load.
  await page.goto(new URL(`/#/review/${flight.recordingId}`, url()).href);
  await expect(page.getByText(/^The footage was removed on .+\. No backup held it/)).toBeVisible();
  await expect(page.locator('video')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/review-footage-removed-1280x800.png' });
});

test('the files check lists a stray file and deletes it after a confirmation', async ({ page }) => {
  await signInAsManager(page, url());
  await dismissNotices(page);
  const overview = await call<StorageOverview>(page, 'window.magnum.storage.overview({ limit: 1 })');
  const stray = `media/${overview.flights.items[0]!.recordingId}/cruising/camera1.old-take.webm`;
  writeFileSync(path.join(dataDir, stray), Buffer.alloc(4096, 1));

  await page.goto(new URL('/#/storage', url()).href);
  await page.getByRole('radio', { name: 'Files check' }).click();
  await page.getByRole('button', { name: 'Check the files' }).click();
  const orphans = page.getByRole('region', { name: 'Files the database does not count' });
  await expect(orphans).toContainText(stray);
  await expect(orphans).toContainText('Nothing on this kiosk uses this file');
  await page.screenshot({ path: 'test-results/screens/storage-files-check-1280x800.png' });

  await orphans.getByRole('button', { name: 'Delete 1 file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete these files?' });
  await expect(dialog.getByRole('list', { name: 'Files' })).toContainText(stray);
  await dialog.getByRole('button', { name: 'Delete 1 file' }).click();
  await expect(page.getByText('Done: 1 file (4.0 KB).')).toBeVisible();
  expect(existsSync(path.join(dataDir, stray))).toBe(false);
});

test('Home warns when free space nears the floor, and says what to do', async ({ page }) => {
  await signInAsManager(page, url());
  await dismissNotices(page);
  const info = await call<SystemInfo>(page, 'window.magnum.system.info({})');
  // A floor at two thirds of the free space: enough to record, but less than twice the floor is left.
  const floorGb = Math.max(1, Math.min(500, Math.floor(info.storage.freeBytes! / 1.5 / 1024 ** 3)));
  await changeSettings(page, { minFreeDiskGb: floorGb });
  try {
    await page.getByRole('button', { name: 'Check again' }).click();
    const card = page.getByRole('article', { name: 'Storage' });
    await expect(card).toContainText('Back up, then remove old footage on the Storage screen');
    await expect(card).toHaveClass(/status-warn/);
    await page.screenshot({ path: 'test-results/screens/home-storage-warning-1280x800.png' });
    await card.getByRole('button', { name: 'Open Storage' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Storage' })).toBeVisible();
  } finally {
    await changeSettings(page, { minFreeDiskGb: 2 });
  }
});
