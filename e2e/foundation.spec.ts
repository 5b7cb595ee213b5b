import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

test('the kiosk status shows the version and database status fetched over the real transport', async ({
  page,
}) => {
  await page.goto('/#/status');
  const database = page.getByRole('article', { name: 'Database' });
  await expect(database.getByText('Ready')).toBeVisible();
  await expect(database.getByText('Schema version')).toBeVisible();
  await expect(database.getByText('WAL')).toBeVisible();
  await expect(page.getByRole('article', { name: 'App' })).toContainText(`Version ${version}`);
  await expect(page.getByRole('article', { name: 'App' })).toContainText('Browser kiosk');
  await expect(page.getByRole('article', { name: 'Video export' }).getByText('Ready')).toBeVisible();

  await page.screenshot({ path: 'test-results/screens/status-1280x800.png', fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/status-1920x1080.png', fullPage: true });
});

test('a channel called with bad input returns a typed validation error and the host keeps serving', async ({
  page,
}) => {
  await page.goto('/#/status');
  await expect(page.getByRole('article', { name: 'Database' }).getByText('Ready')).toBeVisible();

  const refused = await page.evaluate(() =>
    (window.magnum.system.info as (input: unknown) => Promise<unknown>)({ bogus: 1 }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

  const wrongTypes = await page.evaluate(() =>
    (window.magnum.system.reportRendererError as (input: unknown) => Promise<unknown>)({ screen: 7 }),
  );
  expect(wrongTypes).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(
    (wrongTypes as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path),
  ).toEqual(expect.arrayContaining(['screen', 'message']));

  const afterwards = await page.evaluate(() => window.magnum.system.info({}));
  expect(afterwards).toMatchObject({ ok: true, value: { appName: 'MagnumStream' } });
  await page.reload();
  await expect(page.getByRole('article', { name: 'Database' }).getByText('Ready')).toBeVisible();
});

test('the page is served with a strict content security policy and window.magnum cannot be replaced', async ({
  page,
}) => {
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  const replaced = await page.evaluate(() => {
    try {
      (window as unknown as { magnum: unknown }).magnum = { system: {} };
    } catch {
      // strict-mode assignment to a read-only property throws; either way it must stay ours
    }
    return typeof window.magnum.system.info;
  });
  expect(replaced).toBe('function');
});

test('the browser under test has four fake cameras that getUserMedia can open (the capture tests use 0 and 2)', async ({
  page,
}) => {
  await page.goto('/');
  const cameras = await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    stream.getTracks().forEach((track) => track.stop());
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((device) => device.kind === 'videoinput').length;
  });
  expect(cameras).toBe(4);
});
