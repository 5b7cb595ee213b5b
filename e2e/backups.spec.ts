// Backups end to end on demo flights, in real Chromium against the built kiosk host: the manager backs up to a
// folder from the Backups screen; the data folder is wiped (the host stopped, the folder deleted, the host started
// again on the same path); the first-start screen restores the backup; the manager signs in and plays a flight.
// And a database file damaged while the kiosk was off opens the recovery screen, which restores the last backup.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  demoDataDir,
  dismissNotices,
  MANAGER,
  signInAsManager,
  startOwnHost,
  tapPin,
  type OwnHost,
} from './support';

test.describe.configure({ mode: 'serial' });

const SHOTS = path.join('test-results', 'backups');
let usb: string;
const cleanup: string[] = [];
const hosts: OwnHost[] = [];

test.beforeAll(() => {
  // A folder outside the data folder, as a USB drive mounted at /media would be.
  usb = mkdtempSync(path.join(tmpdir(), 'magnum-backups-usb-'));
  cleanup.push(usb);
});

test.afterAll(async () => {
  for (const host of hosts) await host.kill().catch(() => undefined);
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<OwnHost> {
  const host = await startOwnHost(dataDir);
  hosts.push(host);
  return host;
}

async function stop(host: OwnHost): Promise<void> {
  await host.kill();
  hosts.splice(hosts.indexOf(host), 1);
}

/** The on-screen keyboard: the buttons that act on a typed folder close it. */
const keyboard = (page: Page) => page.locator('.touch-keyboard');

/** Signs the manager in from the sign-in screen (tile, then PIN), as after a restore. */
async function signInFromTiles(page: Page): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${MANAGER.name}`) }).click();
  await tapPin(page, MANAGER.pin, 'Sign in');
  await expect(page.getByLabel('Signed in as')).toContainText(MANAGER.name);
}

/** Opens the first flight with footage on the Flights screen and plays it: both angles run. */
async function playAFlight(page: Page): Promise<void> {
  await dismissNotices(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Flights' }).click();
  await page
    .getByRole('button', { name: /^Watch / })
    .first()
    .click();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('video[data-camera="1"]');
        return video ? video.currentTime : 0;
      }),
    )
    .toBeGreaterThan(0.5);
}

/** Picks a folder by typing it, then lists the backups in it and restores the newest after confirming. */
async function restoreNewestFrom(page: Page, folder: string, shot?: string): Promise<void> {
  await page.getByLabel('Or type the folder the backup is in').fill(folder);
  await page.getByRole('button', { name: 'Look in this folder' }).click();
  await expect(keyboard(page)).toHaveCount(0);
  const list = page.getByRole('list', { name: 'Backups, newest first' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  if (shot) await page.screenshot({ path: path.join(SHOTS, shot) });
  await list.getByRole('button', { name: 'Restore this backup' }).first().click();
  await page
    .getByRole('dialog', { name: 'Restore this backup?' })
    .getByRole('button', { name: 'Restore and restart' })
    .click();
}

test('backs up from the Backups screen, restores into a wiped data folder at first start, and plays a flight', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const dataDir = await demoDataDir('magnum-backups-e2e-');
  cleanup.push(dataDir);
  let host = await start(dataDir);

  // The manager backs up to a folder typed on the Backups screen (reached from Settings).
  await signInAsManager(page, host.url);
  await dismissNotices(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Backups →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  await page.getByLabel('Or type a folder on another disk').fill(usb);
  await page.getByRole('button', { name: 'Use this folder' }).click();
  await expect(keyboard(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Back up now' }).click();
  // A picture of the progress if the backup is still running when it is looked for (it is a small kiosk).
  await page
    .getByRole('status', { name: 'Backup progress' })
    .waitFor({ timeout: 5_000 })
    .then(() => page.screenshot({ path: path.join(SHOTS, 'backups-running.png') }))
    .catch(() => undefined);
  await expect(page.getByRole('status').filter({ hasText: /^Backup verified/ })).toBeVisible({
    timeout: 180_000,
  });
  await expect(page.getByText('Last verified backup just now')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'backups-screen.png') });
  await page.screenshot({ path: path.join(SHOTS, 'backups-screen-whole.png'), fullPage: true });

  // The data folder is lost: the host stops, the folder goes, a host starts again on the same (now empty) path.
  await stop(host);
  rmSync(dataDir, { recursive: true, force: true });
  host = await start(dataDir);

  // First start: restore from the backup instead of creating a manager.
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up this kiosk' })).toBeVisible();
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Restore from a backup' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'first-start-restore.png') });
  await restoreNewestFrom(page, usb, 'first-start-restore-choose.png');
  await page
    .getByRole('status', { name: 'Restore progress' })
    .waitFor({ timeout: 5_000 })
    .then(() => page.screenshot({ path: path.join(SHOTS, 'first-start-restoring.png') }))
    .catch(() => undefined);

  // The kiosk restarts on the restored data and the screen goes back to sign-in, with the manager there.
  await expect(page.getByRole('heading', { level: 1, name: 'Who is working?' })).toBeVisible({
    timeout: 180_000,
  });
  await signInFromTiles(page);
  await playAFlight(page);
});

test('a database damaged while the kiosk was off opens the recovery screen, which restores the last backup', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const dataDir = await demoDataDir('magnum-backups-recovery-e2e-');
  cleanup.push(dataDir);
  let host = await start(dataDir);
  await signInAsManager(page, host.url);
  // Backed up through the contract this time: the screen is covered above.
  const backedUp = await page.evaluate(async (folder) => {
    const started = await window.magnum.backups.backUpNow({ folder });
    if (!started.ok) return started.error.message;
    for (;;) {
      const status = await window.magnum.backups.status({});
      if (!status.ok) return status.error.message;
      if (!status.value.running) return status.value.history[0]?.outcome ?? 'no run';
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, usb);
  expect(backedUp).toBe('verified');
  await stop(host);

  // The disk damages the database file while the kiosk is off.
  writeFileSync(path.join(dataDir, 'magnum.db'), 'this is not a database any more '.repeat(500));
  host = await start(dataDir);
  await page.goto(host.url);
  await expect(
    page.getByRole('heading', { level: 1, name: 'The kiosk’s database is damaged' }),
  ).toBeVisible();
  await expect(page.getByText('Database problem')).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'recovery-screen.png') });

  // The last backup (from backup.json, readable without the database) is offered first.
  await page.getByRole('button', { name: /^The last backup/ }).click();
  const list = page.getByRole('list', { name: 'Backups, newest first' });
  await list.getByRole('button', { name: 'Restore this backup' }).first().click();
  await page
    .getByRole('dialog', { name: 'Restore this backup?' })
    .getByRole('button', { name: 'Restore and restart' })
    .click();

  await expect(page.getByRole('heading', { level: 1, name: 'Who is working?' })).toBeVisible({
    timeout: 180_000,
  });
  await expect(page.getByText('Database ready')).toBeVisible();
  await signInFromTiles(page);
  await playAFlight(page);
});
