// Self check-in with a signed waiver, on a kiosk host of this file's own, with two browser contexts: the
// manager turns screen B into passenger check-in; passengers fill the form and sign with a finger on B, which
// then starts blank again; on screen A the crew see the check-in waiting and make it a flight with one tap and
// the dialog; B reaches no staff screen or channel, forgets a half-filled form when left alone, and is given
// back only with a staff PIN, after which its device token no longer works.
import { expect, test } from '@playwright/test';
import { MANAGER, ownHostPerFile, signInAsManager, signOnPad, tapPin } from './support';

test.describe.configure({ mode: 'serial' });

const own = ownHostPerFile('self-checkin');
const SHOTS = 'test-results/screens';
const PILOT = { name: 'Capt. Lena Berg', pin: '9753' };

test('a passenger checks in and signs on screen B; the crew make it a flight on screen A', async ({
  page,
  browser,
}) => {
  // Screen A: the manager, and a pilot to fly the passengers.
  await signInAsManager(page, own.host.url);
  const pilot = await page.evaluate(
    (person) => window.magnum.users.create({ name: person.name, role: 'pilot', pin: person.pin }),
    PILOT,
  );
  expect(pilot.ok, JSON.stringify(pilot)).toBe(true);

  // Screen B: a second browser (a tablet), locked to passenger check-in by the manager.
  const tablet = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const b = await tablet.newPage();
  await signInAsManager(b, `${own.host.url}#/waiver`);
  await b.goto(`${own.host.url}#/waiver`);
  await expect(b.getByRole('region', { name: 'Current waiver' })).toBeVisible();
  await b.screenshot({ path: `${SHOTS}/self-checkin-waiver-admin-1280x800.png` });
  await b.getByRole('button', { name: 'Turn this screen into passenger check-in' }).click();
  await b.getByRole('dialog').getByRole('button', { name: 'Turn into check-in' }).click();
  await expect(b.getByRole('heading', { name: 'Welcome aboard — please check in' })).toBeVisible();
  await expect(b.getByLabel('Signed in as')).toHaveCount(0);
  const deviceToken = await b.evaluate(() => window.localStorage.getItem('magnum.checkinDevice'));
  expect(deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

  // B reaches no staff screen and no staff channel: its session ended when it was locked. (The page's clock is
  // the test's from here on, for the idle reset below.)
  await b.clock.install();
  await b.goto(`${own.host.url}#/settings`);
  await b.reload();
  await expect(b.getByRole('heading', { name: 'Welcome aboard — please check in' })).toBeVisible();
  await expect(b.getByRole('navigation')).toHaveCount(0);
  const staffCall = await b.evaluate(() => window.magnum.recordings.list({ limit: 5, offset: 0 }));
  expect(staffCall).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

  // The passengers fill the form and each signs.
  const checkIn = b.getByRole('button', { name: 'Check in', exact: true });
  await expect(checkIn).toBeDisabled();
  await b.getByLabel('Passenger 1: full name').fill('Ana Silva');
  await b.getByRole('button', { name: '+ Add a passenger' }).click();
  await b.getByLabel('Passenger 2: full name').fill('Ben Silva');
  await signOnPad(b, 'Signature of passenger 1');
  await signOnPad(b, 'Signature of passenger 2');
  await expect(b.getByText('Signed ✓')).toHaveCount(2);
  await b.getByLabel('E-mail (optional, for your video)').fill('ana.silva@example.com');
  await b.getByLabel('Where are you from? (optional)').fill('Lisbon');
  await b.getByLabel('How did you hear about us? (optional)').fill('Hotel reception');
  await b.getByRole('radio', { name: 'Birthday' }).click();
  await b.getByRole('radio', { name: 'English' }).click();
  await expect(b.getByRole('checkbox', { name: /news and offers/ })).toHaveAttribute('aria-checked', 'false');
  await expect(checkIn).toBeDisabled();
  await b.getByRole('checkbox', { name: /I have read the waiver/ }).click();
  await expect(checkIn).toBeEnabled();
  // The on-screen keyboard of the last field closes, as a passenger's "Done" would.
  const keyboardDone = b.locator('.touch-keyboard [data-skbtn="{done}"]');
  if (await keyboardDone.isVisible()) await keyboardDone.click();
  await b.evaluate(() => window.scrollTo(0, 0));
  await b.screenshot({ path: `${SHOTS}/self-checkin-form-1280x800.png` });
  await checkIn.click();

  // A thank-you, then a blank form: nothing of Ana and Ben is left for the next passenger.
  await expect(b.getByText('Thank you, Ana!')).toBeVisible();
  await b.screenshot({ path: `${SHOTS}/self-checkin-thanks-1280x800.png` });
  await b.getByRole('button', { name: 'Done' }).click();
  await expect(b.getByLabel('Passenger 1: full name')).toHaveValue('');
  await expect(b.getByLabel('Passenger 2: full name')).toHaveCount(0);
  await expect(b.getByLabel('Where are you from? (optional)')).toHaveValue('');
  await expect(b.getByText('Signed ✓')).toHaveCount(0);
  await expect(b.getByRole('radio', { name: 'Birthday' })).toHaveAttribute('aria-checked', 'false');
  await expect(b.getByRole('checkbox', { name: /I have read the waiver/ })).toHaveAttribute(
    'aria-checked',
    'false',
  );
  await expect(b.getByText('Ana', { exact: false })).toHaveCount(0);

  // A half-filled form left alone is cleared after 90 s without a touch.
  await b.getByLabel('Passenger 1: full name').fill('Chen Wei');
  await b.getByRole('radio', { name: 'Vacation' }).click();
  await b.clock.fastForward(91_000);
  await expect(b.getByLabel('Passenger 1: full name')).toHaveValue('');
  await expect(b.getByRole('radio', { name: 'Vacation' })).toHaveAttribute('aria-checked', 'false');

  // Screen A: the crew see the check-in waiting, signed, and make it a flight in one tap and the dialog.
  await page.goto(`${own.host.url}#/checkin`);
  const waiting = page.getByRole('region', { name: 'Waiting self check-ins' });
  const row = waiting.getByRole('button', { name: /Ana Silva, Ben Silva/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Waiver signed ✓ (v1)');
  await expect(row).toContainText('from Lisbon · Birthday');
  await page.screenshot({ path: `${SHOTS}/self-checkin-waiting-1280x800.png` });
  await row.click();
  const dialog = page.getByRole('dialog', { name: 'Flight for Ana Silva, Ben Silva' });
  await dialog.getByRole('button', { name: PILOT.name }).click();
  await page.screenshot({ path: `${SHOTS}/self-checkin-convert-1280x800.png` });
  await dialog.getByRole('button', { name: 'Create flight' }).click();

  // The flight carries the passengers' answers and the signed waiver.
  await expect(page).toHaveURL(/#\/capture\//);
  await expect(page.getByRole('heading', { name: 'Ana Silva, Ben Silva' })).toBeVisible();
  await expect(page.locator('.capture-heading .lead')).toContainText(
    `Pilot ${PILOT.name} · From Lisbon · Birthday · Waiver signed ✓`,
  );
  const recordingId = decodeURIComponent(page.url().split('#/capture/')[1] ?? '');
  const flight = await page.evaluate((id) => window.magnum.recordings.get({ id }), recordingId);
  expect(flight).toMatchObject({
    ok: true,
    value: { customerEmail: 'ana.silva@example.com', origin: 'Lisbon', tripPurpose: 'birthday' },
  });
  const left = await page.evaluate(() => window.magnum.checkin.waiting({}));
  expect(left).toEqual({ ok: true, value: [] });

  // Screen B is given back only with a staff PIN; its device token stops working.
  await b.getByRole('button', { name: 'Staff', exact: true }).click();
  await b.getByRole('button', { name: new RegExp(`^${MANAGER.name}`) }).click();
  await tapPin(b, MANAGER.pin, 'Sign in');
  await expect(b.getByLabel('Signed in as')).toContainText(MANAGER.name);
  expect(await b.evaluate(() => window.localStorage.getItem('magnum.checkinDevice'))).toBeNull();
  const revoked = await b.evaluate(
    (token) => window.magnum.checkin.form({ deviceToken: token ?? '' }),
    deviceToken,
  );
  expect(revoked).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  await tablet.close();
});

test('an admin stops every check-in screen at once: a locked tablet then takes no check-in', async ({
  page,
  browser,
}) => {
  const tablet = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const c = await tablet.newPage();
  await signInAsManager(c, `${own.host.url}#/waiver`);
  await c.goto(`${own.host.url}#/waiver`);
  await c.getByRole('button', { name: 'Turn this screen into passenger check-in' }).click();
  await c.getByRole('dialog').getByRole('button', { name: 'Turn into check-in' }).click();
  await expect(c.getByRole('heading', { name: 'Welcome aboard — please check in' })).toBeVisible();

  await signInAsManager(page, `${own.host.url}#/waiver`);
  await page.goto(`${own.host.url}#/waiver`);
  await expect(page.getByText('1 screen set up for passenger check-in now')).toBeVisible();
  await page.getByRole('button', { name: 'Stop every check-in screen' }).click();
  const ask = page.getByRole('dialog', { name: 'Stop every check-in screen?' });
  await page.screenshot({ path: `${SHOTS}/self-checkin-stop-screens-1280x800.png` });
  await ask.getByRole('button', { name: 'Stop them all' }).click();
  await expect(page.getByText('1 check-in screen stopped.')).toBeVisible();

  // The tablet, still showing the form, is refused in plain words from its next call on.
  await c.reload();
  await expect(c.getByText(/not set up for passenger check-in/)).toBeVisible();
  const refused = await c.evaluate(() =>
    window.magnum.checkin.form({ deviceToken: window.localStorage.getItem('magnum.checkinDevice') ?? '' }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  await tablet.close();
});
