// npm run bench:export [-- --runs 3]: the souvenir video export on demo footage of 1 min and of 10 min per
// camera (the demo renderer's 1280×720 H.264, a keyframe a second; the 10 min files are the 1 min one ten
// times over, joined without re-encoding). The same 8 slots of 3 s each, spread at the same relative places in
// the footage, rendered to 1920×1080 at 30 fps with the title drawn over slot 1 (no intro or outro, so the
// output is the 24 s the goal names). Prints, side by side, as medians:
//   - the app's export from scratch: every piece rendered, then joined (queue, database, ffmpeg, rename);
//   - today's one-shot render (buildExportPlan's single ffmpeg command, run bare), the app's baseline before
//     pieces: pieces from scratch + join must stay within 1.1 × of it;
//   - last Stop → video ready: a flight whose pieces were prerendered while filming, the last scene (2 slots)
//     just saved: its pieces, the join and the poster;
//   - one slot changed → video ready (one piece, the join, the poster);
//   - how far the time left shown is from the real time left, once 10 % is done (goal within 25 %);
//   - the obvious approach (each slot cut to a file, then concatenated) and the 10 min / 1 min ratio (input
//     seeking should make it about 1).
// One from-scratch export runs first and is not counted (see main()).
// Exits 1 when 10 min / 1 min > 1.1 (it holds on any machine); the others depend on the CPU and its load, and are
// reported with a yardstick and the load average.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../db/open';
import { createDataAccess } from '../src/main/data-access';
import { findDemoFontDir, renderDemoClip } from '../src/main/demo/footage';
import { buildExportPlan, DEFAULT_ENCODER, fitToFrame } from '../src/main/exports/plan';
import { createExportService } from '../src/main/exports/service';
import type { ExportJobView } from '../src/shared/exports';
import { readExportSource } from '../src/main/exports/sources';
import { resolveFfmpeg } from '../src/main/ffmpeg/resolve';
import { runFfmpeg } from '../src/main/ffmpeg/run';
import { createEventHub } from '../src/main/ipc/events';
import { recordSceneMedia } from '../src/main/recordings/scenes';
import { createFlightRecording } from '../src/main/recordings/service';
import { ASSET_FONT_FILE } from '../src/main/templates/asset-recipes';
import { findResourcesDir } from '../src/main/templates/assets';
import { median } from './measure';

const ffmpeg = resolveFfmpeg().path;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;
const SLOT_SECONDS = 3;
const GOALS = { secondsFor24: 8, longOverShort: 1.1, piecesOverOneShot: 1.1, ready: 2, etaError: 0.25 };

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

