// Start at login on the browser kiosk host: the setting is shown but cannot be chosen, with a line saying it is
// for the desktop app; saved through the contract it is kept, and the answer says this host cannot apply it.
import { expect, test } from '@playwright/test';
import { dismissNotices, expectNoHorizontalOverflow, ownHostPerFile, signInAsManager } from './support';

const own = ownHostPerFile('start-at-login');

for (const [width, height] of [
  [1280, 800],
  [1920, 1080],
] as const) {
  test(`the browser kiosk shows start at login as for the desktop app only (${width}×${height})`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await signInAsManager(page, own.host.url);
    await dismissNotices(page);
    await page.goto(`${own.host.url}#/settings`);
    const choice = page.getByRole('radiogroup', { name: 'Start MagnumStream when this computer starts' });
    await choice.scrollIntoViewIfNeeded();
    await expect(choice.getByRole('radio', { name: 'No, start it by hand' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    for (const radio of await choice.getByRole('radio').all()) await expect(radio).toBeDisabled();
    await expect(page.getByText('Only the desktop app can start with the computer.')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    for (const radio of await choice.getByRole('radio').all()) {
      const box = (await radio.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(48);
    }
    await page.screenshot({ path: `test-results/screens/settings-start-at-login-${width}.png` });
  });
}

test('saved through the contract, start at login is kept and the answer says this host cannot apply it', async ({
  page,
}) => {
  await signInAsManager(page, own.host.url);
  const saved = await page.evaluate(() => window.magnum.settings.update({ startAtLogin: true }));
  expect(saved).toMatchObject({
    ok: true,
    value: { startAtLogin: true, startAtLoginStatus: { supported: false, problem: null } },
  });
  const read = await page.evaluate(() => window.magnum.settings.get({}));
  expect(read).toMatchObject({ ok: true, value: { startAtLogin: true } });
  await page.goto(`${own.host.url}#/settings`);
  await expect(
    page
      .getByRole('radiogroup', { name: 'Start MagnumStream when this computer starts' })
      .getByRole('radio', { name: 'Yes, after every restart' }),
  ).toHaveAttribute('aria-checked', 'true');
  // Saving the screen sends the stored values back, not what the host made of them.
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
});
