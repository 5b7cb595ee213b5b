// Check-in → three scenes → the souvenir video → the sale, as the crew do it, counting every tap (typed
// characters excluded) on a kiosk host of this file's own with fake cameras 0 and 2. The video makes itself
// while the crew film (no Export tap) and is checked frame by frame; a host killed with SIGKILL while it renders
// a piece still makes the video right once it is started again.
//
// Before (measured by this spec's first version, 19 taps; the 22 also counted the Flights tab on the
// way to check-in, the keyboard's Done and a bundle tap, which checkout already preselected):
//    1 Check in a flight (home)          2 the name field (its keyboard opens)   3 Check in and film
//    4 Start Cruising   5 Stop Cruising   6 Start Chase   7 Stop Chase   8 Start Arrival   9 Stop Arrival
//   10 Done — back to flights          11 Edit (the flight's row)              12 the 8 slots tab (a look over)
//   13 the Export tab                  14 Make the video (then wait ~1 min)    15 the Sales tab
//   16 Sell (the flight's card)        17 Card terminal                         18 Take $25.00
//   19 Sale done (the confirmation)
// After (13 taps): 1–9 as before; 10 Sell now (the filming screen, once all three scenes are saved; the video
// is being made by itself); 11 Card terminal; 12 Take $25.00; 13 Sale done. Taps 10–16 and the wait are gone:
// the bundle is preselected (Video Only: the only one whose sole missing part is the video being made).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import type { ExportJobView } from '../src/shared/exports';
import type { EditorView } from '../src/shared/editor';
import { fileTimeAt } from '../src/shared/edit-math';
import {
  countFrames,
  decodeErrors,
  findFfprobe,
  frameDifference,
  streamDurations,
  timestampGaps,
} from '../src/main/exports/pieces/video-checks';
import {
  changeSettings,
  checkInByApi,
  countTaps,
  dismissNotices,
  ffmpegPath,
  footageFile,
  signInAsManager,
  startOwnHost,
  useMovingFakeCameras,
  waitUntilRecording,
  type OwnHost,
  type TapCounter,
} from './support';

test.describe.configure({ mode: 'serial' });

let host: OwnHost;
let dataDir: string;
const HOST_ARGS = ['--download-port', '0', '--download-host', '127.0.0.1'];

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'magnum-instant-video-e2e-'));
  host = await startOwnHost(dataDir, HOST_ARGS);
});

