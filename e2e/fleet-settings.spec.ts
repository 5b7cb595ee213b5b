// Settings → Central database (fleet) on a kiosk of its own: the manager pastes an address with the password in
// it, saves, and sees it back without the password; a bad address is refused under its field in plain words;
// the address is a port on 127.0.0.1 where nothing listens, so the sync agent, Test connection and Sync now say
// plainly that nothing answers there; and once signed out, the status strip under the sign-in screen says so too.
import { expect, test, type Page } from '@playwright/test';
import { dismissNotices, ownHostPerFile, signInAsManager } from './support';

test.describe.configure({ mode: 'serial' });

const PASSWORD = 'Windsock-Orange-8817';
const own = ownHostPerFile('fleet');

async function openFleetSection(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsManager(page, own.host.url);
  await dismissNotices(page);
  await page.goto(`${own.host.url}#/settings`);
  const section = page.getByRole('region', { name: 'Central database (fleet)' });
  await expect(section.getByRole('status', { name: 'Sync status' })).toBeVisible();
  return section;
}

test('the manager sets up the central database; the password never comes back', async ({ page }) => {
  const section = await openFleetSection(page);
  await expect(section.getByRole('status', { name: 'Sync status' })).toHaveText(/^Not set up/);
  await expect(section.getByRole('button', { name: 'Test connection' })).toBeDisabled();

  const address = section.getByLabel(/^Address/);
  await address.click();
  // The on-screen keyboard for addresses has the keys one needs: postgres://, @, :, / and ?.
  for (const key of ['postgres://', 'k', '@'])
    await page.locator(`.touch-keyboard [data-skbtn="${key}"]`).click();
  await expect(address).toHaveValue('postgres://k@');
  await page.screenshot({ path: 'test-results/screens/fleet-keyboard-1280.png' });
  await address.fill('mysql://kiosk@db.example.com/fleet');
  await section.getByLabel(/^Airfield name/).fill('Alpine Field');
  await section.getByRole('button', { name: 'Save central database' }).click();
  await expect(section.getByText(/starts with postgres:\/\/ or postgresql:\/\//)).toBeVisible();

  // Port 1: nothing listens there (5432 may be taken by a PostgreSQL the machine runs).
  await address.fill(`postgres://kiosk:${PASSWORD}@127.0.0.1:1/fleet`);
  await section.getByRole('button', { name: 'Save central database' }).click();
  await expect(section.getByText(/The password is kept encrypted with this kiosk’s own key\./)).toBeVisible();
  await expect(address).toHaveValue('postgres://kiosk@127.0.0.1:1/fleet');
  await expect(
    section.getByText('The central database is on this computer: nothing crosses a network.'),
  ).toBeVisible();
  await expect(section.getByLabel('Password (saved; type to replace it)')).toHaveValue('');
  // The agent notices the saved settings within half a second, tries, and says why it did not get through;
  // the status every screen hears leaves out where the database is (Test connection says it, to the admin).
  await expect(section.getByRole('status', { name: 'Sync status' })).toHaveText(
    /^Not synced: Cannot reach the central database: nothing answers/,
  );
  expect(await page.content()).not.toContain(PASSWORD);

  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(
    section.getByText(/^Cannot reach the central database \(database fleet on 127\.0\.0\.1:1 as kiosk\)/),
  ).toBeVisible();
  await section.getByRole('button', { name: 'Sync now' }).click();
  await expect(section.getByText(/^Sync now: Cannot reach the central database/)).toBeVisible();

  await page.keyboard.press('Escape');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/fleet-settings-1280.png' });
  await page.screenshot({ path: 'test-results/screens/fleet-settings-full-1280.png', fullPage: true });
  await section.screenshot({ path: 'test-results/screens/fleet-section-1280.png' });

  // An address that takes any certificate is saved, with a warning of what that lets a machine on the network do.
  await address.fill('postgres://kiosk@127.0.0.1:1/fleet?sslmode=no-verify');
  await section.getByRole('button', { name: 'Save central database' }).click();
  await expect(address).toHaveValue('postgres://kiosk@127.0.0.1:1/fleet?sslmode=no-verify');
  await expect(section.getByRole('note')).toContainText(
    'a machine on the network could pose as the central database',
  );
  await page.keyboard.press('Escape');
  await section.getByRole('note').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/fleet-settings-no-verify-1280.png' });

  // Every button of the section is a touch target.
  for (const button of await section.getByRole('button').all()) {
    const box = await button.boundingBox();
    expect(box?.height ?? 0, (await button.textContent()) ?? '').toBeGreaterThanOrEqual(48);
  }
});

test('the status strip under the sign-in screen says why syncing does not go through', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsManager(page, own.host.url);
  await dismissNotices(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  const strip = page.locator('footer.status-strip');
  await expect(strip.getByText(/^Not synced: Cannot reach the central database/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/fleet-status-strip-1280.png' });
  await strip.screenshot({ path: 'test-results/screens/fleet-status-strip-only-1280.png' });
});
