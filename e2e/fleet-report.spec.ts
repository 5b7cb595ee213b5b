// The Reports screen's "All airfields": a kiosk host given a central database (tests/support/fleet-report-host.ts:
// a private PostgreSQL filled from two real kiosks, moved so their story ends yesterday). The manager picks All
// airfields, each airfield's row says what its kiosk's own report says, the totals are per currency, and the
// screen fits 1280×800 and 1920×1080. With a central database that cannot be reached the screen says so in plain
// words; once none is set, the choice goes away.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { expect, test, type Page } from '@playwright/test';
import type { SalesReportView } from '../src/shared/reports';
import { signInAsManager } from './support';

test.describe.configure({ mode: 'serial' });

const DAY_MS = 86_400_000;

let host: ChildProcessWithoutNullStreams;
let replies: AsyncIterator<string>;
let lines: Interface;
let url: string;
let appPassword: string;
let output = '';

async function nextLine(): Promise<string> {
  const line = await replies.next();
  if (line.done) throw new Error(`the fleet host ended:\n${output}`);
  return line.value;
}

async function ask<T>(command: unknown): Promise<T> {
  host.stdin.write(`${JSON.stringify(command)}\n`);
  return JSON.parse(await nextLine()) as T;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  host = spawn('node_modules/.bin/tsx', ['tests/support/fleet-report-host.ts'], { stdio: 'pipe' });
  host.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  lines = createInterface({ input: host.stdout });
  replies = lines[Symbol.asyncIterator]();
  ({ url, appPassword } = JSON.parse(await nextLine()) as { url: string; appPassword: string });
});

test.afterAll(async () => {
  if (!host) return;
  const ended = new Promise((resolve) => host.once('exit', resolve));
  host.stdin.end();
  await ended;
  lines?.close();
});

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function openReports(page: Page): Promise<void> {
  await signInAsManager(page, url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Sales report' })).toBeVisible();
}

const scopesOf = (page: Page) => page.getByRole('radiogroup', { name: 'Airfields in the report' });

test('the manager reads every airfield’s figures, each as its kiosk reports it', async ({ page }) => {
  test.setTimeout(120_000);
  await ask({ central: 'set' });
  await openReports(page);
  const scopes = scopesOf(page);
  await page.getByRole('button', { name: 'Last 30 days' }).click();
  await scopes.getByRole('radio', { name: 'All airfields' }).click();
  await expect(scopes.getByRole('radio', { name: 'All airfields' })).toHaveAttribute('aria-checked', 'true');
  const table = page.getByRole('table', { name: 'Figures by airfield' });
  await expect(table).toBeVisible();
  await expect(page.locator('.reports .screen-heading .lead')).toContainText('all airfields');

  // The kiosks' own reports of the same days: the last 30 on the screen's clock.
  const today = await page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });
  const from = new Date(Date.parse(today) - 29 * DAY_MS).toISOString().slice(0, 10);
  const own = await ask<Record<string, SalesReportView>>({ ownReports: { from, to: today } });
  for (const [name, report] of Object.entries(own)) {
    const { kpis } = report;
    expect(kpis.flights).toBeGreaterThan(0);
    await expect(
      table
        .getByRole('row', { name: new RegExp(`^${name}`) })
        .first()
        .locator('td'),
    ).toHaveText([
      String(kpis.flights),
      String(kpis.flightsSold),
      percent(kpis.conversion),
      String(kpis.sales),
      money(kpis.revenueCents, report.currency),
    ]);
  }
  // Zurich's sale in USD has a row of its own and counts in the USD total, never in CHF's.
  const zurich = own['Zurich hangar'] as SalesReportView;
  const denver = own['Denver Rocky Mountain'] as SalesReportView;
  const zurichUsd = zurich.otherCurrencies.find((o) => o.currency === 'USD');
  expect(zurichUsd?.sales).toBe(1);
  const revenueOf = (row: RegExp) => table.getByRole('row', { name: row }).locator('td').nth(4);
  await expect(revenueOf(/^Zurich hangar, in USD/)).toHaveText(money(zurichUsd?.revenueCents ?? 0, 'USD'));
  await expect(revenueOf(/^All airfields, CHF/)).toHaveText(money(zurich.kpis.revenueCents, 'CHF'));
  await expect(revenueOf(/^All airfields, USD/)).toHaveText(
    money(denver.kpis.revenueCents + (zurichUsd?.revenueCents ?? 0), 'USD'),
  );
  await expect(page.getByRole('region', { name: 'Flights', exact: true })).toContainText(
    String(zurich.kpis.flights + denver.kpis.flights),
  );
  await expect(page.getByRole('region', { name: 'Revenue by day (USD)' })).toBeVisible();

  // Big enough for a gloved finger.
  for (const radio of await scopes.getByRole('radio').all()) {
    expect((await radio.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
  }
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: 'test-results/screens/reports-fleet-1280x800.png' });
  await page.screenshot({ path: 'test-results/screens/reports-fleet-full-1280x800.png', fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: 'test-results/screens/reports-fleet-1920x1080.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Back to this airfield: the kiosk's own report again.
  await scopes.getByRole('radio', { name: 'This airfield' }).click();
  await expect(page.getByRole('region', { name: 'Not bought yet' })).toBeVisible();
  await expect(table).toBeHidden();
});

test('says in plain words when the central database cannot be reached', async ({ page }) => {
  await ask({ central: 'unreachable' });
  await openReports(page);
  await scopesOf(page).getByRole('radio', { name: 'All airfields' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The report of all airfields could not be made');
  await expect(alert).toContainText(
    'Cannot reach the central database (database fleet on 127.0.0.1:1 as magnum_app)',
  );
  await expect(alert).not.toContainText(appPassword);
  await page.screenshot({ path: 'test-results/screens/reports-fleet-unreachable-1280x800.png' });
});

test('stops offering All airfields once the central database is taken away', async ({ page }) => {
  await ask({ central: 'set' });
  await openReports(page);
  await scopesOf(page).getByRole('radio', { name: 'All airfields' }).click();
  await expect(page.getByRole('table', { name: 'Figures by airfield' })).toBeVisible();

  await ask({ central: 'none' });
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page.getByRole('alert')).toContainText('This kiosk has no central database set');
  // Coming back to Reports asks again: the screen returns to this airfield's report, without the choice.
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('button', { name: 'Settings' }).click();
  await nav.getByRole('button', { name: 'Reports' }).click();
  await expect(page.getByRole('region', { name: 'Not bought yet' })).toBeVisible();
  await expect(scopesOf(page)).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
