// Price rules from the screens on a copy of the run's demo flights: an admin adds a rule on the Price rules
// screen (reached from Bundles), checkout shows the bundle at the rule's price with the rule named, the sale
// is taken at that price, the receipt prints the rule and its discount, and the report shows list price,
// discounts and revenue — on screen and in the sales CSV. Switching the rule off puts checkout back at the
// catalogue price; deleting it asks first and leaves the sale's receipt as it was.
import { expect, test, type Page } from '@playwright/test';
import { demoDataDir, dismissNotices, signInAsManager, startOwnHost } from './support';

test.describe.configure({ mode: 'serial' });

let url = '';
let stop: (() => Promise<void>) | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const dataDir = await demoDataDir('magnum-price-rules-e2e-');
  const host = await startOwnHost(dataDir);
  url = host.url;
  stop = () => host.kill();
});
test.afterAll(async () => {
  await stop?.();
});

const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });
const closeKeyboard = (page: Page) => page.locator('.touch-keyboard [data-skbtn="{done}"]').click();
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}-1280x800.png` });

/** The money as the kiosk shows it in its currency (the demo's is USD). */
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

let soldTo = '';
let listCents = 0;

test('an admin adds a price rule, and checkout sells at its price with the reason on the receipt', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsManager(page, url);
  await dismissNotices(page);
  const catalogue = await page.evaluate(async () => {
    const list = await window.magnum.bundles.list({ includeInactive: false });
    return list.ok ? list.value.bundles.find((b) => b.code === 'video_only') : undefined;
  });
  expect(catalogue, 'the demo sells Video Only').toBeTruthy();
  listCents = catalogue!.priceCents;

  await tab(page, 'Settings').click();
  await page
    .getByRole('button', { name: /Bundles/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Price rules', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Price rules' })).toBeVisible();
  await expect(page.getByText('No price rules yet')).toBeVisible();

  await page.getByRole('button', { name: 'Add a rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a price rule' });
  const save = dialog.locator('.dialog-actions .button-primary');
  await expect(save).toHaveText('Give the rule a name.');
  await page.getByLabel('Name (printed on the receipt)').fill('Video deal');
  await dialog.getByRole('radio', { name: 'Bundle for less' }).click();
  await expect(save).toHaveText('Pick the bundle(s) it is for.');
  await dialog.getByRole('switch', { name: /Video Only/ }).click();
  await expect(save).toHaveText('Type the percent off, 1 to 99.');
  await page.getByLabel('Percent off').fill('10');
  await closeKeyboard(page);
  await expect(save).toHaveText('Save');
  await shot(page, 'price-rule-dialog');
  await save.click();
  await expect(dialog).toBeHidden();

  const rules = page.getByRole('list', { name: 'Price rules' });
  await expect(rules.getByRole('listitem')).toHaveCount(1);
  await expect(rules).toContainText('Video deal');
  await expect(rules).toContainText('Always · Video Only 10 % off');
  await expect(rules).toContainText('0 sold');
  await shot(page, 'price-rules');

  // Checkout: the rule's price, the list price struck through, the rule named.
  const priceCents = listCents - Math.round(listCents / 10);
  const names = await page.evaluate(async () => {
    const ready = await window.magnum.sales.ready({});
    return ready.ok ? ready.value.map((flight) => flight.passengerNames) : [];
  });
  expect(names.length, 'the demo has unsold filmed flights').toBeGreaterThan(0);
  soldTo = names[0]!;
  await tab(page, 'Sales').click();
  await page
    .getByRole('article', { name: soldTo })
    .getByRole('button', { name: `Sell ${soldTo}` })
    .click();
  await expect(page.getByRole('heading', { name: `Sell · ${soldTo}` })).toBeVisible();
  const videoOnly = page.getByRole('radio', { name: `Video Only, ${money(priceCents)}` });
  await expect(videoOnly).toContainText('Video deal −10 %');
  await expect(videoOnly).toContainText(money(listCents));
  await videoOnly.click();
  await page.getByRole('radio', { name: 'Cash' }).click();
  await expect(page.getByLabel('Amount to charge')).toHaveText(money(priceCents));
  await expect(page.getByLabel('Price rule')).toContainText(
    `List price ${money(listCents)} · Video deal −10 % −${money(listCents - priceCents)}`,
  );
  const confirm = page.locator('.checkout-confirm');
  await expect(confirm).toHaveText(`Take ${money(priceCents)}`);
  await shot(page, 'checkout-price-rule');
  await confirm.click();
  const sale = page.getByRole('dialog', { name: 'Confirm the sale' });
  await expect(sale).toContainText(`Video deal −10 % −${money(listCents - priceCents)}`);
  await sale.getByRole('button', { name: 'Sale done' }).click();

  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toContainText(soldTo);
  await expect(receipt).toContainText(`List price${money(listCents)}`);
  await expect(receipt).toContainText(`Video deal −10 %−${money(listCents - priceCents)}`);
  await expect(receipt).toContainText(`Paid${money(priceCents)}`);
  await expect(receipt).not.toContainText('Price changed');
  await shot(page, 'receipt-price-rule');
});

test('the report shows list price, discounts and revenue, and the CSV has the rule', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsManager(page, url);
  await dismissNotices(page);
  const discount = Math.round(listCents / 10);
  // The demo's own sales are at list price: the discount tile is this sale's alone.
  await tab(page, 'Reports').click();
  await expect(page.getByRole('heading', { name: 'Sales report' })).toBeVisible();
  const tile = (name: string) => page.getByRole('region', { name, exact: true });
  await expect(tile('Discounts')).toContainText(money(discount));
  await expect(tile('Discounts')).toContainText(`${money(discount)} by price rules · $0.00 by hand`);
  const figures = await page.evaluate(async () => {
    const today = new Date();
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const from = new Date(today.getTime() - 6 * 86_400_000);
    const report = await window.magnum.reports.sales({ from: day(from), to: day(today) });
    const csv = await window.magnum.reports.csv({ from: day(from), to: day(today), kind: 'sales' });
    return report.ok && csv.ok ? { kpis: report.value.kpis, csv: csv.value.csv } : null;
  });
  expect(figures).not.toBeNull();
  const { kpis, csv } = figures!;
  expect(kpis.ruleDiscountCents).toBe(discount);
  expect(kpis.listPriceCents - kpis.ruleDiscountCents - kpis.manualDiscountCents).toBe(kpis.revenueCents);
  await expect(tile('List price')).toContainText(money(kpis.listPriceCents));
  await expect(tile('Revenue')).toContainText(money(kpis.revenueCents));
  await expect(page.getByRole('region', { name: 'Price rules' })).toContainText('Video deal −10 %');
  expect(csv.split('\r\n')[0]).toContain('List price,Price rule,Rule discount');
  expect(csv).toContain(
    `${((listCents - discount) / 100).toFixed(2)},${(listCents / 100).toFixed(2)},Video deal −10 %,${(discount / 100).toFixed(2)},USD`,
  );
  await page.getByRole('region', { name: 'Discounts' }).scrollIntoViewIfNeeded();
  await shot(page, 'report-discounts');
});

test('switched off, checkout is back at the catalogue price; deleting asks and keeps the receipt', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsManager(page, url);
  await dismissNotices(page);
  await page.goto(`${url}#/pricing`);
  const rules = page.getByRole('list', { name: 'Price rules' });
  await expect(rules).toContainText('1 sold');
  await page.getByRole('button', { name: 'Switch off Video deal' }).click();
  await expect(rules.getByRole('listitem').first()).toContainText('Off');

  const next = await page.evaluate(async () => {
    const ready = await window.magnum.sales.ready({});
    return ready.ok ? ready.value[0]?.passengerNames : undefined;
  });
  if (next) {
    await tab(page, 'Sales').click();
    await page
      .getByRole('article', { name: next })
      .getByRole('button', { name: `Sell ${next}` })
      .click();
    await expect(page.getByRole('radio', { name: `Video Only, ${money(listCents)}` })).not.toContainText(
      'Video deal',
    );
    await page.goto(`${url}#/pricing`);
  }

  await page.getByRole('button', { name: 'Delete Video deal' }).click();
  const ask = page.getByRole('dialog', { name: 'Delete “Video deal”?' });
  await expect(ask).toContainText('keep their discount');
  await ask.getByRole('button', { name: 'Keep it' }).click();
  await expect(rules.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Delete Video deal' }).click();
  await ask.getByRole('button', { name: 'Delete the rule' }).click();
  await expect(page.getByText('No price rules yet')).toBeVisible();

  // The sale keeps its discount and the rule's name on the receipt.
  await tab(page, 'Sales').click();
  await page
    .getByRole('list', { name: 'Sales' })
    .getByRole('button', { name: /^Receipt for / })
    .first()
    .click();
  await expect(page.getByRole('article', { name: 'Receipt' })).toContainText('Video deal −10 %');
});
