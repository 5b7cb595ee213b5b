// An admin makes a new template from the default, changes a slot's camera and length, pairs two slots
// seamlessly, saves it and makes it active; after a reload it is still there, and the next flight checked in
// gets its layout while the flight checked in before keeps the old one.
import { expect, test, type Page } from '@playwright/test';
import type { EditorView } from '../src/shared/editor';
import { signInAsManager } from './support';

const status = (page: Page) => page.getByRole('region', { name: 'Template actions' }).getByRole('status');
const slot = (page: Page, n: number) => page.getByRole('listitem', { name: `Slot ${n}`, exact: true });

async function checkIn(page: Page, passengerNames: string): Promise<EditorView> {
  return page.evaluate(async (names) => {
    const flight = await window.magnum.recordings.checkIn({ passengerNames: names });
    if (!flight.ok) throw new Error(flight.error.message);
    const view = await window.magnum.editor.get({ recordingId: flight.value.id });
    if (!view.ok) throw new Error(view.error.message);
    return view.value;
  }, passengerNames);
}

const layoutOf = (view: EditorView) =>
  view.slots.map(
    (s) => `${s.sceneType} ${s.cameraAngle} ${s.slotDuration}${s.seamlessWithPrevious ? ' ~' : ''}`,
  );

test('an admin edits a template, makes it active, and only new check-ins take its slots', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsManager(page);
  const before = await checkIn(page, 'Early Bird');

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Templates →' }).click();
  await expect(page.getByRole('heading', { name: 'Templates', exact: true })).toBeVisible();
  const defaultCard = page.getByRole('button', { name: /^Default 8-slot/ });
  await expect(defaultCard).toHaveAttribute('aria-pressed', 'true');
  await expect(defaultCard).toContainText('Active');
  await expect(
    page.getByRole('group', { name: 'Intro' }).getByRole('button', { name: 'scenic-flight-intro.mp4' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: 'test-results/screens/templates-1280x800.png' });

  await page.getByRole('button', { name: 'New from this one' }).click();
  await page.getByLabel('Template name').fill('Sunset tours');
  await page.locator('.hg-button[data-skbtn="{done}"]').first().click();

  // Slot 4 on the rear camera for 4.5 s: slot 5 (also rear now) can no longer be seamless, and says why.
  await slot(page, 4)
    .getByRole('group', { name: 'Slot 4 camera' })
    .getByRole('button', { name: 'Cam 2' })
    .click();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Longer: slot 4' }).click();
  await expect(page.getByLabel('Slot 4 seconds')).toHaveText('4.5 s');
  await expect(page.getByRole('button', { name: 'Slot 5 seamless with previous' })).toBeDisabled();
  await expect(slot(page, 5)).toContainText(
    'Slots 4 and 5 both use camera 2: seamless needs the other camera.',
  );

  // Slot 2 carries on from slot 1 on the other camera.
  const seamless2 = page.getByRole('button', { name: 'Slot 2 seamless with previous' });
  await seamless2.click();
  await expect(seamless2).toHaveAttribute('aria-pressed', 'true');

  // The title: tap-to-insert placeholders with a live example.
  await page.getByRole('button', { name: 'Add Pilot' }).click();
  await expect(page.getByLabel('Title example')).toContainText('Anna & Ben Keller - 14 June 2025 Sam Ortega');

  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(status(page)).toContainText('Saved');
  await page.getByRole('button', { name: 'Make active' }).click();
  const dialog = page.getByRole('dialog', { name: /Make “Sunset tours” the active template/ });
  await expect(dialog).toContainText('Flights already checked in keep their slots.');
  await dialog.getByRole('button', { name: 'Make active' }).click();
  await expect(status(page)).toContainText('Active. Flights checked in from now on use this template.');
  await page.screenshot({ path: 'test-results/screens/templates-edited-1280x800.png', fullPage: true });

  // After a reload (the tab keeps its session and screen) the template is still there.
  await page.reload();
  await signInAsManager(page, '/#/templates');
  const sunsetCard = page.getByRole('button', { name: /^Sunset tours/ });
  await expect(sunsetCard).toContainText('Active');
  await expect(sunsetCard).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: /^Default 8-slot/ })).not.toContainText('Active');
  await expect(page.getByLabel('Slot 4 seconds')).toHaveText('4.5 s');
  await expect(
    page.getByRole('group', { name: 'Slot 4 camera' }).getByRole('button', { name: 'Cam 2' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Slot 2 seamless with previous' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  const after = await checkIn(page, 'Late Riser');
  expect(after.template?.name).toBe('Sunset tours');
  expect(layoutOf(after)).toEqual([
    'cruising 1 3',
    'cruising 2 3 ~',
    'cruising 1 3',
    'chase 2 4.5',
    'chase 2 3',
    'chase 1 3',
    'arrival 1 3',
    'arrival 2 3',
  ]);
  expect(layoutOf(before)).toEqual([
    'cruising 1 3',
    'cruising 2 3',
    'cruising 1 3',
    'chase 1 3',
    'chase 2 3',
    'chase 1 3',
    'arrival 1 3',
    'arrival 2 3',
  ]);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/templates-1920x1080.png' });
});

test('opening another template over unsaved changes asks first, and discarding drops them', async ({
  page,
}) => {
  await signInAsManager(page);
  await page.goto('/#/templates');
  await page.getByRole('button', { name: 'New from this one' }).click();
  await expect(status(page)).toContainText('Not saved yet');
  const unsaved = page.getByRole('button', { name: /New, not saved/ });
  await expect(unsaved).toBeVisible();

  await page.getByRole('button', { name: /^Default 8-slot/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Discard your changes?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(unsaved).toBeVisible();

  await page.getByRole('button', { name: /^Default 8-slot/ }).click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(unsaved).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Default 8-slot/ })).toHaveAttribute('aria-pressed', 'true');
});