test.afterAll(async () => {
  await host?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const SCENES = ['Cruising', 'Chase', 'Arrival'] as const;
const MAX_TAPS = 15;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}-1280x800.png` });

/** Films one scene: Start, a few seconds once both cameras say REC, Stop, saved. */
async function filmScene(page: Page, taps: TapCounter, scene: string, seconds: number): Promise<void> {
  await taps.tap(page.getByRole('button', { name: `Start ${scene}` }), `start ${scene}`);
  await waitUntilRecording(page);
  await page.waitForTimeout(seconds * 1000);
  await taps.tap(page.getByRole('button', { name: `Stop ${scene}` }), `stop ${scene}`);
  await expect(page.getByRole('status').filter({ hasText: `${scene} saved` })).toBeVisible({
    timeout: 20_000,
  });
}

async function videoJobs(page: Page, recordingId: string): Promise<ExportJobView[]> {
  return page.evaluate(async (id) => {
    const jobs = await window.magnum.exports.list({ recordingId: id });
    return jobs.ok ? jobs.value.filter((job) => job.kind === 'video') : [];
  }, recordingId);
}

async function editorView(page: Page, recordingId: string): Promise<EditorView> {
  const result = await page.evaluate((id) => window.magnum.editor.get({ recordingId: id }), recordingId);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Seconds of the first video stream of a file, as ffprobe reads its stream header. */
function streamSeconds(file: string): number {
  const probe = spawnSync(
    findFfprobe(),
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=duration', '-of', 'csv=p=0', file],
    { encoding: 'utf8' },
  );
  return Number(probe.stdout.trim());
}

/** For a failing gap check: "frame 434: 1024 ticks" for each step of the picture that is not one frame. */
function unevenSteps(file: string): string[] {
  const probe = spawnSync(
    findFfprobe(),
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts', '-of', 'csv=p=0', file],
    { encoding: 'utf8' },
  );
  const pts = probe.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number)
    .filter((value) => Number.isFinite(value))
    .sort((a, b) => a - b);
  const steps = pts.slice(1).map((value, index) => value - pts[index]!);
  const usual = steps.sort((a, b) => a - b)[Math.floor(steps.length / 2)];
  return pts
    .slice(1)
    .map((value, index) => [index + 1, value - pts[index]!] as const)
    .filter(([, step]) => Math.abs(step - usual!) > 1)
    .map(([frame, step]) => `frame ${frame}: ${step} ticks (one frame is ${usual})`);
}

/**
 * Item 4 of the issue on a made video: frame count = duration × fps exactly, sound as long as the picture
 * within one frame, no decode error, no timestamp gap, and each slot's first frame the frame its camera file
 * has at the window's start (found in the joined video at the slot's start, after the intro).
 */
async function expectCleanJoins(page: Page, recordingId: string, video: string): Promise<void> {
  // Soft: one flaw does not hide the others; the test still fails on any of them.
  const ffprobe = findFfprobe();
  const ffmpeg = ffmpegPath();
  const view = await editorView(page, recordingId);
  const fps = view.template?.frameRate ?? 30;

  const frames = await countFrames(ffprobe, video);
  const { video: pictureSeconds, audio: soundSeconds } = await streamDurations(ffprobe, video);
  console.log(`video: ${frames} frames, picture ${pictureSeconds} s, sound ${soundSeconds} s at ${fps} fps`);
  expect.soft(frames).toBe(Math.round(pictureSeconds * fps));
  expect.soft(Math.abs(frames - pictureSeconds * fps), 'a whole number of frames').toBeLessThan(0.01);
  expect.soft(soundSeconds, 'every video has sound').not.toBeNull();
  expect.soft(Math.abs(soundSeconds! - pictureSeconds)).toBeLessThanOrEqual(1 / fps + 1e-3);
  expect.soft(await decodeErrors(ffmpeg, video)).toEqual([]);
  const gaps = await timestampGaps(ffprobe, video, fps);
  if (gaps > 0) console.log(`timestamp steps that are not one frame: ${unevenSteps(video).join(', ')}`);
  expect.soft(gaps, 'timestamp gaps').toBe(0);

  // Where each slot starts in the video: after the intro, the slots in order, each a whole number of frames.
  const intro = path.resolve('resources/intros/scenic-flight-intro.mp4');
  let frame = Math.round(streamSeconds(intro) * fps);
  const size = { width: 64, height: 36 };
  for (const slot of [...view.slots].sort((a, b) => a.slotNumber - b.slotNumber)) {
    const scene = view.scenes.find((candidate) => candidate.id === slot.sceneId)!;
    const url = slot.cameraAngle === 1 ? scene.camera1Url : scene.camera2Url;
    const footage = (slot.cameraAngle === 1 ? scene.camera1Duration : scene.camera2Duration) ?? 0;
    const fileStart = Math.max(0, fileTimeAt(slot.windowStart, slot.cameraAngle, scene.offsetMs));
    const source = footageFile(dataDir, url!);
    // A quarter frame before it: a seek keeps the first frame at or after the time asked, so this is the slot's
    // first frame (half a frame in would be its second, which differs when the take opens on a repeated frame).
    const inVideo = { file: video, at: (frame - 0.25) / fps };
    const same = await frameDifference(ffmpeg, inVideo, { file: source, at: fileStart }, size);
    // A second away, before the window when there is room (a window may end where its footage ends).
    const other = fileStart >= 1 ? fileStart - 1 : fileStart + 1;
    const later = await frameDifference(ffmpeg, inVideo, { file: source, at: other }, size);
    console.log(
      `slot ${slot.slotNumber} (${scene.sceneType}, camera ${slot.cameraAngle}) at frame ${frame}: ` +
        `differs ${same.toFixed(2)} from its window's start, ${later.toFixed(2)} from a second away`,
    );
    expect.soft(same, `slot ${slot.slotNumber}'s first frame is its window's start`).toBeLessThan(8);
    expect.soft(same, `slot ${slot.slotNumber} is not any frame of the scene`).toBeLessThan(later);
    frame += Math.max(1, Math.round(Math.min(slot.slotDuration, footage - fileStart) * fps));
  }
}

/** The finished video's file on disk (the export's own name in the flight's media folder). */
const videoFileOf = (job: ExportJobView) => footageFile(dataDir, job.videoUrl!.split('?')[0]!);

