// Marking a scene's moments on the timeline with a finger (pointer events), on a demo flight (a kiosk host of
// this file's own, on its own copy of the run's demo flights): add, move, resize, change camera, delete, undo
// and redo, then reload and find exactly what was saved.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { EditorView } from '../src/shared/editor';
import { dismissNotices, signInAsManager, useDemoHost } from './support';

test.describe.configure({ mode: 'serial' });

const demo = useDemoHost('magnum-segments-e2e-');

/** A demo flight the crew may edit freely (not sold or exported) whose cruising scene has both angles and no segments. */
async function waitForEditableFlight(page: Page): Promise<EditorView> {
  let found: EditorView | null = null;
  await expect
    .poll(
      async () => {
        found = await page.evaluate(async () => {
          const list = await window.magnum.recordings.list({});
          if (!list.ok) return null;
          for (const item of list.value.items) {
            const view = await window.magnum.editor.get({ recordingId: item.id });
            if (!view.ok || view.value.editNeedsConfirmation) continue;
            const scenes = view.value.scenes;
            const filmed = scenes.every((s) => s.camera1Url && s.camera2Url && s.status === 'recorded');
            const cruising = scenes[0];
            if (filmed && cruising && (cruising.offsetMs ?? 0) !== 0 && cruising.segments.length === 0) {
              return view.value;
            }
          }
          return null;
        });
        return found !== null;
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toBe(true);
  return found!;
}

const segmentButton = (page: Page, name: RegExp | string) =>
  page.getByRole('button', { name: typeof name === 'string' ? name : name });

/** Drags with the mouse through real pointer events, in small steps as a finger would. */
async function drag(page: Page, from: { x: number; y: number }, dx: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y, { steps: 12 });
  await page.mouse.up();
}

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('crew add, move, resize, re-angle and delete segments by touch, undo and redo, and find them saved after a reload', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsManager(page, demo.host.url);
  const flight = await waitForEditableFlight(page);
  const cruising = flight.scenes[0]!;
  const length = Math.max(cruising.camera1Duration!, cruising.offsetMs! / 1000 + cruising.camera2Duration!);
  await dismissNotices(page);
  await page.evaluate((id) => (window.location.hash = `#/edit/${id}`), flight.recording.id);
  await expect(page.getByRole('tab', { name: 'Cruising' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status', { name: 'Autosave' })).toHaveText('Saved');

  const ruler = page.getByLabel('Scene time: tap or drag to move the playhead');
  const rulerBox = (await ruler.boundingBox())!;
  const pxPerSecond = rulerBox.width / length;
  const xAt = (seconds: number) => rulerBox.x + seconds * pxPerSecond;
  const tapRulerAt = (seconds: number) => page.mouse.click(xAt(seconds), rulerBox.y + rulerBox.height / 2);
  const saved = page.getByRole('status', { name: 'Autosave' });

  // Two segments: 2 s on camera 1, then 10 s on camera 2 (its lane chosen first).
  await tapRulerAt(2);
  await expect(page.getByLabel('Playhead', { exact: true })).toHaveText('0:02.0');
  await page.getByRole('button', { name: 'Add at playhead' }).click();
  await expect(segmentButton(page, 'Segment 1, camera 1, 0:02.0 to 0:05.0')).toBeVisible();
  await tapRulerAt(10);
  await page.getByRole('button', { name: 'Camera 2 lane' }).click();
  await page.getByRole('button', { name: 'Add at playhead' }).click();
  await expect(segmentButton(page, 'Segment 2, camera 2, 0:10.0 to 0:13.0')).toBeVisible();
  await expect(saved).toHaveText('Saved');

  // Move segment 1 three seconds later by its body.
  await drag(page, await centreOf(segmentButton(page, /^Segment 1,/)), 3 * pxPerSecond);
  await expect(segmentButton(page, 'Segment 1, camera 1, 0:05.0 to 0:08.0')).toBeVisible();

  // Resize segment 2 by its end handle, two seconds longer.
  await segmentButton(page, /^Segment 2,/).click();
  const endHandle = segmentButton(page, /^Segment 2,/).locator('[data-handle="end"]');
  const handleBox = (await endHandle.boundingBox())!;
  expect(handleBox.width, 'the handle is a glove-sized target').toBeGreaterThanOrEqual(48);
  expect(handleBox.height).toBeGreaterThanOrEqual(48);
  await drag(page, await centreOf(endHandle), 2 * pxPerSecond);
  await expect(segmentButton(page, 'Segment 2, camera 2, 0:10.0 to 0:15.0')).toBeVisible();

  // Segment 1 goes to camera 2.
  await segmentButton(page, /^Segment 1,/).click();
  await page.getByRole('group', { name: 'Camera angle' }).getByRole('button', { name: 'Camera 2' }).click();
  await expect(segmentButton(page, 'Segment 1, camera 2, 0:05.0 to 0:08.0')).toBeVisible();
  await expect(page.locator('.timeline-lane[data-angle="2"] .timeline-segment')).toHaveCount(2);

  // Delete segment 1 (asked first): the other one becomes segment 1.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete segment 1?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete segment' }).click();
  await expect(segmentButton(page, /^Segment \d/)).toHaveCount(1);
  await expect(segmentButton(page, 'Segment 1, camera 2, 0:10.0 to 0:15.0')).toBeVisible();

  // Undo (keyboard) brings it back with its number; Redo (button) deletes it again.
  await page.keyboard.press('Control+z');
  await expect(segmentButton(page, /^Segment \d/)).toHaveCount(2);
  await expect(segmentButton(page, 'Segment 1, camera 2, 0:05.0 to 0:08.0')).toBeVisible();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(segmentButton(page, /^Segment \d/)).toHaveCount(1);

  // One more, before the others: it takes number 1.
  await tapRulerAt(1);
  await page.getByRole('button', { name: 'Camera 1 lane' }).click();
  await page.getByRole('button', { name: 'Add at playhead' }).click();
  await expect(segmentButton(page, 'Segment 1, camera 1, 0:01.0 to 0:04.0')).toBeVisible();
  await expect(segmentButton(page, 'Segment 2, camera 2, 0:10.0 to 0:15.0')).toBeVisible();
  await expect(saved).toHaveText('Saved');

  await page.screenshot({ path: 'test-results/screens/segments-1280x800.png' });
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);
  expect(fits, 'the segment editor fits 1280×800 without scrolling').toBe(true);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screens/segments-1920x1080.png' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // After a reload (the tab keeps its session and screen) the editor shows what main kept.
  await page.reload();
  await signInAsManager(page, `${demo.host.url}#/edit/${flight.recording.id}`);
  await expect(page.getByRole('tab', { name: 'Cruising' })).toHaveAttribute('aria-selected', 'true');
  await expect(segmentButton(page, /^Segment \d/)).toHaveCount(2);
  await expect(segmentButton(page, 'Segment 1, camera 1, 0:01.0 to 0:04.0')).toBeVisible();
  await expect(segmentButton(page, 'Segment 2, camera 2, 0:10.0 to 0:15.0')).toBeVisible();

  const stored = await page.evaluate(
    (recordingId) => window.magnum.editor.get({ recordingId }),
    flight.recording.id,
  );
  expect(stored.ok).toBe(true);
  if (!stored.ok) return;
  const segments = stored.value.scenes[0]!.segments;
  expect(segments.map((s) => [s.segmentNumber, s.cameraAngle])).toEqual([
    [1, 1],
    [2, 2],
  ]);
  expect(segments[0]!.startTime).toBeCloseTo(1, 1);
  expect(segments[0]!.duration).toBeCloseTo(3, 1);
  expect(segments[1]!.startTime).toBeCloseTo(10, 1);
  expect(segments[1]!.duration).toBeCloseTo(5, 1);
});

test('a sold flight’s segments are shown but not changed until the crew confirm', async ({ page }) => {
  await signInAsManager(page, demo.host.url);
  const sold = await page.evaluate(async () => {
    const list = await window.magnum.recordings.list({});
    if (!list.ok) return null;
    for (const item of list.value.items) {
      const view = await window.magnum.editor.get({ recordingId: item.id });
      if (view.ok && view.value.editNeedsConfirmation && view.value.scenes[0]?.camera1Url) return view.value;
    }
    return null;
  });
  expect(sold, 'the demo has a sold flight').not.toBeNull();
  await dismissNotices(page);
  await page.evaluate((id) => (window.location.hash = `#/edit/${id}`), sold!.recording.id);
  await expect(page.getByRole('status', { name: 'Autosave' })).toHaveText('Read only');
  await expect(page.getByRole('button', { name: 'Add at playhead' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();

  await page.getByRole('button', { name: 'Change it anyway' }).click();
  await page.getByRole('button', { name: 'Yes, change it' }).click();
  await expect(page.getByRole('button', { name: 'Add at playhead' })).toBeEnabled();
  await expect(page.getByRole('status', { name: 'Autosave' })).toHaveText('Saved');
});
