// Whose screen it is: sign-out goes back to the sign-in screen and whoever signs in next starts at home; a
// reload keeps the session and the screen for that tab only, the idle lock included; a session main ended
// (a PIN reset, a deactivation) is forgotten and asks who is working. On a kiosk host of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MANAGER, signInAsManager, startOwnHost, tapPin, type OwnHost } from './support';

test.describe.configure({ mode: 'serial' });

const CREW = { name: 'Sam Session', pin: '1357' };
const TOKEN_KEY = 'magnum.session';

let host: OwnHost | undefined;
let dataDir = '';
const url = () => host!.url;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'magnum-session-e2e-'));
  host = await startOwnHost(dataDir);
});
test.afterAll(async () => {
  await host?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });
const whoIsWorking = (page: Page) => page.getByRole('heading', { name: 'Who is working?' });
const signedInAs = (page: Page) => page.getByLabel('Signed in as');
const forManagers = (page: Page) => page.getByRole('heading', { name: 'This screen is for managers' });
const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { name, exact: typeof name === 'string' });
const sessionEndedNote = (page: Page) => page.getByText('You were signed out because your session ended');
const hashOf = (page: Page) => new URL(page.url()).hash;
const keptToken = (page: Page) => page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);

async function signInOnScreen(page: Page, person: { name: string; pin: string }): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${person.name}`) }).click();
  await tapPin(page, person.pin, 'Sign in');
  await expect(signedInAs(page)).toContainText(person.name);
}

/** The crew member's home: the greeting with their first name, and no manager's screen. */
async function expectHomeOf(page: Page, name: string): Promise<void> {
  await expect(heading(page, new RegExp(`, ${name.split(' ')[0]}$`))).toBeVisible();
  await expect(forManagers(page)).toHaveCount(0);
  expect(hashOf(page)).toBe('');
}

async function crewId(manager: Page): Promise<string> {
  const id = await manager.evaluate(async (name) => {
    const people = await window.magnum.users.list({});
    return people.ok ? (people.value.find((person) => person.name === name)?.id ?? null) : null;
  }, CREW.name);
  expect(id, `${CREW.name} is on the People list`).not.toBeNull();
  return id!;
}

test('a manager signing out on Settings leaves the sign-in screen, and the crew member next starts at home', async ({
  page,
}) => {
  await signInAsManager(page, url());
  const created = await page.evaluate((crew) => window.magnum.users.create({ ...crew, role: 'crew' }), CREW);
  expect(created.ok, JSON.stringify(created)).toBe(true);
  await tab(page, 'People').click();
  await tab(page, 'Settings').click();
  await expect(heading(page, 'Settings')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(whoIsWorking(page)).toBeVisible();
  expect(hashOf(page)).toBe('');
  expect(await keptToken(page)).toBeNull();
  await page.screenshot({ path: 'test-results/screens/sign-in-after-sign-out-1280x800.png' });

  // Back brings the manager's People screen into the address bar; whoever signs in still starts at home.
  await page.goBack();
  await expect.poll(() => hashOf(page)).toBe('#/people');
  await expect(whoIsWorking(page)).toBeVisible();
  await signInOnScreen(page, CREW);
  await expectHomeOf(page, CREW.name);
  await page.screenshot({ path: 'test-results/screens/home-next-person-1280x800.png' });
});

test('a reload keeps the session and the screen: the flights list, then a flight’s review', async ({
  page,
}) => {
  await page.goto(url());
  await signInOnScreen(page, CREW);
  const flight = await page.evaluate(() =>
    window.magnum.recordings.checkIn({ passengerNames: 'Rita Reload' }),
  );
  if (!flight.ok) throw new Error(flight.error.message);

  await tab(page, 'Flights').click();
  await expect(heading(page, 'Flights')).toBeVisible();
  await page.reload();
  await expect(signedInAs(page)).toContainText(CREW.name);
  await expect(heading(page, 'Flights')).toBeVisible();
  expect(hashOf(page)).toBe('#/flights');

  await page.evaluate((id) => (window.location.hash = `#/review/${id}`), flight.value.id);
  await expect(heading(page, 'Rita Reload')).toBeVisible();
  await page.reload();
  await expect(heading(page, 'Rita Reload')).toBeVisible();
  await expect(signedInAs(page)).toContainText(CREW.name);
  await expect(whoIsWorking(page)).toHaveCount(0);

  // The token is a credential: kept in this tab's storage, never in the address.
  const token = await keptToken(page);
  expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  expect(page.url()).not.toContain(token!);

  // Footage asks for the file cookie, which another tab's sign-out clears for the whole browser: a reload
  // sets it again. A file that does not exist answers 404 with a session and 401 without one.
  const fileStatus = () =>
    page.evaluate(async (id) => (await fetch(`/media/${id}/no-such-file.webm`)).status, flight.value.id);
  await page.context().clearCookies();
  expect(await fileStatus()).toBe(401);
  await page.reload();
  await expect(heading(page, 'Rita Reload')).toBeVisible();
  expect(await fileStatus()).toBe(404);
});

