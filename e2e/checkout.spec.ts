// Selling a flight from the screens on a copy of the run's demo flights: the ready-to-sell list, making the video
// from checkout and watching it, an admin's changed amount with its reason, the receipt as it prints (and as a
// PDF), handing over the files by a copy to the kiosk's folder and by the download QR code, a refund that puts the
// flight back on sale, and a price change in the catalogue that leaves the past sale alone; then a crew member
// selling in their own name at the new price, with no way to change the amount or undo the sale.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoDataDir, dismissNotices, signInAsManager, startOwnHost, tapPin } from './support';

test.describe.configure({ mode: 'serial' });

let url = '';
let dataDir = '';
let stop: (() => Promise<void>) | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = await demoDataDir('magnum-checkout-e2e-');
  // Links name the loopback address, so this test's own fetch reaches the download server on any machine.
  const host = await startOwnHost(dataDir, ['--download-port', '0', '--download-host', '127.0.0.1']);
  url = host.url;
  stop = () => host.kill();
});
test.afterAll(async () => {
  await stop?.();
});

const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });

async function unsoldFilmedFlight(page: Page): Promise<string> {
  const names = await page.evaluate(async () => {
    const ready = await window.magnum.sales.ready({});
    return ready.ok ? ready.value.map((flight) => flight.passengerNames) : [];
  });
  expect(names.length, 'the demo has unsold filmed flights').toBeGreaterThan(0);
  return names[0]!;
}

const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: `test-results/screens/${name}-1280x800.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `test-results/screens/${name}-1920x1080.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
};

/** Signs in and opens the receipt of the newest sale from the Sales tab. */
async function openNewestReceipt(page: Page) {
  await signInAsManager(page, url);
  await dismissNotices(page);
  await tab(page, 'Sales').click();
  await page
    .getByRole('list', { name: 'Sales' })
    .getByRole('button', { name: /^Receipt for / })
    .first()
    .click();
  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toBeVisible();
  return receipt;
}

/** Taps Done on the on-screen keyboard, as the crew would after typing. */
const closeKeyboard = (page: Page) => page.locator('.touch-keyboard [data-skbtn="{done}"]').click();

const fitsWithoutScrolling = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);

test('an admin sells a flight: video made at checkout, changed amount with a reason, receipt', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsManager(page, url);
  await dismissNotices(page);
  const names = await unsoldFilmedFlight(page);

  await tab(page, 'Sales').click();
  const card = page.getByRole('article', { name: names });
  await expect(card.getByText('No video yet')).toBeVisible();
  // Posters are made on first request: the screenshot waits until they have come.
  await expect
    .poll(() => card.locator('img.ready-poster').evaluate((img: HTMLImageElement) => img.naturalWidth), {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  await shot(page, 'sales');
  await card.getByRole('button', { name: `Sell ${names}` }).click();

  await expect(page.getByRole('heading', { name: `Sell · ${names}` })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Video Only/ })).toContainText('Not made yet: video');
  await page.getByRole('button', { name: 'Make the video' }).click();
  await expect(page.getByRole('progressbar', { name: 'Video' })).toBeVisible();
  const player = page.getByLabel('The souvenir video');
  await expect(player).toBeVisible({ timeout: 180_000 });
  const duration = await player.evaluate(
    (video: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        if (video.readyState >= 1) resolve(video.duration);
        else video.addEventListener('loadedmetadata', () => resolve(video.duration), { once: true });
      }),
  );
  expect(duration, 'the finished video plays in the page').toBeGreaterThan(20);
  await expect(page.getByRole('radio', { name: /Video Only/ })).not.toContainText('Not made yet');

  await page.getByRole('radio', { name: /Video Only/ }).click();
  const confirm = page.locator('.checkout-confirm');
  await expect(confirm).toHaveText('Pick how the customer paid.');
  await expect(confirm).toBeDisabled();
  await page.getByRole('radio', { name: 'Card terminal' }).click();
  await expect(confirm).toHaveText('Take $25.00');
  expect(await fitsWithoutScrolling(page), 'checkout fits 1280×800 without scrolling').toBe(true);
  await shot(page, 'checkout');

  await page.getByRole('button', { name: 'Change amount' }).click();
  await page.getByLabel('Amount charged').fill('20');
  await expect(confirm).toHaveText('Say why the amount is different.');
  await page.getByLabel('Why it differs from the price').fill('Returning customer');
  await page.getByLabel('Customer e-mail (optional)').fill('lukas@example.com');
  await closeKeyboard(page);
  await expect(page.locator('.touch-keyboard')).toHaveCount(0);
  await confirm.click();
  const dialog = page.getByRole('dialog', { name: 'Confirm the sale' });
  await expect(dialog).toContainText('$20.00 by card terminal');
  await expect(dialog).toContainText('Catalogue price $25.00: Returning customer');
  await dialog.getByRole('button', { name: 'Sale done' }).click();

  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toContainText(names);
  await expect(receipt).toContainText('Video Only');
  await expect(receipt).toContainText('$20.00');
  await expect(receipt).toContainText('List price');
  await expect(receipt).toContainText('Card terminal');
  await expect(receipt).toContainText('lukas@example.com');
  await shot(page, 'receipt');

  // On paper only the receipt is left: no tabs, no delivery, no buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Copy to USB drive' })).toBeHidden();
  await expect(receipt).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });

  // Sold: off the ready list, on top of the recent sales.
  await tab(page, 'Sales').click();
  await expect(page.getByRole('article', { name: names })).toHaveCount(0);
  const row = page.getByRole('list', { name: 'Sales' }).getByRole('listitem').first();
  await expect(row).toContainText(`${names} · Video Only`);
  await expect(row).toContainText('Paid');
});

