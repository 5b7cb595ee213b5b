// The customer's whole visit, on a kiosk host of this file's own with fake cameras 0 and 2, a USB drive root the
// kiosk watches (MAGNUM_TEST_DRIVES_DIR) and a real SMTP server started here on 127.0.0.1: the passenger checks
// in on a tablet (a second browser context) and signs the waiver; the crew turn it into a flight, film it (a
// signed waiver is required by the settings), sell the video the kiosk made by itself at the price a rule gives;
// the receipt shows the download QR without a tap, a drive plugged in gets a checked copy by itself, and the
// receipt e-mail reaches the mail server once, with the download link.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestSmtpServer, type TestSmtpServer } from '../src/main/mail/test-support';
import {
  checkInByApi,
  dismissNotices,
  signInAsManager,
  startOwnHostWithDrives,
  useMovingFakeCameras,
  waitUntilRecording,
  type OwnHost,
  signOnPad,
} from './support';

test.describe.configure({ mode: 'serial' });

let host: OwnHost | undefined;
let smtp: TestSmtpServer | undefined;
let dataDir = '';
let drives = '';

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'magnum-journey-e2e-'));
  drives = mkdtempSync(path.join(tmpdir(), 'magnum-journey-drives-'));
  smtp = await startTestSmtpServer();
  host = await startOwnHostWithDrives(dataDir, drives, [
    '--download-port',
    '0',
    '--download-host',
    '127.0.0.1',
  ]);
});

