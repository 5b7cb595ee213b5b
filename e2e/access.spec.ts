// Sign-in on the kiosk as crew would do it: the first manager, people as data, the PIN pad, roles, idle lock.
import { expect, test, type Page } from '@playwright/test';

test.describe.configure({ mode: 'serial' });

const MANAGER = { name: 'Ada', pin: '2468' };
const CREW = { name: 'Carl Crew', pin: '1357' };

async function tapPin(page: Page, pin: string, submit: string): Promise<void> {
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: submit }).click();
}

async function signIn(page: Page, person: { name: string; pin: string }): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(`^${person.name}`) }).click();
  await tapPin(page, person.pin, 'Sign in');
  await expect(page.getByLabel('Signed in as')).toContainText(person.name);
}

test('on first start the manager account is created with the on-screen keyboard and the PIN pad', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
  await page.getByLabel("Manager's name").click();
  await page.screenshot({ path: 'test-results/screens/setup-1280x800.png' });
  for (const key of ['A', 'd', 'a']) await page.locator(`.touch-keyboard [data-skbtn="${key}"]`).click();
  await expect(page.getByLabel("Manager's name")).toHaveValue('Ada');
  await page.getByRole('button', { name: 'Next: choose a PIN' }).click();
  await tapPin(page, '2468', 'Next');
  await tapPin(page, '1111', 'Create manager');
  await expect(page.getByText('The two PINs were different')).toBeVisible();
  await tapPin(page, MANAGER.pin, 'Next');
  await tapPin(page, MANAGER.pin, 'Create manager');
  await expect(page.getByLabel('Signed in as')).toContainText('Ada');
  await expect(page.getByRole('heading', { name: /, Ada$/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/home-signed-in-1280x800.png' });
});

test('the manager adds a crew member with a first PIN', async ({ page }) => {
  await signIn(page, MANAGER);
  await page.getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: '+ Add a person' }).click();
  await page.getByLabel('Name').fill(CREW.name);
  await page.getByRole('radio', { name: 'Ground crew' }).click();
  await page.getByRole('button', { name: 'Next: their PIN' }).click();
  await tapPin(page, CREW.pin, 'Add person');
  const people = page.getByRole('list', { name: 'People' });
  await expect(people.getByText(CREW.name)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/people-1280x800.png' });

  await page.getByRole('button', { name: 'Audit log' }).click();
  const entries = page.getByRole('list', { name: 'Audit entries' });
  await expect(entries.getByText('Ada · sign in · session').first()).toBeVisible();
  await page.getByRole('radio', { name: 'People' }).click();
  await expect(entries.getByText('Ada · create · user')).toBeVisible();
  await expect(entries.getByText(/sign in/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/audit-1280x800.png' });
});

test('a wrong PIN is refused on screen; the right one signs crew in; crew cannot use admin screens', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Who is working?' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sign-in-1280x800.png' });
  await page.getByRole('button', { name: new RegExp(`^${CREW.name}`) }).click();
  await tapPin(page, '9999', 'Sign in');
  await expect(page.getByRole('alert')).toContainText('Not signed in');
  await page.screenshot({ path: 'test-results/screens/wrong-pin-1280x800.png' });
  await tapPin(page, CREW.pin, 'Sign in');
  await expect(page.getByLabel('Signed in as')).toContainText(CREW.name);

  await expect(
    page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'People' }),
  ).toHaveCount(0);
  await page.goto('/#/people');
  await expect(page.getByRole('heading', { name: 'This screen is for managers' })).toBeVisible();
  const refused = await page.evaluate(() =>
    window.magnum.users.create({ name: 'Sneaky', role: 'admin', pin: '0000' }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('an idle screen locks without losing what was on it, and the same PIN unlocks it', async ({ page }) => {
  await page.clock.install();
  await signIn(page, MANAGER);
  await page.getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: '+ Add a person' }).click();
  await page.getByLabel('Name').fill('Dora Draft');

  await page.clock.fastForward('11:00');
  await expect(page.getByRole('dialog', { name: 'Screen locked' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/locked-1280x800.png' });
  await tapPin(page, MANAGER.pin, 'Unlock');

  await expect(page.getByRole('dialog', { name: 'Screen locked' })).toHaveCount(0);
  await expect(page.getByLabel('Name')).toHaveValue('Dora Draft');
});
