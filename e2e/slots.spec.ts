// Choosing the eight windows of a souvenir video on demo flights (a kiosk host of this file's own, on its own
// copy of the run's demo flights, filmed by two offset cameras): drag, nudge and step each window, find them
// saved after a reload, see camera 2 seeked with its offset, and play the whole video.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { angleRange, fileTimeAt, sequenceOf, type SceneFootage } from '../src/shared/edit-math';
import type { EditorView } from '../src/shared/editor';
import type { SlotView } from '../src/shared/slots';
import { dismissNotices, findFilmedDemoFlight, signInAsManager, useDemoHost } from './support';

test.describe.configure({ mode: 'serial' });

const demo = useDemoHost('magnum-slots-e2e-');

test.beforeAll(() => {
  mkdirSync('test-results/screens', { recursive: true });
});

async function editorView(page: Page, recordingId: string): Promise<EditorView> {
  const result = await page.evaluate((id) => window.magnum.editor.get({ recordingId: id }), recordingId);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const footageOf = (view: EditorView, sceneId: string): SceneFootage => {
  const scene = view.scenes.find((s) => s.id === sceneId)!;
  return {
    camera1Duration: scene.camera1Duration,
    camera2Duration: scene.camera2Duration,
    offsetMs: scene.offsetMs,
  };
};

async function openSlotTab(page: Page, recordingId: string): Promise<void> {
  await page.goto(`${demo.host.url}#/edit/${recordingId}`);
  await page.getByRole('tab', { name: '8 slots' }).click();
  await expect(page.getByRole('tab', { name: '8 slots' })).toHaveAttribute('aria-selected', 'true');
  await dismissNotices(page);
}

const card = (page: Page, slot: number) => page.locator(`.slot-card[data-slot="${slot}"]`);
const status = (page: Page) => page.locator('.slot-status');

async function pick(page: Page, slot: number): Promise<void> {
  await card(page, slot).click();
  await expect(card(page, slot)).toHaveAttribute('aria-pressed', 'true');
}

/** Drags slot's window along the track by `seconds` of scene time, with a finger-like pointer. */
async function dragWindow(page: Page, seconds: number, trackLength: number): Promise<void> {
  const track = (await page.getByTestId('slot-track').boundingBox())!;
  const block = (await page.getByRole('slider', { name: /Window of slot/ }).boundingBox())!;
  const x = block.x + block.width / 2;
  const y = block.y + block.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (seconds / trackLength) * track.width, y, { steps: 12 });
  await page.mouse.up();
}

const saved = (view: EditorView, slot: number): SlotView => view.slots.find((s) => s.slotNumber === slot)!;

