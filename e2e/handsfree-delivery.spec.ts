// Delivery without taps, on a copy of the run's demo flights: a flight sold at checkout shows its download QR on
// the receipt with no further tap, and on the customer screen opened from a receipt (its own window, this tab's
// session); a USB drive "plugged in" while the receipt is open (a folder made under the removable root the kiosk
// is told to watch, MAGNUM_TEST_DRIVES_DIR) is copied to by itself, checked, and said safe to remove, while a
// drive that was already there is left alone.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  demoDataDir,
  dismissNotices,
  signInAsManager,
  startOwnHostWithDrives,
  type OwnHost,
} from './support';

test.describe.configure({ mode: 'serial' });

let host: OwnHost | undefined;
let dataDir = '';
/** The removable root: each folder made in it is a USB drive plugged in. */
let drives = '';

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = await demoDataDir('magnum-handsfree-e2e-');
  drives = mkdtempSync(path.join(tmpdir(), 'magnum-handsfree-drives-'));
  // A drive plugged in before any receipt opened: it must never be copied to by itself.
  mkdirSync(path.join(drives, 'OLD-STICK'));
  host = await startOwnHostWithDrives(dataDir, drives, [
    '--download-port',
    '0',
    '--download-host',
    '127.0.0.1',
  ]);
});

test.afterAll(async () => {
  await host?.kill();
  for (const dir of [dataDir, drives]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });

const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: `test-results/screens/handsfree-${name}-1280x800.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `test-results/screens/handsfree-${name}-1920x1080.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
};

/** SHA-256 of every file under `dir`, sorted: what a customer would find there, whatever the names. */
function hashesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'))
    .sort();
}

test('a sale shows its QR without a tap, on the receipt and the customer screen; a new drive copies by itself', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await signInAsManager(page, host!.url);
  await dismissNotices(page);

  // An unsold demo flight with its photos made (quicker than a video), to sell as Photos Only.
  const flight = await page.evaluate(async () => {
    const ready = await window.magnum.sales.ready({});
    const first = ready.ok ? ready.value[0] : undefined;
    if (!first) return null;
    const queued = await window.magnum.exports.queue({ recordingId: first.recordingId, kind: 'photos' });
    return queued.ok ? { id: first.recordingId, names: first.passengerNames } : null;
  });
  expect(flight, 'an unsold demo flight whose photos can be made').not.toBeNull();
  await expect
    .poll(
      () =>
        page.evaluate(async (recordingId) => {
          const jobs = await window.magnum.exports.list({ recordingId });
          return jobs.ok ? jobs.value.map((job) => `${job.kind} ${job.status}`) : [];
        }, flight!.id),
      { timeout: 300_000, intervals: [2_000] },
    )
    .toContain('photos completed');

  // The customer screen, opened from the receipt of the demo's earlier sale: a window sharing this session.
  await tab(page, 'Sales').click();
  await page
    .getByRole('list', { name: 'Sales' })
    .getByRole('button', { name: /^Receipt for / })
    .first()
    .click();
  const [customer] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Open customer screen' }).click(),
  ]);
  await customer.setViewportSize({ width: 1280, height: 800 });
  await expect(customer.getByRole('heading', { name: 'Welcome aboard' })).toBeVisible();
  await expect(customer.getByRole('navigation', { name: 'Screens' })).toHaveCount(0);
  await shot(customer, 'customer-welcome');

  // Sell the flight as Photos Only.
  await tab(page, 'Sales').click();
  await page
    .getByRole('article', { name: flight!.names })
    .getByRole('button', { name: `Sell ${flight!.names}` })
    .click();
  await page.getByRole('radio', { name: /Photos Only/ }).click();
  await page.getByRole('radio', { name: 'Card terminal' }).click();
  await page.locator('.checkout-confirm').click();
  await page
    .getByRole('dialog', { name: 'Confirm the sale' })
    .getByRole('button', { name: 'Sale done' })
    .click();

  // No tap from here on: the receipt shows the QR by itself, and so does the customer screen.
  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toContainText(flight!.names);
  const qr = page.getByRole('img', { name: 'Download QR code' });
  await expect(qr).toBeVisible();
  const address = (await page.getByLabel('Download address').textContent())!.trim();
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{43}$/);
  await shot(page, 'receipt');

  const firstName = flight!.names.split(/[\s,&]+/)[0]!;
  await expect(
    customer.getByRole('heading', { name: `${firstName}, scan to download your flight` }),
  ).toBeVisible();
  const customerQr = customer.getByRole('img', { name: 'Download QR code' });
  // The same code, module for module, as the receipt's.
  expect(await customerQr.innerHTML()).toBe(await qr.innerHTML());
  await shot(customer, 'customer-qr');

  // Reopening the receipt shows the same link, not a new one.
  await page.reload();
  await expect(page.getByLabel('Download address')).toHaveText(address);

  // A drive plugged in while the receipt is open: the copy starts, is checked, and the drive is safe to remove.
  const stick = path.join(drives, 'CUSTOMER-STICK');
  mkdirSync(stick);
  await expect(page.getByText('Safe to remove the drive')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/files? \(.+\) copied and checked/)).toBeVisible();
  await shot(page, 'copied');

  const saleId = new URL(page.url()).hash.split('/')[2]!;
  const sourceDir = await page.evaluate(async (id) => {
    const sale = await window.magnum.sales.get({ saleId: id });
    return sale.ok ? sale.value.recordingId : null;
  }, saleId);
  const photosDir = path.join(dataDir, 'media', sourceDir!, 'photos');
  const [job] = readdirSync(photosDir);
  const copied = path.join(stick, 'MagnumStream');
  const [folder, ...others] = readdirSync(copied);
  expect(others, 'one folder for the one sale: the copy did not run twice').toEqual([]);
  expect(hashesUnder(path.join(copied, folder!))).toEqual(hashesUnder(path.join(photosDir, job!)));
  expect(readdirSync(path.join(drives, 'OLD-STICK')), 'the drive that was there before').toEqual([]);

  // The next sale starting (its checkout opening) sends the customer screen back to its welcome picture.
  await tab(page, 'Sales').click();
  await page
    .getByRole('button', { name: /^Sell / })
    .first()
    .click();
  await expect(customer.getByRole('heading', { name: 'Welcome aboard' })).toBeVisible();
});