test('the files are handed over by a copy to the kiosk folder and by the download QR code', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await openNewestReceipt(page);

  await page.getByRole('button', { name: 'Copy to USB drive' }).click();
  await page.getByRole('button', { name: /The kiosk's deliveries folder/ }).click();
  await expect(page.getByText(/1 file \(.+\) copied and checked/)).toBeVisible({ timeout: 60_000 });
  const folder = path.join(dataDir, 'deliveries', 'MagnumStream');
  const [delivered] = readdirSync(folder);
  const files = readdirSync(path.join(folder, delivered!));
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/-video\.mp4$/);
  const video = await page.evaluate(async () => {
    const ready = await window.magnum.sales.list({ limit: 1 });
    const sale = ready.ok ? ready.value.items[0] : undefined;
    const checkout = sale ? await window.magnum.sales.checkout({ recordingId: sale.recordingId }) : null;
    return checkout?.ok ? checkout.value.flight.videoUrl : null;
  });
  const exported = path.join(dataDir, ...video!.split('?')[0]!.split('/').filter(Boolean));
  expect(statSync(path.join(folder, delivered!, files[0]!)).size).toBe(statSync(exported).size);

  // Shown by itself when the receipt opened.
  await expect(page.getByRole('img', { name: 'Download QR code' })).toBeVisible();
  const address = (await page.getByLabel('Download address').textContent())!.trim();
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{40,}$/);
  await shot(page, 'delivery-qr');

  // What a customer's phone gets: a page naming the sale's one file, and the file itself.
  const landing = await request.get(address);
  expect(landing.status()).toBe(200);
  expect(await landing.text()).toContain('video.mp4');
  const download = await request.get(`${address}/1`);
  expect(download.status()).toBe(200);
  expect((await download.body()).equals(readFileSync(exported))).toBe(true);
  expect((await request.get(`${address}/2`)).status()).toBe(404);
  expect((await request.get(address.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status()).toBe(404);
});

test('an admin refunds the sale with a reason; the flight is for sale again and a new price spares it', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const receipt = await openNewestReceipt(page);
  const names = (await receipt.locator('dd').first().textContent())!;

  await page.getByRole('button', { name: 'Refund sale' }).click();
  const dialog = page.getByRole('dialog', { name: 'Refund this sale?' });
  await expect(dialog.getByRole('button', { name: 'Say why first' })).toBeDisabled();
  await dialog.getByLabel('Reason').fill('Customer changed their mind');
  await closeKeyboard(page);
  await dialog.getByRole('button', { name: 'Refund $20.00' }).click();
  await expect(receipt).toContainText('Refunded: Customer changed their mind');
  await expect(page.getByRole('button', { name: 'Copy to USB drive' })).toHaveCount(0);

  await tab(page, 'Sales').click();
  await expect(page.getByRole('article', { name: names })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Sales' }).getByRole('listitem').first()).toContainText(
    'Refunded',
  );

  // The audit log keeps who refunded and why.
  await tab(page, 'Audit log').click();
  await page.getByRole('radio', { name: 'Refunded' }).click();
  await expect(page.getByRole('list', { name: 'Audit entries' })).toContainText(
    'Customer changed their mind',
  );

  // The reports follow at once: the refund is counted as such and is not revenue.
  const kpis = await page.evaluate(async () => {
    const day = new Date().toLocaleDateString('en-CA');
    const report = await window.magnum.reports.sales({ from: day, to: day });
    return report.ok ? report.value.kpis : null;
  });
  await tab(page, 'Reports').click();
  await page.getByRole('button', { name: 'Today', exact: true }).click();
  const refunds = page.getByRole('region', { name: 'Voided / refunded', exact: true });
  await expect(refunds).toContainText('0 / 1');
  await expect(refunds).toContainText('$0.00 / $20.00');
  expect(kpis?.refunded).toEqual({ count: 1, cents: 2000 });

  // A new catalogue price: the bundle shows it, the past sale keeps what was charged.
  await tab(page, 'Settings').click();
  await page.getByRole('button', { name: 'Bundles and prices →' }).click();
  await page.getByRole('button', { name: 'Edit Video Only' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit Video Only' });
  await editor.getByLabel('Price (USD)').fill('29.00');
  await expect(editor).toContainText('Past sales keep what was paid');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('list', { name: 'Bundles' })).toContainText('Video Only · $29.00');
  await shot(page, 'bundles');
  await tab(page, 'Sales').click();
  await expect(page.getByRole('list', { name: 'Sales' }).getByRole('listitem').first()).toContainText(
    '$20.00',
  );
});

test('crew sell in their own name at the catalogue price, and cannot undo a sale', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsManager(page, url);
  await dismissNotices(page);
  // The demo's crew have no PIN yet: the manager gives Tom one, as on the People screen.
  const tom = await page.evaluate(async () => {
    const people = await window.magnum.users.list({});
    const found = people.ok ? people.value.find((person) => person.name === 'Tom Reyes') : undefined;
    if (found) await window.magnum.users.resetPin({ id: found.id, pin: '1357' });
    return found?.id ?? null;
  });
  expect(tom).not.toBeNull();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: /^Tom Reyes/ }).click();
  await tapPin(page, '1357', 'Sign in');
  await expect(page.getByLabel('Signed in as')).toContainText('Tom Reyes');
  await dismissNotices(page);

  await tab(page, 'Sales').click();
  await expect(tab(page, 'Reports')).toHaveCount(0);
  const ready = page.getByRole('region', { name: 'Ready to sell' });
  const first = ready.getByRole('article').first();
  const names = (await first.getAttribute('aria-label'))!;
  await first.getByRole('button', { name: `Sell ${names}` }).click();
  await expect(page.getByRole('heading', { name: `Sell · ${names}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change amount' })).toHaveCount(0);
  await expect(page.locator('.checkout-seller')).toHaveText('Tom Reyes');

  await page.getByRole('radio', { name: /Video Only/ }).click();
  await page.getByRole('radio', { name: 'Cash' }).click();
  await page.locator('.checkout-confirm').click();
  const dialog = page.getByRole('dialog', { name: 'Confirm the sale' });
  // Sold before the video is made: the crew are told to deliver it once it is.
  await expect(dialog).toContainText(/Not made yet: video\. Deliver once it is made\./);
  await dialog.getByRole('button', { name: 'Sale done' }).click();

  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toContainText('Tom Reyes');
  await expect(receipt).toContainText('$29.00');
  await expect(page.getByRole('button', { name: 'Refund sale' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Void sale' })).toHaveCount(0);
});
