// The E-mail screen against a real SMTP server started by the test: the manager sets the account up, the
// password field stays empty afterwards (it says a password is saved), "Send a test" shows the server's answer,
// and a wrong password is named in plain words.
import { expect, test, type Page } from '@playwright/test';
import { startTestSmtpServer, type TestSmtpServer } from '../src/main/mail/test-support';
import { dismissNotices, ownHostPerFile, signInAsManager } from './support';

test.describe.configure({ mode: 'serial' });

const PASSWORD = 'Glider-Thermal-2026';
const own = ownHostPerFile('mail');
let server: TestSmtpServer;

test.beforeAll(async () => {
  server = await startTestSmtpServer({ user: 'kiosk', password: PASSWORD });
});
test.afterAll(async () => {
  await server?.close();
});

async function openMail(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsManager(page, own.host.url);
  await dismissNotices(page);
  await page.goto(`${own.host.url}#/settings`);
  await page.getByRole('button', { name: 'E-mail →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E-mail' })).toBeVisible();
}

test('the manager sets up the mail server and sends a test', async ({ page }) => {
  await openMail(page);
  await page.getByLabel('Server name').fill('127.0.0.1');
  await page.getByRole('radio', { name: 'None (port 25)' }).click();
  await page.getByLabel('Port').fill(String(server.port));
  await page.getByLabel('User name').fill('kiosk');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel(/^Sender address/).fill('flights@airfield.example');
  await page.screenshot({ path: 'test-results/screens/mail-keyboard-1280.png' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
  await expect(page.getByText(/The password is kept encrypted with this kiosk’s own key\./)).toBeVisible();
  await expect(page.getByLabel('Password (saved; type to replace it)')).toHaveValue('');

  await page.getByLabel('To', { exact: true }).fill('manager@example.com');
  await page.getByRole('button', { name: 'Send a test', exact: true }).click();
  await expect(page.getByText(/Sent to manager@example.com\. The server answered: 250 /)).toBeVisible();
  expect(server.accepted.map((mail) => mail.to)).toEqual([['manager@example.com']]);
  await page.screenshot({ path: 'test-results/screens/mail-1280.png', fullPage: true });
  await page.screenshot({ path: 'test-results/screens/mail-fold-1280.png' });
});

test('a wrong password is named in plain words', async ({ page }) => {
  await openMail(page);
  await page.getByLabel(/^Password/).fill('Not-The-Password');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
  await page.getByLabel('To', { exact: true }).fill('manager@example.com');
  await page.getByRole('button', { name: 'Send a test', exact: true }).click();
  await expect(
    page.getByText('The mail server refused the password. Check the user and password.'),
  ).toBeVisible();
  expect(server.accepted).toHaveLength(1);
  await page.screenshot({ path: 'test-results/screens/mail-refused-1280.png' });
});
