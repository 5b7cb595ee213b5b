// Reporting a problem and kiosk health, as the crew and the manager do it on a kiosk host of this file's own: a
// crew member reports a camera problem about today's flight with the on-screen keyboard and saves diagnostics
// into the kiosk's deliveries folder; the manager sees the report, resolves it with a note, then opens Kiosk
// health from Settings and runs the integrity check.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MANAGER, ownHostPerFile, signInAsManager, tapPin } from './support';

test.describe.configure({ mode: 'serial' });

const own = ownHostPerFile('problems');
const CREW = { name: 'Tom Reyes', pin: '1357' };
const PASSENGERS = 'Sofia Martinez & Diego Ruiz';
const SHOTS = 'test-results/screens';

/** Taps each character on the on-screen keyboard, with Shift for capitals, as a gloved finger would. */
async function tapKeys(page: Page, text: string): Promise<void> {
  const keyboard = page.locator('.touch-keyboard');
  for (const char of text) {
    if (char === ' ') {
      await keyboard.locator('[data-skbtn="{space}"]').click();
      continue;
    }
    const key = keyboard.locator(`[data-skbtn="${char}"]`);
    if ((await key.count()) === 0) await keyboard.locator('[data-skbtn="{shift}"]').first().click();
    await key.click();
  }
}

async function signIn(page: Page, person: { name: string; pin: string }): Promise<void> {
  await page.goto(own.host.url);
  const signedIn = page.getByLabel('Signed in as');
  const tile = page.getByRole('button', { name: new RegExp(`^${person.name}`) });
  // A reload carries on with this tab's session: wait until the page says whose, or asks who is working.
  await expect(signedIn.or(tile).first()).toBeVisible();
  if (await signedIn.isVisible()) await page.getByRole('button', { name: 'Sign out' }).click();
  await tile.click();
  await tapPin(page, person.pin, 'Sign in');
  await expect(signedIn).toContainText(person.name);
}

