// The flights dashboard on demo data plus 150 older check-ins: a kiosk host of this file's own, on its own copy
// of the run's demo flights. The list is virtualized and paged, filters by day, status, pilot and crew,
// searches passengers, and opens a flight's editor; a pilot gets only their flights and no pilot filter.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAsManager, tapPin, useDemoHost } from './support';

test.describe.configure({ mode: 'serial' });

const OLDER_FLIGHTS = 150;
const JO = { name: 'Capt. Jo Whitaker', pin: '9753' };

const demo = useDemoHost('magnum-dashboard-e2e-');

/** 'YYYY-MM-DD' and an ISO time at local noon, `daysAgo` days before today on the browser's (the kiosk's) clock. */
const localNoon = (page: Page, daysAgo: number) =>
  page.evaluate((back) => {
    const at = new Date();
    at.setDate(at.getDate() - back);
    at.setHours(12, 0, 0, 0);
    const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
    return { day, iso: at.toISOString() };
  }, daysAgo);

async function waitForDemoFlights(page: Page): Promise<void> {
  await expect
    .poll(
      async () =>
        page.evaluate(async () => {
          const list = await window.magnum.recordings.list({ status: 'sold' });
          const all = await window.magnum.recordings.list({});
          return list.ok && all.ok ? `${all.value.total} flights, ${list.value.total} sold` : 'not yet';
        }),
      { timeout: 180_000, intervals: [2_000] },
    )
    .toBe('4 flights, 1 sold');
}

/** Older flights to scroll through, a flight yesterday flown by Jo, and a name with LIKE's wildcards. */
async function checkInOlderFlights(page: Page): Promise<void> {
  const yesterday = await localNoon(page, 1);
  const older = await Promise.all(
    Array.from({ length: OLDER_FLIGHTS }, (_, i) => localNoon(page, i + 2).then((at) => at.iso)),
  );
  const wildcard = await localNoon(page, 3);
  const result = await page.evaluate(
    async ({ yesterday, older, wildcard }) => {
      const roster = await window.magnum.users.roster({});
      if (!roster.ok) return roster.error.message;
      const jo = roster.value.pilots.find((pilot) => pilot.name === 'Capt. Jo Whitaker')!;
      const checkIn = window.magnum.recordings.checkIn;
      const first = await checkIn({ passengerNames: 'Dawn Patrol', flightAt: yesterday, pilotId: jo.id });
      if (!first.ok) return first.error.message;
      await checkIn({ passengerNames: '100% Fun_Tours', flightAt: wildcard });
      for (const [i, flightAt] of older.entries()) {
        const made = await checkIn({
          passengerNames: `Scroll Passenger ${String(i + 1).padStart(3, '0')}`,
          flightAt,
        });
        if (!made.ok) return made.error.message;
      }
      return 'ok';
    },
    { yesterday: yesterday.iso, older, wildcard: wildcard.iso },
  );
  expect(result).toBe('ok');
}

const flightList = (page: Page) => page.getByRole('list', { name: 'Flights' });
const rows = (page: Page) => flightList(page).getByRole('listitem');
const rowNames = (page: Page) => flightList(page).locator('.flight-names').allTextContents();
const status = (page: Page) => page.locator('.flights-screen .screen-heading [role="status"]');
const scroller = (page: Page): Locator => page.locator('.virtual-list');

async function openFlights(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Flights' }).click();
  await expect(page.getByRole('heading', { name: 'Flights', exact: true })).toBeVisible();
}

