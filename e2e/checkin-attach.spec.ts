// A flight the crew checked in by hand, on a kiosk that films only flights with a signed waiver, on a host of
// this file's own with fake cameras: Start is refused and says what to do; the passengers sign on a tablet (a
// second browser context); the crew add that check-in to the existing flight from the conversion dialog (no
// second flight is made, what the crew typed stays), and Start is accepted.
import { expect, test } from '@playwright/test';
import {
  changeSettings,
  checkInByApi,
  dismissNotices,
  ownHostPerFile,
  readFlight,
  signInAsManager,
  useMovingFakeCameras,
  waitUntilRecording,
  signOnPad,
} from './support';

const own = ownHostPerFile('checkin-attach');
const SHOTS = 'test-results/screens';

test('the crew add a signed self check-in to a flight they made without a waiver, then film it', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAsManager(page, own.host.url);
  await dismissNotices(page);
  await useMovingFakeCameras(page);
  const required = await page.evaluate(() => window.magnum.settings.update({ requireWaiver: true }));
  expect(required.ok, JSON.stringify(required)).toBe(true);
  await changeSettings(page, { minSceneSeconds: 2 });

  // Two flights checked in by hand, no waiver; the crew typed an e-mail for one of them.
  await checkInByApi(page, 'Greta Walk-in');
  const flightId = await page.evaluate(async () => {
    const result = await window.magnum.recordings.checkIn({
      passengerNames: 'Nils & Ida Berg',
      customerEmail: 'nils.typed@example.com',
    });
    return result.ok ? result.value.id : '';
  });
  expect(flightId).not.toBe('');
  await page.goto(`${own.host.url}#/capture/${flightId}`);
  await page.getByRole('button', { name: 'Start Cruising' }).click();
  await expect(page.getByText(/This flight has no signed waiver/)).toBeVisible();
  await expect(page.getByText(/tap their waiting check-in and add it to this flight/)).toBeVisible();

  // The tablet: locked to passenger check-in; the passengers sign.
  const tablet = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const b = await tablet.newPage();
  await signInAsManager(b, `${own.host.url}#/waiver`);
  await b.goto(`${own.host.url}#/waiver`);
  await b.getByRole('button', { name: 'Turn this screen into passenger check-in' }).click();
  await b.getByRole('dialog').getByRole('button', { name: 'Turn into check-in' }).click();
  await expect(b.getByRole('heading', { name: 'Welcome aboard — please check in' })).toBeVisible();
  await b.getByLabel('Passenger 1: full name').fill('Nils Berg');
  await b.getByRole('button', { name: '+ Add a passenger' }).click();
  await b.getByLabel('Passenger 2: full name').fill('Ida Berg');
  await signOnPad(b, 'Signature of passenger 1');
  await signOnPad(b, 'Signature of passenger 2');
  await b.getByLabel('E-mail (optional, for your video)').fill('nils.tablet@example.com');
  await b.getByLabel('Where are you from? (optional)').fill('Bergen');
  await b.getByRole('checkbox', { name: /I have read the waiver/ }).click();
  const keyboardDone = b.locator('.touch-keyboard [data-skbtn="{done}"]');
  if (await keyboardDone.isVisible()) await keyboardDone.click();
  await b.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(b.getByText('Thank you, Nils!')).toBeVisible();
  await tablet.close();

  // The crew open the check-in and add it to the flight they made, newest first in the list.
  await page.goto(`${own.host.url}#/checkin`);
  await page
    .getByRole('region', { name: 'Waiting self check-ins' })
    .getByRole('button', { name: /Nils Berg, Ida Berg/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Flight for Nils Berg, Ida Berg' });
  const offered = dialog.getByRole('group', { name: 'Flights without a signed waiver' }).getByRole('button');
  await expect(offered).toHaveCount(2);
  await expect(offered.first()).toContainText('Add to Nils & Ida Berg');
  await expect(offered.nth(1)).toContainText('Add to Greta Walk-in');
  const box = await offered.first().boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
  await page.screenshot({ path: `${SHOTS}/checkin-attach-dialog-1280x800.png` });
  await offered.first().click();

  // The same flight, now with the waiver; the crew's e-mail stays, the tablet's answers fill the blanks.
  await expect(page).toHaveURL(new RegExp(`#/capture/${flightId}$`));
  await expect(page.locator('.capture-heading .lead')).toContainText('From Bergen · Waiver signed ✓');
  const flight = await readFlight(page, flightId);
  expect(flight).toMatchObject({ customerEmail: 'nils.typed@example.com', origin: 'Bergen' });
  const flights = await page.evaluate(() => window.magnum.recordings.list({ limit: 10, offset: 0 }));
  expect(flights.ok && flights.value.total).toBe(2);

  // Start is accepted now.
  await page.getByRole('button', { name: 'Start Cruising' }).click();
  await waitUntilRecording(page);
  await expect(page.getByText(/This flight has no signed waiver/)).toHaveCount(0);
  await page.waitForTimeout(2_500);
  await page.getByRole('button', { name: 'Stop Cruising' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cruising saved' })).toBeVisible({
    timeout: 20_000,
  });
});