test('a crew member reports a camera problem about today’s flight with the on-screen keyboard', async ({
  page,
}) => {
  await signInAsManager(page, own.host.url);
  // The crew member and today's flight, set up as the manager would (the screens for that have their own tests).
  const prepared = await page.evaluate(
    async ({ crew, passengers }) => {
      const made = await window.magnum.users.create({ name: crew.name, role: 'crew', pin: crew.pin });
      if (!made.ok) return made;
      return window.magnum.recordings.checkIn({ passengerNames: passengers, staffMemberId: made.value.id });
    },
    { crew: CREW, passengers: PASSENGERS },
  );
  expect(prepared.ok, JSON.stringify(prepared)).toBe(true);

  await signIn(page, CREW);
  await page.screenshot({ path: `${SHOTS}/home-crew-problem-actions-1280x800.png` });
  await page.getByRole('button', { name: 'Report a problem' }).click();
  const dialog = page.getByRole('dialog', { name: 'Report a problem' });
  // Until it can be sent, the button says what is still missing, one step at a time.
  await expect(dialog.getByRole('button', { name: 'Pick what it is with first.' })).toBeDisabled();
  await dialog.getByRole('radio', { name: 'Camera' }).click();
  await expect(dialog.getByRole('button', { name: 'Write what happened first.' })).toBeDisabled();
  await dialog.getByLabel('What happened?').click();
  await expect(page.locator('.touch-keyboard')).toBeVisible();
  await tapKeys(page, 'Rear camera froze');
  await expect(dialog.getByLabel('What happened?')).toHaveValue('Rear camera froze');
  await page.locator('.touch-keyboard [data-skbtn="{done}"]').click();
  await dialog.getByRole('radio', { name: new RegExp(PASSENGERS) }).click();
  await page.screenshot({ path: `${SHOTS}/report-problem-1280x800.png` });
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(dialog.getByRole('status')).toContainText('your report is saved');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // Save diagnostics: no drive on the test machine, so the kiosk's deliveries folder.
  await page.getByRole('button', { name: 'Save diagnostics' }).click();
  const save = page.getByRole('dialog', { name: 'Save diagnostics' });
  await save.getByRole('button', { name: /The kiosk's deliveries folder/ }).click();
  const saved = save.getByRole('status');
  await expect(saved).toContainText('MagnumStream-diagnostics › diagnostics-');
  await page.screenshot({ path: `${SHOTS}/diagnostics-saved-1280x800.png` });
  const folder = path.join(own.dataDir, 'deliveries', 'MagnumStream-diagnostics');
  const [written] = readdirSync(folder);
  expect(written).toMatch(/^diagnostics-\d{4}-\d{2}-\d{2}-\d{6}$/);
  const files = readdirSync(path.join(folder, written!), { recursive: true, encoding: 'utf8' });
  expect(files).toEqual(
    expect.arrayContaining(['README.txt', 'versions.json', 'health.json', 'settings.json']),
  );
  for (const file of files.filter((name) => name.includes('.'))) {
    const text = readFileSync(path.join(folder, written!, file), 'utf8');
    expect(text, file).not.toContain('Martinez');
    expect(text, file).not.toContain('scrypt$');
  }
});

test('the manager sees the report and resolves it with a note', async ({ page }) => {
  await signIn(page, MANAGER);
  await page.getByRole('button', { name: 'Problem reports →' }).click();
  await expect(page.getByRole('heading', { name: 'Problem reports' })).toBeVisible();
  const reports = page.getByRole('list', { name: 'Problem reports' });
  const report = reports.getByRole('listitem').filter({ hasText: 'Rear camera froze' });
  await expect(report).toContainText(`Camera · ${PASSENGERS}`);
  await expect(report).toContainText(`Reported by ${CREW.name}`);
  await page.screenshot({ path: `${SHOTS}/problem-reports-1280x800.png` });

  await report.getByRole('button', { name: /^Resolve/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Resolve this problem' });
  await dialog.getByLabel('What was done?').click();
  await tapKeys(page, 'New cable');
  await page.locator('.touch-keyboard [data-skbtn="{done}"]').click();
  await dialog.getByRole('button', { name: 'Mark resolved' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Nothing open: no problem is waiting.')).toBeVisible();

  await page.getByRole('radio', { name: 'Resolved' }).click();
  await expect(reports.getByRole('listitem').filter({ hasText: 'Rear camera froze' })).toContainText(
    `Resolved by ${MANAGER.name}`,
  );
  await expect(reports).toContainText(': New cable');
});

test('the manager opens Kiosk health from Settings and runs the integrity check', async ({ page }) => {
  // The check of this small database takes milliseconds; its answer is held back a moment on the way to the
  // screen, so the "checking" state the manager would see on a big database can be seen here too.
  await page.routeWebSocket(/\/ipc$/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const integrityAnswer =
        typeof message === 'string' &&
        message.includes('"nextWeeklyAt"') &&
        !message.includes('"generatedAt"');
      if (integrityAnswer) setTimeout(() => socket.send(message), 2_500);
      else socket.send(message);
    });
  });
  await signIn(page, MANAGER);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Kiosk health →' }).click();
  await expect(page.getByRole('heading', { name: 'Kiosk health' })).toBeVisible();
  // The tab the screen was opened from stays lit.
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const health = page.getByRole('region', { name: 'Kiosk health' });
  const database = health.getByRole('article', { name: 'Database' });
  await expect(health.getByRole('article', { name: 'Backup' })).toContainText('No backup yet');
  await expect(health.getByRole('article', { name: 'Slow queries' })).toContainText('100 ms');
  await expect(page.getByRole('button', { name: 'Problem reports (0 open) →' })).toBeVisible();
  await expect(database).toContainText('Not checked yet');

  await database.getByRole('button', { name: 'Check now' }).click();
  await expect(database.getByRole('status')).toContainText('Reading the whole database file');
  await expect(database.getByRole('button', { name: 'Checking…' })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/kiosk-health-checking-1280x800.png` });
  await expect(database).toContainText('Database sound');
  await expect(database).toContainText('by hand');
  await expect(database.getByRole('button', { name: 'Check now' })).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/kiosk-health-1280x800.png`, fullPage: true });
});