test.afterAll(async () => {
  await host?.kill();
  await smtp?.close();
  for (const dir of [dataDir, drives]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const PASSENGER = 'Rosa Journey';
const EMAIL = 'rosa.journey@example.com';
const PILOT = { name: 'Capt. Noor Haddad', pin: '8642' };
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/journey-${name}-1280x800.png` });

async function filmScene(page: Page, scene: string): Promise<void> {
  await page.getByRole('button', { name: `Start ${scene}` }).click();
  await waitUntilRecording(page);
  await page.waitForTimeout(3_000);
  await page.getByRole('button', { name: `Stop ${scene}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${scene} saved` })).toBeVisible({
    timeout: 20_000,
  });
}

test('self check-in with a signature → flight → film → sale at a rule price → QR, drive and e-mail by themselves', async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  const kiosk = host!;
  const mail = smtp!;

  // The manager sets the kiosk up: a pilot, the cameras, short scenes, a signed waiver required before filming,
  // a price rule, and the SMTP account of the mail server this test started.
  await signInAsManager(page, kiosk.url);
  await dismissNotices(page);
  await useMovingFakeCameras(page);
  const setup = await page.evaluate(
    async ({ pilot, port }) => {
      const results = [
        await window.magnum.users.create({ name: pilot.name, role: 'pilot', pin: pilot.pin }),
        await window.magnum.settings.update({ minSceneSeconds: 2, requireWaiver: true }),
        await window.magnum.pricing.save({
          name: 'Souvenir deal',
          condition: { kind: 'bundle' },
          bundles: ['video_only'],
          effect: { type: 'percent_off', value: 20 },
          active: true,
        }),
        await window.magnum.mail.saveSettings({
          host: '127.0.0.1',
          port,
          tls: 'none',
          user: '',
          from: 'flights@airfield.example',
          followUpEnabled: false,
          followUpHours: 24,
        }),
      ];
      return results.filter((result) => !result.ok);
    },
    { pilot: PILOT, port: mail.port },
  );
  expect(setup, 'every setup call succeeded').toEqual([]);

  // A flight checked in by the crew without a waiver cannot be filmed while a waiver is required: the screen
  // says why and what to do.
  const unsigned = await checkInByApi(page, 'Nils Unsigned');
  await page.goto(`${kiosk.url}#/capture/${unsigned}`);
  await page.getByRole('button', { name: 'Start Cruising' }).click();
  await expect(page.getByText(/This flight has no signed waiver/)).toBeVisible();
  await shot(page, 'no-waiver');

  // The tablet: locked to passenger check-in by the manager; the passenger fills the form and signs.
  const tablet = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const b = await tablet.newPage();
  await signInAsManager(b, `${kiosk.url}#/waiver`);
  await b.goto(`${kiosk.url}#/waiver`);
  await b.getByRole('button', { name: 'Turn this screen into passenger check-in' }).click();
  await b.getByRole('dialog').getByRole('button', { name: 'Turn into check-in' }).click();
  await expect(b.getByRole('heading', { name: 'Welcome aboard — please check in' })).toBeVisible();
  await b.getByLabel('Passenger 1: full name').fill(PASSENGER);
  await signOnPad(b, 'Signature of passenger 1');
  await b.getByLabel('E-mail (optional, for your video)').fill(EMAIL);
  await b.getByLabel('Where are you from? (optional)').fill('Valencia');
  await b.getByRole('radio', { name: 'Vacation' }).click();
  await b.getByRole('checkbox', { name: /I have read the waiver/ }).click();
  const keyboardDone = b.locator('.touch-keyboard [data-skbtn="{done}"]');
  if (await keyboardDone.isVisible()) await keyboardDone.click();
  await b.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(b.getByText('Thank you, Rosa!')).toBeVisible();
  await tablet.close();

  // The crew turn the waiting check-in into a flight, with its pilot, and film its three scenes.
  await page.goto(`${kiosk.url}#/checkin`);
  const row = page
    .getByRole('region', { name: 'Waiting self check-ins' })
    .getByRole('button', { name: new RegExp(PASSENGER) });
  await expect(row).toContainText('Waiver signed ✓');
  await row.click();
  const dialog = page.getByRole('dialog', { name: `Flight for ${PASSENGER}` });
  await dialog.getByRole('button', { name: PILOT.name }).click();
  await dialog.getByRole('button', { name: 'Create flight' }).click();
  await expect(page).toHaveURL(/#\/capture\//);
  await expect(page.locator('.capture-heading .lead')).toContainText(
    'From Valencia · Vacation · Waiver signed ✓',
  );
  for (const scene of ['Cruising', 'Chase', 'Arrival']) await filmScene(page, scene);

  // The kiosk makes the video by itself; checkout offers it at the rule's price.
  const video = page.getByRole('region', { name: 'The souvenir video' });
  await expect(video).toContainText('Video ready', { timeout: 180_000 });
  await page.getByRole('button', { name: 'Sell now' }).click();
  await expect(page.getByRole('heading', { name: `Sell · ${PASSENGER}` })).toBeVisible();
  const videoOnly = page.getByRole('radio', { name: /^Video Only, \$20\.00$/ });
  await expect(videoOnly).toHaveAttribute('aria-checked', 'true');
  await expect(videoOnly).toContainText('Souvenir deal −20 %');
  await page.getByRole('radio', { name: 'Card terminal' }).click();
  await shot(page, 'checkout');
  await page.locator('.checkout-confirm').click();
  await page
    .getByRole('dialog', { name: 'Confirm the sale' })
    .getByRole('button', { name: 'Sale done' })
    .click();

  // From here on no tap: the receipt names the rule and shows the download QR by itself.
  const receipt = page.getByRole('article', { name: 'Receipt' });
  await expect(receipt).toContainText(PASSENGER);
  await expect(receipt).toContainText('Souvenir deal −20 %−$5.00');
  await expect(receipt).toContainText('Paid$20.00');
  await expect(page.getByRole('img', { name: 'Download QR code' })).toBeVisible();
  const address = (await page.getByLabel('Download address').textContent())!.trim();
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{43}$/);
  await shot(page, 'receipt');

  // The customer's drive, plugged in while the receipt is open: copied and checked by itself.
  const stick = path.join(drives, 'ROSA-STICK');
  mkdirSync(stick);
  await expect(page.getByText('Safe to remove the drive')).toBeVisible({ timeout: 60_000 });
  const copied = readdirSync(path.join(stick, 'MagnumStream'), { recursive: true, encoding: 'utf8' });
  expect(
    copied.some((name) => name.endsWith('.mp4')),
    `the video is on the drive: ${copied.join(', ')}`,
  ).toBe(true);

  // The receipt e-mail to the address the passenger typed on the tablet: it reaches the mail server once.
  await page.getByRole('button', { name: 'E-mail later' }).click();
  await expect(page.getByLabel('Customer’s e-mail')).toHaveValue(EMAIL);
  await page.getByRole('button', { name: 'Send when online' }).click();
  await expect.poll(() => mail.accepted.length, { timeout: 60_000 }).toBe(1);
  const [message] = mail.accepted;
  expect(message!.to).toEqual([EMAIL]);
  expect(message!.raw).toContain(PASSENGER);
  expect(message!.raw.replace(/=\r?\n/g, '')).toMatch(/http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{43}/);
  await expect(page.getByRole('list', { name: 'E-mails of this sale' })).toContainText(EMAIL);
  await page.waitForTimeout(2_000);
  expect(mail.accepted, 'sent once').toHaveLength(1);
});
