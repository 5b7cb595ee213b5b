// The sales report on the demo flights: a kiosk host of this file's own on its own copy of the run's demo data.
// The manager opens Reports, the tiles agree with the flights as the dashboard's channel lists them, a CSV
// downloads with the sale in it, and the screen fits 1280×800 and 1920×1080 without sideways scrolling.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signInAsManager, useDemoHost } from './support';

test.describe.configure({ mode: 'serial' });

const demo = useDemoHost('magnum-reports-e2e-');

interface Expected {
  flights: number;
  sold: number;
  revenueCents: number;
  soldPassengers: string[];
  unsoldPassengers: string[];
}

/** What the last 7 days should show, worked out from the flights list (flight days on the browser's clock). */
async function expectedLastSevenDays(page: Page): Promise<Expected> {
  return page.evaluate(async () => {
    const dayOf = (at: Date) =>
      `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
    const first = new Date();
    first.setDate(first.getDate() - 6);
    const [from, to] = [dayOf(first), dayOf(new Date())];
    const list = await window.magnum.recordings.list({ limit: 200 });
    if (!list.ok) throw new Error(list.error.message);
    const inRange = list.value.items.filter((f) => {
      const day = dayOf(new Date(f.flightAt));
      return day >= from && day <= to;
    });
    const sold = inRange.filter((f) => f.sold);
    return {
      flights: inRange.length,
      sold: sold.length,
      revenueCents: sold.reduce((sum, f) => sum + f.salesTotalCents, 0),
      soldPassengers: sold.map((f) => f.passengerNames),
      unsoldPassengers: inRange.filter((f) => !f.sold).map((f) => f.passengerNames),
    };
  });
}

const tile = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const money = (cents: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the manager reads the sales report of the demo flights and downloads its CSV', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsManager(page, demo.host.url);
  const expected = await expectedLastSevenDays(page);
  // The demo's shape, so a wrong expectation cannot pass quietly: four flights, one sold.
  expect([expected.flights, expected.sold]).toEqual([4, 1]);

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Sales report' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute('aria-pressed', 'true');

  await expect(tile(page, 'Flights')).toContainText(String(expected.flights));
  await expect(tile(page, 'Revenue')).toContainText(money(expected.revenueCents));
  await expect(tile(page, 'Revenue')).toContainText(`${expected.sold} sale`);
  await expect(tile(page, 'Conversion')).toContainText(
    `${Math.round((expected.sold / expected.flights) * 100)}%`,
  );
  await expect(tile(page, 'Conversion')).toContainText(
    `${expected.sold} of ${expected.flights} flights sold`,
  );
  await expect(tile(page, 'Average sale')).toContainText(money(expected.revenueCents / expected.sold));
  await expect(tile(page, 'Not bought yet')).toContainText(String(expected.flights - expected.sold));

  const notBought = page.getByRole('list', { name: 'Flights not bought' });
  for (const name of expected.unsoldPassengers) await expect(notBought).toContainText(name);
  for (const name of expected.soldPassengers) await expect(notBought).not.toContainText(name);
  // Lukas Brandt did not agree to be contacted: the list says so instead of his phone number.
  await expect(notBought.getByRole('listitem').filter({ hasText: 'Lukas Brandt' })).toContainText(
    'Did not agree to be contacted',
  );

  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: 'test-results/screens/reports-1280x800.png' });
  await page.screenshot({ path: 'test-results/screens/reports-full-1280x800.png', fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV: Every sale' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^magnumstream-sales-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'Sold at,Receipt,Passengers,Flight at,Bundle,Amount,List price,Price rule,Rule discount,Currency,Payment,Sold by,Pilot,Status,Reason',
  );
  expect(lines).toHaveLength(1 + expected.sold);
  expect(lines[1]).toContain(`,${expected.soldPassengers[0]},`);
  expect(lines[1]).toContain(`,${(expected.revenueCents / 100).toFixed(2)},`);
  expect(lines[1]).toContain(',Completed,');

  await page.getByRole('button', { name: 'Today', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Today', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(tile(page, 'Flights')).toBeVisible();

  await page.getByRole('button', { name: 'Pick days…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Report for these days' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/reports-pick-days-1280x800.png' });
  // Today as first and last day: a range of one day of the manager's own.
  await dialog.getByRole('gridcell', { name: /^Today, / }).click();
  await dialog.getByRole('gridcell', { name: /^Today, / }).click();
  await expect(dialog).toContainText('Today to Today: 1 day.');
  await dialog.getByRole('button', { name: 'Show report' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Pick days…' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.reports .screen-heading .lead')).toHaveText('Today');

  await page.getByRole('button', { name: 'Last 30 days' }).click();
  await expect(tile(page, 'Flights')).toContainText(String(expected.flights));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: 'test-results/screens/reports-1920x1080.png' });
  await page.screenshot({ path: 'test-results/screens/reports-full-1920x1080.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
});