test('another tab or another browser does not get this tab’s session', async ({ page, browser }) => {
  await page.goto(url());
  await signInOnScreen(page, CREW);
  await tab(page, 'Flights').click();
  await expect(heading(page, 'Flights')).toBeVisible();

  const secondTab = await page.context().newPage();
  await secondTab.goto(`${url()}#/flights`);
  await expect(whoIsWorking(secondTab)).toBeVisible();
  await expect(signedInAs(secondTab)).toHaveCount(0);
  expect(await keptToken(secondTab)).toBeNull();

  const otherBrowser = await browser.newContext();
  const otherPage = await otherBrowser.newPage();
  await otherPage.goto(`${url()}#/flights`);
  await expect(whoIsWorking(otherPage)).toBeVisible();
  await expect(signedInAs(otherPage)).toHaveCount(0);
  await otherBrowser.close();

  await page.reload();
  await expect(signedInAs(page)).toContainText(CREW.name);
  await expect(heading(page, 'Flights')).toBeVisible();
});

test('signing out and then reloading shows the sign-in screen', async ({ page }) => {
  await page.goto(url());
  await signInOnScreen(page, CREW);
  await tab(page, 'Flights').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(whoIsWorking(page)).toBeVisible();

  await page.reload();
  await expect(whoIsWorking(page)).toBeVisible();
  await expect(signedInAs(page)).toHaveCount(0);
  expect(await keptToken(page)).toBeNull();
});

test('a locked screen stays locked through a reload; the same person unlocks where they were, someone else starts at home', async ({
  page,
}) => {
  await page.goto(url());
  await signInOnScreen(page, CREW);
  await tab(page, 'Flights').click();
  await expect(heading(page, 'Flights')).toBeVisible();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  const locked = page.getByRole('dialog', { name: 'Screen locked' });
  await expect(locked).toBeVisible();

  await page.reload();
  await expect(locked).toBeVisible();
  await expect(locked).toContainText(`${CREW.name}, enter your PIN`);
  await page.screenshot({ path: 'test-results/screens/locked-after-reload-1280x800.png' });
  await tapPin(page, CREW.pin, 'Unlock');
  await expect(locked).toHaveCount(0);
  await expect(heading(page, 'Flights')).toBeVisible();
  expect(hashOf(page)).toBe('#/flights');

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await locked.getByRole('button', { name: 'Someone else' }).click();
  await expect(whoIsWorking(page)).toBeVisible();
  await signInOnScreen(page, MANAGER);
  await expect(heading(page, /, Ada$/)).toBeVisible();
  await expect(sessionEndedNote(page)).toHaveCount(0);
  expect(hashOf(page)).toBe('');
});

test('a session main ended (a manager reset the PIN elsewhere) is forgotten at the reload, and the next sign-in starts at home', async ({
  page,
  browser,
}) => {
  await page.goto(url());
  await signInOnScreen(page, CREW);
  await tab(page, 'Flights').click();
  await expect(heading(page, 'Flights')).toBeVisible();

  const managerBrowser = await browser.newContext();
  const manager = await managerBrowser.newPage();
  await signInAsManager(manager, url());
  const newPin = '8642';
  const reset = await manager.evaluate(
    ([id, pin]) => window.magnum.users.resetPin({ id: id!, pin: pin! }),
    [await crewId(manager), newPin],
  );
  expect(reset.ok, JSON.stringify(reset)).toBe(true);
  await managerBrowser.close();

  await page.reload();
  await expect(whoIsWorking(page)).toBeVisible();
  await expect(signedInAs(page)).toHaveCount(0);
  expect(await keptToken(page)).toBeNull();
  // Quietly: a reload with a session that has ended is simply a sign-in screen.
  await expect(sessionEndedNote(page)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/sign-in-after-ended-session-reload-1280x800.png' });
  CREW.pin = newPin;
  await signInOnScreen(page, CREW);
  await expectHomeOf(page, CREW.name);
});

test('a person deactivated while on a screen is sent to sign-in at their next step; the next person starts at home', async ({
  page,
  browser,
}) => {
  await page.goto(url());
  await signInOnScreen(page, CREW);
  await tab(page, 'Sales').click();
  await expect(heading(page, 'Sales')).toBeVisible();

  const managerBrowser = await browser.newContext();
  const manager = await managerBrowser.newPage();
  await signInAsManager(manager, url());
  const deactivated = await manager.evaluate(
    (id) => window.magnum.users.update({ id, active: false }),
    await crewId(manager),
  );
  expect(deactivated.ok, JSON.stringify(deactivated)).toBe(true);
  await managerBrowser.close();

  await tab(page, 'Flights').click();
  await expect(whoIsWorking(page)).toBeVisible();
  await expect(sessionEndedNote(page)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sign-in-after-session-ended-1280x800.png' });
  expect(hashOf(page)).toBe('');
  expect(await keptToken(page)).toBeNull();
  await expect(page.getByRole('button', { name: new RegExp(`^${CREW.name}`) })).toHaveCount(0);
  await signInOnScreen(page, MANAGER);
  await expect(heading(page, /, Ada$/)).toBeVisible();
  await expect(sessionEndedNote(page)).toHaveCount(0);
  expect(hashOf(page)).toBe('');
});