test('check-in to sale done in at most 15 taps; the video makes itself, with clean joins', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const taps = await countTaps(page);
  await signInAsManager(page, host.url);
  await useMovingFakeCameras(page);
  await changeSettings(page, { minSceneSeconds: 2 });
  await page.goto(`${host.url}#/home`);
  await dismissNotices(page);
  taps.reset();

  await taps.tap(page.getByRole('button', { name: 'Check in a flight' }), 'open check-in');
  await taps.tap(page.getByLabel('Passenger name(s)'), 'tap the name field (its keyboard opens)');
  await page.getByLabel('Passenger name(s)').fill('Ines Instant');
  await taps.tap(page.getByRole('button', { name: 'Check in and film' }), 'check in and film');
  await expect(page.getByRole('heading', { name: 'Ines Instant' })).toBeVisible();
  const flightId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
  // No scene is picked between takes: after each save the screen is on the next scene by itself.
  for (const scene of SCENES) await filmScene(page, taps, scene, 4);

  // Filming done: the video is being made (or made already) with no Export tap; "Sell now" is offered.
  const video = page.getByRole('region', { name: 'The souvenir video' });
  await expect(video).toContainText(/Making the video… \d+ %|Video waiting|Video ready/, { timeout: 20_000 });
  if (await video.getByRole('progressbar').isVisible()) await shot(page, 'capture-done-making');
  await expect(video).toContainText('Video ready', { timeout: 120_000 });
  await shot(page, 'capture-done-ready');
  await taps.tap(page.getByRole('button', { name: 'Sell now' }), 'sell now (this flight’s checkout)');

  await expect(page.getByRole('heading', { name: 'Sell · Ines Instant' })).toBeVisible();
  await expect(page.getByLabel('The souvenir video')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('radio', { name: /Video Only/ })).toHaveAttribute('aria-checked', 'true');
  await taps.tap(page.getByRole('radio', { name: 'Card terminal' }), 'say how the customer paid');
  await shot(page, 'checkout-instant');
  await taps.tap(page.locator('.checkout-confirm'), 'take the payment');
  await taps.tap(
    page.getByRole('dialog', { name: 'Confirm the sale' }).getByRole('button', { name: 'Sale done' }),
    'confirm the sale',
  );
  await expect(page.getByRole('article', { name: 'Receipt' })).toContainText('Ines Instant');
  await expect(page.getByRole('article', { name: 'Receipt' })).toContainText('Video Only');

  console.log(`Taps from check-in to sale done: ${taps.taps.length}\n${taps.report()}`);
  expect(taps.taps.map((tap) => tap.why)).not.toContain('(a tap the test did not announce)');
  expect(taps.taps.length).toBeLessThanOrEqual(MAX_TAPS);

  // Made by the kiosk itself (nobody queued it from a screen), once, from the footage filmed.
  const jobs = await videoJobs(page, flightId);
  expect(jobs.filter((job) => job.status === 'completed')).toHaveLength(1);
  await expectCleanJoins(page, flightId, videoFileOf(jobs.find((job) => job.status === 'completed')!));
});

/** The piece files being written now (a render's temporary name) in the host's piece cache. */
function piecesBeingWritten(): string[] {
  const folder = path.join(dataDir, 'cache', 'pieces');
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.includes('.partial-')) : [];
}

/** ffmpeg processes rendering into this host's piece cache (a killed host leaves them behind). */
function pieceRenderers(): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes(path.join(dataDir, 'cache', 'pieces')) && /ffmpeg/.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

test('a host killed with SIGKILL while it renders a piece makes the video right once started again', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const taps = await countTaps(page); // (filmScene taps through it; not counted here)
  await signInAsManager(page, host.url);
  await useMovingFakeCameras(page);
  await changeSettings(page, { minSceneSeconds: 2 });
  const flightId = await checkInByApi(page, 'Kai Killed-Render');
  await page.goto(`${host.url}#/capture/${flightId}`);
  await filmScene(page, taps, 'Cruising', 4);
  await filmScene(page, taps, 'Chase', 4);
  await filmScene(page, taps, 'Arrival', 4);

  // The last scene's pieces render now: the host is killed while one is being written.
  await expect
    .poll(() => piecesBeingWritten().length, { timeout: 30_000, intervals: [10] })
    .toBeGreaterThan(0);
  const writing = piecesBeingWritten();
  await host.kill('SIGKILL');
  console.log(`killed while writing ${writing.join(', ')}`);
  // Its ffmpeg children outlive it; they are this test's to end (by pid), as a power cut would have.
  for (const pid of pieceRenderers()) process.kill(pid, 'SIGKILL');
  expect((await videoJobs(page, flightId).catch(() => [])).some((job) => job.status === 'completed')).toBe(
    false,
  );

  host = await startOwnHost(dataDir, HOST_ARGS);
  await signInAsManager(page, host.url);
  await expect
    .poll(async () => (await videoJobs(page, flightId)).find((job) => job.status === 'completed'), {
      timeout: 180_000,
      intervals: [1_000],
    })
    .toBeTruthy();
  expect(piecesBeingWritten(), 'no half piece is left in the cache').toEqual([]);
  const done = (await videoJobs(page, flightId)).find((job) => job.status === 'completed')!;
  await expectCleanJoins(page, flightId, videoFileOf(done));

  // The filming screen of that flight says so.
  await page.goto(`${host.url}#/capture/${flightId}`);
  await expect(page.getByRole('region', { name: 'The souvenir video' })).toContainText('Video ready');
});
