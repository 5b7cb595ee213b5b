// Forms meet bad input as a new crew member types it: nothing, spaces only, a wrong e-mail or phone, a name
// already taken. Each is refused on screen in plain words, says what to do, and never leaves the person stuck.
import { expect, test } from '@playwright/test';
import { signInAsManager, MANAGER } from './support';

test('check-in says what is missing and refuses a wrong e-mail and phone in plain words', async ({
  page,
}) => {
  await signInAsManager(page);
  await page.evaluate(() => (window.location.hash = '#/checkin'));
  const names = page.getByLabel('Passenger name(s)', { exact: true });
  await names.fill('   ');
  // Spaces are no name: the action says so in its place instead of only greying out.
  await expect(page.getByRole('button', { name: 'Type a name first.' })).toBeDisabled();

  await names.fill('Zoë 🚁 Silva');
  await page.getByLabel('E-mail (optional)', { exact: true }).fill('zoe-at-example');
  await page.getByLabel('Phone (optional)', { exact: true }).fill('call me');
  await page.getByRole('button', { name: 'Check in and film' }).click();

  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText('The flight was not checked in');
  await expect(refusal).toContainText('That is not an e-mail address.');
  await expect(refusal).toContainText('A phone number is digits');
  // The words are the operator's: no field names from the code, and each reason once.
  await expect(refusal).not.toContainText(/customerEmail|customerPhone/);
  await expect(refusal.getByText('That is not an e-mail address.')).toHaveCount(1);
  // Each reason also stands under its field.
  await expect(page.locator('.field-problem')).toHaveText([
    'That is not an e-mail address.',
    'A phone number is digits, spaces and + ( ) - only, at least 6 digits.',
  ]);
});

test('adding a person whose name is taken goes back to the name with the reason', async ({ page }) => {
  await signInAsManager(page);
  await page.evaluate(() => (window.location.hash = '#/people'));
  await page.getByRole('button', { name: '+ Add a person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  const name = dialog.getByLabel('Name', { exact: true });
  await name.fill('   ');
  await expect(dialog.getByRole('button', { name: 'Type their name first.' })).toBeDisabled();

  await name.fill(MANAGER.name);
  await dialog.getByRole('button', { name: 'Next: their PIN' }).click();
  for (const digit of '1357') await dialog.getByRole('button', { name: digit, exact: true }).click();
  await dialog.getByRole('button', { name: 'Add person' }).click();

  await expect(dialog.getByRole('alert')).toContainText(
    `Someone called ${MANAGER.name} is already on the list`,
  );
  // Not stuck on the PIN pad with the name out of reach: the name is back, as typed, to change.
  await expect(name).toHaveValue(MANAGER.name);
  await name.fill(`${MANAGER.name} Q.`);
  await dialog.getByRole('button', { name: 'Next: their PIN' }).click();
  await dialog.getByRole('button', { name: '← Change the name' }).click();
  await expect(name).toHaveValue(`${MANAGER.name} Q.`);
});

test('a new bundle named like one in the catalogue is refused, not written over it', async ({ page }) => {
  await signInAsManager(page);
  await page.evaluate(() => (window.location.hash = '#/bundles'));
  await page.getByRole('button', { name: 'Add a bundle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a bundle' });
  await dialog.getByLabel('Name', { exact: true }).fill('video only');
  await dialog.getByLabel(/^Price/).fill('5');
  // Its code would be video_only, and saving that code changes the bundle that has it.
  await expect(
    dialog.getByRole('button', { name: 'There is already a bundle called “Video Only”: pick another name.' }),
  ).toBeDisabled();
  await dialog.getByLabel('Name', { exact: true }).fill('Video-Only');
  await expect(dialog.getByRole('button', { name: /already a bundle called “Video Only”/ })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Bundles' })).toContainText('Video Only · $25.00');
});