/** One 60 s clip per camera, and a 600 s one made of ten copies of it (stream copy: seconds, not minutes). */
async function makeFootage(dir: string): Promise<Record<'short' | 'long', Record<1 | 2, string>>> {
  const fontDir = findDemoFontDir();
  const footage = { short: {}, long: {} } as Record<'short' | 'long', Record<1 | 2, string>>;
  for (const camera of [1, 2] as const) {
    const short = join(dir, `camera${camera}-60s.mp4`);
    await renderDemoClip(
      { camera, sceneType: 'cruising', durationSeconds: 60, clockStartMs: 0, flightLabel: 'BENCH' },
      short,
      { fontDir },
    );
    const list = join(dir, `camera${camera}-list.txt`);
    writeFileSync(list, Array.from({ length: 10 }, () => `file '${short}'`).join('\n'));
    const long = join(dir, `camera${camera}-600s.mp4`);
    execFileSync(ffmpeg, ['-v', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-y', long]);
    footage.short[camera] = short;
    footage.long[camera] = long;
  }
  return footage;
}

/** A data folder with one flight whose three scenes are the given footage, slots spread over it. */
async function makeFlight(root: string, files: Record<1 | 2, string>, seconds: number) {
  const dataDir = mkdtempSync(join(root, 'data-'));
  const database = await openDatabase(join(dataDir, 'magnum.db'));
  const flight = await createFlightRecording(
    database.db,
    { passenger_names: 'Anna & Ben Keller', flight_at: new Date().toISOString() },
    null,
  );
  const recordingId = flight.recording.id;
  for (const scene of flight.scenes) {
    const folder = join(dataDir, 'media', recordingId, scene.scene_type);
    mkdirSync(folder, { recursive: true });
    for (const camera of [1, 2] as const) linkSync(files[camera], join(folder, `camera${camera}.mp4`));
    await recordSceneMedia(
      database.db,
      scene.id,
      {
        camera1: {
          path: `media/${recordingId}/${scene.scene_type}/camera1.mp4`,
          duration: seconds,
          bytes: 1,
        },
        camera2: {
          path: `media/${recordingId}/${scene.scene_type}/camera2.mp4`,
          duration: seconds,
          bytes: 1,
        },
        camera_offset_ms: 0,
        status: 'recorded',
      },
      null,
    );
  }
  // The same relative places in short and long footage: 5 % to 95 % of the scene.
  for (let slot = 1; slot <= 8; slot++) {
    database.sqlite
      .prepare(
        'UPDATE video_slots SET window_start = ?, slot_duration = ? WHERE recording_id = ? AND slot_number = ?',
      )
      .run(
        Math.round(seconds * (0.05 + ((slot - 1) * 0.9) / 7) - SLOT_SECONDS / 2),
        SLOT_SECONDS,
        recordingId,
        slot,
      );
  }
  database.sqlite
    .prepare('UPDATE project_templates SET intro_asset = NULL, outro_asset = NULL, music_asset = NULL')
    .run();
  return { dataDir, database, recordingId };
}

type Flight = Awaited<ReturnType<typeof makeFlight>>;

/** Runs `work` on a fresh flight over the footage, then closes its database and removes its folder. */
async function onFlight(
  root: string,
  files: Record<1 | 2, string>,
  seconds: number,
  work: (flight: Flight) => Promise<number>,
): Promise<number> {
  const flight = await makeFlight(root, files, seconds);
  try {
    return await work(flight);
  } finally {
    await flight.database.close();
    rmSync(flight.dataDir, { recursive: true, force: true });
  }
}

function makeService(dataDir: string, database: Flight['database'], events = createEventHub()) {
  return createExportService({
    dataDir,
    data: createDataAccess({ handle: database }),
    logger: pino({ level: 'silent' }),
    events,
    resourcesDir: findResourcesDir(),
    ffmpegPath: () => ffmpeg,
    freeBytes: async () => null,
    photoRoots: async () => [],
  });
}

const admin = { id: crypto.randomUUID(), role: 'admin' as const };

/** Queues the flight's video and waits until it is ready; wall seconds. */
async function videoReady(service: ReturnType<typeof makeService>, recordingId: string): Promise<number> {
  const wall = await timed(async () => {
    await service.queue({ recordingId, kind: 'video' }, admin);
    await service.whenIdle();
  });
  const [job] = await service.list({ recordingId }, admin);
  if (job?.status !== 'completed') throw new Error(`export did not complete: ${job?.error}`);
  return wall;
}

/** ETA errors seen: |shown − real| / real, for every progress report once 10 % is done and ≥ 1 s is left. */
const etaErrors: number[] = [];
let etaWorstAt = '';

/** Every piece from scratch, then the join; records how good the time left was on the way. */
const appExport = (root: string, files: Record<1 | 2, string>, seconds: number) =>
  onFlight(root, files, seconds, async ({ dataDir, database, recordingId }) => {
    const events = createEventHub();
    const reports: Array<{ at: number; share: number; eta: number | null }> = [];
    events.subscribe((name, payload) => {
      const view = payload as ExportJobView;
      if (name === 'exports.progress' && view.status === 'processing') {
        reports.push({ at: performance.now(), share: view.progress, eta: view.etaSeconds });
      }
    });
    const service = makeService(dataDir, database, events);
    await service.start();
    const started = performance.now();
    const wall = await videoReady(service, recordingId);
    const ended = started + wall * 1000;
    // The time left the screens were sent (to a tenth of a second), against the time that really was left.
    for (const { at, share, eta } of reports) {
      const left = (ended - at) / 1000;
      if (share < 0.1 || share >= 1 || left < 1 || eta === null) continue;
      const error = Math.abs(eta - left) / left;
      if (error > Math.max(0, ...etaErrors)) {
        etaWorstAt = `at ${(share * 100).toFixed(0)} % done, ${((at - started) / 1000).toFixed(2)} s in: ${eta.toFixed(1)} s shown, ${left.toFixed(2)} s left`;
      }
      etaErrors.push(error);
    }
    await service.close();
    return wall;
  });

/** Last Stop → ready: the first two scenes' pieces prerendered while filming, then the arrival scene saved. */
const lastStopToReady = (root: string, files: Record<1 | 2, string>, seconds: number) =>
  onFlight(root, files, seconds, async ({ dataDir, database, recordingId }) => {
    const arrival = database.sqlite
      .prepare(
        "SELECT id, camera1_path, camera2_path FROM scene_recordings WHERE recording_id = ? AND scene_type = 'arrival'",
      )
      .get(recordingId) as { id: string; camera1_path: string; camera2_path: string };
    const setArrival = (one: string | null, two: string | null) =>
      database.sqlite
        .prepare('UPDATE scene_recordings SET camera1_path = ?, camera2_path = ? WHERE id = ?')
        .run(one, two, arrival.id);
    setArrival(null, null);
    const service = makeService(dataDir, database);
    await service.start();
    const ahead = await service.prerender(recordingId);
    if (ahead.waiting === 0) throw new Error('the arrival scene should still be waiting');
    setArrival(arrival.camera1_path, arrival.camera2_path);
    const wall = await videoReady(service, recordingId);
    await service.close();
    return wall;
  });

/** One slot's window moved after the video was made, then the video made again. */
const oneSlotChanged = (root: string, files: Record<1 | 2, string>, seconds: number) =>
  onFlight(root, files, seconds, async ({ dataDir, database, recordingId }) => {
    const service = makeService(dataDir, database);
    await service.start();
    await videoReady(service, recordingId);
    database.sqlite
      .prepare(
        'UPDATE video_slots SET window_start = window_start + 2 WHERE recording_id = ? AND slot_number = 4',
      )
      .run(recordingId);
    const wall = await videoReady(service, recordingId);
    await service.close();
    return wall;
  });

/** The app's own command (poster included), run bare: no queue, no database, no progress, no rename. */
const bareExport = (root: string, files: Record<1 | 2, string>, seconds: number) =>
  onFlight(root, files, seconds, async ({ dataDir, database, recordingId }) => {
    const source = await readExportSource(database.db, dataDir, recordingId, () => 0);
    writeFileSync(join(dataDir, 'title.txt'), source.titleText);
    const plan = buildExportPlan({
      ...source,
      intro: null,
      outro: null,
      music: null,
      title: {
        titleFile: join(dataDir, 'title.txt'),
        subtitleFile: null,
        fontFile: join(findResourcesDir(), 'fonts', ASSET_FONT_FILE),
        titleLength: source.titleText.length,
        subtitleLength: 0,
      },
      outputFile: join(dataDir, 'bare.mp4'),
      poster: { file: join(dataDir, 'bare-poster.jpg'), width: 480 },
    });
    return timed(() => runFfmpeg(['-v', 'error', ...plan.args], { ffmpegPath: ffmpeg }));
  });

/**
 * The obvious approach: each slot re-encoded to its own file (seeked the same way, so only the shape of the work
 * differs), then the files joined with the concat demuxer.
 */
const baselineExport = (root: string, files: Record<1 | 2, string>, seconds: number) =>
  onFlight(root, files, seconds, async ({ dataDir, database, recordingId }) => {
    const source = await readExportSource(database.db, dataDir, recordingId, () => 0);
    return timed(async () => {
      const parts: string[] = [];
      for (const clip of source.clips) {
        const part = join(dataDir, `part-${clip.slotNumber}.mp4`);
        await runFfmpeg(
          [
            '-v',
            'error',
            '-ss',
            String(clip.fileStart),
            '-t',
            String(clip.duration),
            '-i',
            clip.file,
            '-vf',
            fitToFrame(source.width, source.height, source.frameRate, clip.duration),
            '-c:v',
            'libx264',
            '-preset',
            DEFAULT_ENCODER.preset,
            '-crf',
            String(DEFAULT_ENCODER.crf),
            '-y',
            part,
          ],
          { ffmpegPath: ffmpeg },
        );
        parts.push(part);
      }
      const list = join(dataDir, 'parts.txt');
      writeFileSync(list, parts.map((part) => `file '${part}'`).join('\n'));
      await runFfmpeg(
        [
          '-v',
          'error',
          '-f',
          'concat',
          '-safe',
          '0',
          '-i',
          list,
          '-c',
          'copy',
          '-movflags',
          '+faststart',
          '-y',
          join(dataDir, 'baseline.mp4'),
        ],
        { ffmpegPath: ffmpeg },
      );
    });
  });

/** How fast this machine encodes: 10 s of 1080p test picture with the export's encoder settings. */
async function yardstick(): Promise<number> {
  const wall = await timed(() =>
    runFfmpeg(
      [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=s=1920x1080:r=30:d=10',
        '-c:v',
        'libx264',
        '-preset',
        DEFAULT_ENCODER.preset,
        '-crf',
        String(DEFAULT_ENCODER.crf),
        '-f',
        'null',
        '-',
      ],
      { ffmpegPath: ffmpeg },
    ),
  );
  return 300 / wall;
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'magnum-bench-export-'));
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  try {
    process.stdout.write('rendering demo footage (60 s per camera, and 600 s made from it)… ');
    const footage = await makeFootage(root);
    console.log('done');
    console.log(`load average at start: ${load()}`);
    process.stdout.write('one export to warm up (not counted)… ');
    // One export first, not counted. On a freshly booted virtual machine the first renders spend half the
    // CPU in the kernel (/proc/stat: 99 of 200 ticks in system time in the first second, against 13-15 in
    // later ones: the host backing memory touched for the first time), which made the first run's early pace a
    // third slower than every later run's. A kiosk is not rebooted between videos.
    await appExport(root, footage.short, 60);
    etaErrors.length = 0;
    console.log('done');
    const output = 8 * SLOT_SECONDS;
    const results: Record<string, number> = {};
    const cases = [
      ['app: pieces from scratch + join, 1 min footage', () => appExport(root, footage.short, 60)],
      ['one-shot render (bare), 1 min footage', () => bareExport(root, footage.short, 60)],
      ['last Stop → video ready', () => lastStopToReady(root, footage.short, 60)],
      ['one slot changed → video ready', () => oneSlotChanged(root, footage.short, 60)],
      ['app: pieces from scratch + join, 10 min footage', () => appExport(root, footage.long, 600)],
      ['baseline (cut each, then concat), 1 min', () => baselineExport(root, footage.short, 60)],
    ] as const;
    // Round-robin, so a burst of load from elsewhere on the machine hits every case alike.
    const walls = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const [name, run] of cases) walls.get(name)!.push(await run());
    }
    for (const [name, values] of walls) {
      results[name] = median(values);
      console.log(`  ${name}: ${values.map((w) => w.toFixed(2)).join(', ')} s`);
    }
    const fps = await yardstick();

    const app1 = results['app: pieces from scratch + join, 1 min footage']!;
    const app10 = results['app: pieces from scratch + join, 10 min footage']!;
    const oneShot = results['one-shot render (bare), 1 min footage']!;
    const lastStop = results['last Stop → video ready']!;
    const oneSlot = results['one slot changed → video ready']!;
    const base1 = results['baseline (cut each, then concat), 1 min']!;
    const longOverShort = app10 / app1;
    const overOneShot = app1 / oneShot;
    const etaWorst = etaErrors.length ? Math.max(...etaErrors) : NaN;
    const etaMedian = median(etaErrors);
    console.log(
      `\n${output} s of 1920×1080 output from 8 slots, medians of ${RUNS} (x264 ${DEFAULT_ENCODER.preset}, crf ${DEFAULT_ENCODER.crf}):\n`,
    );
    console.log('| figure | measured | goal | |');
    console.log('| --- | ---: | ---: | --- |');
    const row = (name: string, value: string, goal: string, ok: boolean | null) =>
      console.log(`| ${name} | ${value} | ${goal} | ${ok === null ? '' : ok ? 'ok' : 'MISSED'} |`);
    row('last Stop → video ready (wall s)', lastStop.toFixed(2), `≤ ${GOALS.ready}`, lastStop <= GOALS.ready);
    row(
      'one slot changed → video ready (wall s)',
      oneSlot.toFixed(2),
      `≤ ${GOALS.ready}`,
      oneSlot <= GOALS.ready,
    );
    row('pieces from scratch + join, 1 min footage (wall s)', app1.toFixed(2), '-', null);
    row('one-shot render, bare ffmpeg, 1 min footage (wall s)', oneShot.toFixed(2), '-', null);
    row(
      'pieces from scratch + join / one-shot',
      overOneShot.toFixed(3),
      `≤ ${GOALS.piecesOverOneShot}`,
      overOneShot <= GOALS.piecesOverOneShot,
    );
    row(
      'time left shown vs real, once 10 % done (median / worst)',
      `${(etaMedian * 100).toFixed(0)} % / ${(etaWorst * 100).toFixed(0)} %`,
      `≤ ${GOALS.etaError * 100} %`,
      etaWorst <= GOALS.etaError,
    );
    row('pieces from scratch + join, 10 min footage (wall s)', app10.toFixed(2), '-', null);
    row(
      '10 min / 1 min',
      longOverShort.toFixed(3),
      `${GOALS.longOverShort}`,
      longOverShort <= GOALS.longOverShort,
    );
    row('output seconds per wall second, from scratch', (output / app1).toFixed(2), '-', null);
    row('baseline: cut each, then concat (wall s)', base1.toFixed(2), '-', null);
    row('yardstick: 1080p test picture encode (fps)', fps.toFixed(1), '-', null);
    console.log(
      `\nAt ${fps.toFixed(0)} fps for the test picture, this machine needs about ${(720 / fps).toFixed(1)} s just to encode 720 frames of 1080p.`,
    );
    console.log(`worst time left: ${etaWorstAt}`);
    console.log(`load average at the end: ${load()}`);
    if (longOverShort > GOALS.longOverShort) process.exitCode = 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