test('crew scroll thousands-ready flights, filter by day, status, pilot and crew, search, and open the editor', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsManager(page, demo.host.url);
  await waitForDemoFlights(page);
  await checkInOlderFlights(page);
  const total = 4 + 2 + OLDER_FLIGHTS;

  await openFlights(page);
  await expect(status(page)).toHaveText(`${total} flights · today’s first`);
  await expect(rows(page).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/dashboard-1280x800.png' });

  // Virtualized: a screenful of rows in the page, however many flights there are; paged as it scrolls.
  expect(await rows(page).count()).toBeLessThanOrEqual(16);
  await expect(rows(page).first()).toHaveAttribute('aria-setsize', String(total));
  const oldest = flightList(page).getByText('Scroll Passenger 150');
  await expect
    .poll(
      async () => {
        await scroller(page).evaluate((element) => (element.scrollTop = element.scrollHeight));
        return oldest.isVisible();
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  expect(await rows(page).count()).toBeLessThanOrEqual(16);
  await expect(rows(page).last()).toHaveAttribute('aria-posinset', String(total));

  // A day: yesterday has Jo's Dawn Patrol and none of the older flights.
  await page.getByRole('group', { name: 'Day' }).getByRole('button', { name: 'Yesterday' }).click();
  await expect(flightList(page).getByText('Dawn Patrol')).toBeVisible();
  // Polled: Dawn Patrol was already in the list before the day was picked, so it showing says nothing about
  // whether the day's answer has replaced the rows yet (CI once read the old rows here).
  await expect
    .poll(async () => (await rowNames(page)).filter((name) => name.startsWith('Scroll')))
    .toEqual([]);

  // Any day from the big calendar: five days ago is Scroll Passenger 004's.
  const fiveDaysAgo = await localNoon(page, 5);
  await page.getByRole('button', { name: 'Pick a day…' }).click();
  const picker = page.getByRole('dialog', { name: 'Show flights of one day' });
  await expect(picker).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/dashboard-pick-day-1280x800.png' });
  // The picker opens on the month of the chosen day (yesterday's): go back once when five days ago is earlier.
  const yesterday = await localNoon(page, 1);
  if (yesterday.day.slice(0, 7) !== fiveDaysAgo.day.slice(0, 7))
    await picker.getByRole('button', { name: 'Previous month' }).click();
  await picker.getByRole('gridcell', { name: new RegExp(`, ${fiveDaysAgo.day}$`) }).click();
  await expect(picker).toBeHidden();
  await expect.poll(() => rowNames(page)).toEqual(['Scroll Passenger 004']);
  await expect(status(page)).toHaveText('1 flight matches');

  // Status: the one demo flight sold on the spot.
  await page.getByRole('group', { name: 'Day' }).getByRole('button', { name: 'All days' }).click();
  await page
    .getByRole('group', { name: 'Status' })
    .getByRole('button', { name: 'Sold', exact: true })
    .click();
  await expect.poll(() => rowNames(page)).toEqual(['Anna & Ben Keller']);
  await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Any status' }).click();

  // Pilot, then crew member on top: Jo flew Priya, Sofia and Dawn Patrol; Tom looked after Priya.
  await page.getByRole('button', { name: 'Pilot: Anyone' }).click();
  await page
    .getByRole('dialog', { name: 'Show flights of one pilot' })
    .getByRole('button', { name: JO.name })
    .click();
  await expect
    .poll(async () => (await rowNames(page)).sort())
    .toEqual(['Dawn Patrol', 'Priya Natarajan', 'Sofia Martínez & Diego Ruiz'].sort());
  await page.getByRole('button', { name: 'Crew: Anyone' }).click();
  await page
    .getByRole('dialog', { name: 'Show flights of one crew member' })
    .getByRole('button', { name: 'Tom Reyes' })
    .click();
  await expect.poll(() => rowNames(page)).toEqual(['Priya Natarajan']);
  await expect(page.getByRole('button', { name: `Pilot: ${JO.name}` })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(status(page)).toHaveText(`${total} flights · today’s first`);

  // Search by part of a name in any case; % is a plain character, not a wildcard.
  const search = page.getByRole('textbox', { name: 'Passenger' });
  await search.click();
  await expect(page.locator('.touch-keyboard')).toBeVisible();
  await search.fill('KELL');
  await expect.poll(() => rowNames(page)).toEqual(['Anna & Ben Keller']);
  await page.screenshot({ path: 'test-results/screens/dashboard-search-1280x800.png' });
  await search.fill('%');
  await expect.poll(() => rowNames(page)).toEqual(['100% Fun_Tours']);
  await search.fill('no such passenger');
  await expect(page.getByText('No flight matches these filters with a passenger called')).toBeVisible();
  await page.locator('.touch-keyboard [data-skbtn="{done}"]').click();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(search).toHaveValue('');
  await expect(status(page)).toHaveText(`${total} flights · today’s first`);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(rows(page).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/dashboard-1920x1080.png' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Edit opens the flight's editor.
  const keller = await page.evaluate(async () => {
    const list = await window.magnum.recordings.list({ search: 'Keller' });
    return list.ok ? list.value.items[0]!.id : '';
  });
  await page.getByRole('button', { name: 'Edit Anna & Ben Keller' }).click();
  await expect(page).toHaveURL(new RegExp(`#/edit/${keller}$`));
});

test('a pilot sees only the flights they flew, with no pilot filter and no editing', async ({ page }) => {
  await signInAsManager(page, demo.host.url);
  const reset = await page.evaluate(async (pin) => {
    const people = await window.magnum.users.list({});
    if (!people.ok) return people.error.message;
    const jo = people.value.find((person) => person.name === 'Capt. Jo Whitaker')!;
    const result = await window.magnum.users.resetPin({ id: jo.id, pin });
    return result.ok ? 'ok' : result.error.message;
  }, JO.pin);
  expect(reset).toBe('ok');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: new RegExp(`^${JO.name}`) }).click();
  await tapPin(page, JO.pin, 'Sign in');
  await expect(page.getByLabel('Signed in as')).toContainText(JO.name);

  await openFlights(page);
  await expect(status(page)).toHaveText('3 flights · today’s first');
  await expect
    .poll(async () => (await rowNames(page)).sort())
    .toEqual(['Dawn Patrol', 'Priya Natarajan', 'Sofia Martínez & Diego Ruiz'].sort());
  await expect(page.getByRole('button', { name: /^Pilot:/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Crew:/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Edit / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Watch Priya Natarajan' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/dashboard-pilot-1280x800.png' });
});