test('crew set all eight windows, find them saved after a reload, and play the whole video', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signInAsManager(page, demo.host.url);
  const flight = await findFilmedDemoFlight(page, false);
  await openSlotTab(page, flight.id);
  const before = await editorView(page, flight.id);
  const rangeOf = (slot: number) => {
    const s = saved(before, slot);
    return angleRange(footageOf(before, s.sceneId), s.cameraAngle)!;
  };
  const lengthOf = (slot: number) => rangeOf(slot).end - rangeOf(slot).start;
  const start = (slot: number) => saved(before, slot).windowStart;
  const expected = new Map<number, { windowStart: number; slotDuration: number; tolerance: number }>();

  // Slot 1: dragged 2 s later.
  await pick(page, 1);
  await dragWindow(page, 2, lengthOf(1));
  expected.set(1, { windowStart: start(1) + 2, slotDuration: 3, tolerance: 0.15 });

  // Slot 2 is on camera 2: nudged 1.1 s later; the paused preview sits at that moment minus the offset.
  await pick(page, 2);
  await page.getByRole('button', { name: 'Pause preview' }).click();
  await page.getByRole('button', { name: 'Move 1 s later' }).click();
  await page.getByRole('button', { name: 'Move 0.1 s later' }).click();
  const slot2 = saved(before, 2);
  expect(slot2.cameraAngle).toBe(2);
  const slot2Start = start(2) + 1.1;
  expected.set(2, { windowStart: slot2Start, slotDuration: 3, tolerance: 0.001 });
  const offsetMs = footageOf(before, slot2.sceneId).offsetMs;
  expect(offsetMs).not.toBe(0);
  await expect
    .poll(() => page.locator('video.slot-preview-video').evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeCloseTo(fileTimeAt(slot2Start, 2, offsetMs), 2);
  expect(await page.locator('video.slot-preview-video').getAttribute('data-camera')).toBe('2');

  // Slot 3: two steps longer, then 1 s earlier.
  await pick(page, 3);
  await page.getByRole('button', { name: 'Longer by 0.5 s' }).click();
  await page.getByRole('button', { name: 'Longer by 0.5 s' }).click();
  await page.getByRole('button', { name: 'Move 1 s earlier' }).click();
  expected.set(3, { windowStart: start(3) - 1, slotDuration: 4, tolerance: 0.001 });

  // Slot 4: dragged 3 s later.
  await pick(page, 4);
  await dragWindow(page, 3, lengthOf(4));
  expected.set(4, { windowStart: start(4) + 3, slotDuration: 3, tolerance: 0.15 });

  // Slot 5: a tap on the strip a quarter of the way along centres the window there.
  await pick(page, 5);
  const track5 = (await page.getByTestId('slot-track').boundingBox())!;
  await page.mouse.click(track5.x + track5.width / 4, track5.y + track5.height / 2);
  const quarter = rangeOf(5).start + lengthOf(5) / 4;
  expected.set(5, { windowStart: quarter - 1.5, slotDuration: 3, tolerance: 0.15 });

  // Slot 6: one step shorter, 1 s later.
  await pick(page, 6);
  await page.getByRole('button', { name: 'Shorter by 0.5 s' }).click();
  await page.getByRole('button', { name: 'Move 1 s later' }).click();
  expected.set(6, { windowStart: start(6) + 1, slotDuration: 2.5, tolerance: 0.001 });

  // Slot 7: three nudges of 0.1 s earlier.
  await pick(page, 7);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Move 0.1 s earlier' }).click();
  expected.set(7, { windowStart: start(7) - 0.3, slotDuration: 3, tolerance: 0.001 });

  // Slot 8: dragged far past the end stops at the end of camera 2's footage.
  await pick(page, 8);
  await dragWindow(page, 8, lengthOf(8));
  expected.set(8, { windowStart: rangeOf(8).end - 3, slotDuration: 3, tolerance: 0.001 });
  await expect(status(page)).toHaveText('Saved');
  await page.screenshot({ path: 'test-results/screens/slots-1280x800.png' });
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);
  expect(fits, 'the slot editor fits 1280×800 without scrolling').toBe(true);

  const check = (view: EditorView) => {
    for (const [slot, want] of expected) {
      const got = saved(view, slot);
      expect(Math.abs(got.windowStart - want.windowStart), `slot ${slot} start`).toBeLessThanOrEqual(
        want.tolerance,
      );
      expect(got.slotDuration, `slot ${slot} length`).toBeCloseTo(want.slotDuration, 3);
      expect(got.windowStart, `slot ${slot} moved`).not.toBeCloseTo(saved(before, slot).windowStart, 2);
    }
  };
  const after = await editorView(page, flight.id);
  check(after);

  // A reload (the tab keeps its session) shows the same windows on the cards.
  await page.reload();
  await signInAsManager(page, demo.host.url);
  await openSlotTab(page, flight.id);
  for (const slot of after.slots) {
    const end = slot.windowStart + slot.slotDuration;
    const format = (n: number) => `${(Math.round(n * 10) / 10).toFixed(1)} s`;
    await expect(card(page, slot.slotNumber)).toContainText(`${format(slot.windowStart)} – ${format(end)}`);
  }
  check(await editorView(page, flight.id));

  // The whole video: every slot plays in order, each inside its own window of its own camera's file.
  const steps = sequenceOf(after.slots, (sceneId) => footageOf(after, sceneId));
  await page.evaluate(() => {
    const samples: { slot: string; active: string; time: number; camera: string }[] = [];
    (window as unknown as { samples: typeof samples }).samples = samples;
    const sample = () => {
      const bar = document.querySelector<HTMLElement>('[data-testid="sequence-bar"]');
      const video = document.querySelector<HTMLVideoElement>('video.sequence-video[data-active="true"]');
      if (bar && video && !video.paused)
        samples.push({
          slot: bar.dataset.slot ?? '',
          active: video.dataset.slot ?? '',
          time: video.currentTime,
          camera: video.dataset.url ?? '',
        });
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.getByRole('button', { name: 'Play the whole video' }).click();
  await expect(page.locator('.sequence-now')).toHaveText(/Slot [1-8] of 8/);
  await page.waitForTimeout(4_000);
  await page.screenshot({ path: 'test-results/screens/slots-sequence-1280x800.png' });
  await expect(page.locator('.sequence-now')).toHaveText('Played all 8 slots', { timeout: 90_000 });
  await expect(page.getByTestId('sequence-bar')).toHaveAttribute('data-slot', 'done');
  const samples = await page.evaluate(
    () =>
      (window as unknown as { samples: { slot: string; active: string; time: number; camera: string }[] })
        .samples,
  );
  const barOrder = samples.map((s) => s.slot).filter((s, i, all) => s !== '' && s !== all[i - 1]);
  expect(barOrder).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  for (const step of steps) {
    const during = samples.filter((s) => s.active === String(step.slotNumber));
    expect(during.length, `slot ${step.slotNumber} was seen playing`).toBeGreaterThan(3);
    const scene = after.scenes.find((s) => s.id === step.sceneId)!;
    const url = step.cameraAngle === 1 ? scene.camera1Url : scene.camera2Url;
    for (const s of during) {
      expect(s.camera).toBe(url);
      expect(s.time, `slot ${step.slotNumber} time`).toBeGreaterThanOrEqual(step.fileStart - 0.05);
      expect(s.time, `slot ${step.slotNumber} time`).toBeLessThanOrEqual(
        step.fileStart + step.duration + 0.1,
      );
    }
  }

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await pick(page, 2);
  await page.screenshot({ path: 'test-results/screens/slots-1920x1080.png' });
  const fitsLarge = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);
  expect(fitsLarge, 'the slot editor fits 1920×1080 without scrolling').toBe(true);
});

test('a sold flight’s windows change only after the crew confirm it', async ({ page }) => {
  test.setTimeout(300_000);
  await signInAsManager(page, demo.host.url);
  const flight = await findFilmedDemoFlight(page, true);
  await openSlotTab(page, flight.id);
  const before = await editorView(page, flight.id);
  expect(before.editNeedsConfirmation).toBe(true);

  await pick(page, 1);
  await expect(page.getByRole('button', { name: 'Move 1 s later' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Spread evenly' })).toBeDisabled();
  await page.getByRole('button', { name: 'Change it anyway' }).click();
  await page.getByRole('button', { name: 'Yes, change it' }).click();
  await page.getByRole('button', { name: 'Move 1 s later' }).click();
  await expect(status(page)).toHaveText('Saved');
  const after = await editorView(page, flight.id);
  expect(saved(after, 1).windowStart).toBeCloseTo(saved(before, 1).windowStart + 1, 3);
});
