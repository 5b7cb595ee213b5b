// Videos made from pieces, with everything real: a demo flight (two offset cameras, three scenes), its
// database, the shipped intro, outro and music bed, ffmpeg, and the join checks of issue 18 item 4 on every
// video made. Smaller frames and 1 s slots keep it quick; the joins are the same at any size.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../db/test-support';
import { openDatabase, type MagnumDatabase } from '../../../../db/open';
import { isBackedUp } from '../../backups/engine/sources';
import type { Viewer } from '../../access/rules';
import { createDataAccess } from '../../data-access';
import { loadDemoData } from '../../demo';
import { resolveFfmpeg } from '../../ffmpeg/resolve';
import { createEventHub } from '../../ipc/events';
import { findResourcesDir } from '../../templates/assets';
import { createExportService, type ExportService, type ExportServiceOptions } from '../service';
import { readExportSource } from '../sources';
import { PIECES_FOLDER } from './cache';
import { createPieceEngine } from './engine';
import type { PiecesPlan } from './plan';
import {
  countFrames,
  decodeErrors,
  findFfprobe,
  frameDifference,
  streamDurations,
  timestampGaps,
} from './video-checks';

const ffmpeg = resolveFfmpeg().path;
const ffprobe = findFfprobe();
const seed = makeTempDir('magnum-pieces-seed-');
let recordingId: string;

beforeAll(async () => {
  const { recordingIds } = await loadDemoData({ dataDir: seed, flights: 1, clipSeconds: 8 });
  recordingId = recordingIds[0]!;
}, 180_000);
afterAll(() => rmSync(seed, { recursive: true, force: true }));

let dir: string;
let database: MagnumDatabase;
let admin: Viewer;
const services: ExportService[] = [];

beforeEach(async () => {
  dir = makeTempDir('magnum-pieces-');
  cpSync(seed, dir, { recursive: true });
  database = await openDatabase(path.join(dir, 'magnum.db'));
  const row = database.sqlite.prepare("SELECT id FROM users WHERE role = 'admin' LIMIT 1").get() as
    { id: string } | undefined;
  admin = { id: row?.id ?? crypto.randomUUID(), role: 'admin' };
  // 640×360 and 1 s slots: quick, and every piece boundary is still a join.
  database.sqlite.prepare('UPDATE project_templates SET output_width = 640, output_height = 360').run();
  database.sqlite.prepare('UPDATE video_slots SET slot_duration = 1').run();
  // ffmpeg behind a script that logs each run's output file, to count what was rendered.
  writeFileSync(
    path.join(dir, 'ffmpeg.sh'),
    `#!/bin/sh\nfor last; do :; done\necho "$last" >> "${path.join(dir, 'ffmpeg-runs.log')}"\nexec "${ffmpeg}" "$@"\n`,
  );
  chmodSync(path.join(dir, 'ffmpeg.sh'), 0o755);
});

/** What ffmpeg wrote since the last call, by kind: pieces, sounds, joins and posters (probes write nothing). */
function ffmpegRuns(): { pieces: number; sounds: number; joins: number; posters: number } {
  const log = path.join(dir, 'ffmpeg-runs.log');
  const outputs = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  rmSync(log, { force: true });
  const count = (test: (output: string) => boolean) => outputs.filter(test).length;
  return {
    pieces: count((o) => o.includes('.partial-') && o.endsWith('.mp4')),
    sounds: count((o) => o.includes('.partial-') && o.endsWith('.m4a')),
    joins: count((o) => o.endsWith('.partial.mp4')),
    posters: count((o) => o.endsWith('poster.jpg')),
  };
}

afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const serviceOptions = (): ExportServiceOptions => ({
  dataDir: dir,
  data: createDataAccess({ handle: database }),
  logger: pino({ level: 'silent' }),
  events: createEventHub(),
  resourcesDir: findResourcesDir(),
  ffmpegPath: () => path.join(dir, 'ffmpeg.sh'),
  freeBytes: async () => 500 * 1024 ** 3,
  photoRoots: async () => [],
  operatorName: async () => 'Alpine Scenic Flights',
});

async function startService(): Promise<ExportService> {
  const service = createExportService(serviceOptions());
  services.push(service);
  await service.start();
  return service;
}

/** Queues the flight's video, waits, and returns the finished file. */
async function makeVideoOnce(service: ExportService): Promise<string> {
  await service.queue({ recordingId, kind: 'video' }, admin);
  await service.whenIdle();
  const [job] = await service.list({ recordingId }, admin);
  expect(job?.status, job?.error ?? '').toBe('completed');
  return path.join(dir, 'media', recordingId, 'exports', `${job!.id}.mp4`);
}

/** The plan the app makes for the flight as it stands (what each piece was cut from, and its frames). */
async function planNow(): Promise<PiecesPlan> {
  const data = createDataAccess({ handle: database });
  const source = await readExportSource(database.db, dir, recordingId, data.utcOffsetMinutes);
  const engine = createPieceEngine({
    dataDir: dir,
    resourcesDir: findResourcesDir(),
    ffmpegPath: () => path.join(dir, 'ffmpeg.sh'),
  });
  return engine.plan({ source, operatorName: 'Alpine Scenic Flights', drawTitle: true });
}

const cacheDir = () => path.join(dir, PIECES_FOLDER);
const cacheFiles = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).sort() : []);

/** Issue 18 item 4, on one made video. */
async function expectCleanJoin(file: string, plan: PiecesPlan): Promise<void> {
  const fps = plan.pieces[0]!.settings.frameRate;
  expect(await countFrames(ffprobe, file)).toBe(plan.totalFrames);
  const durations = await streamDurations(ffprobe, file);
  expect(durations.video).toBeCloseTo(plan.totalFrames / fps, 3);
  expect(durations.audio).not.toBeNull();
  expect(Math.abs(durations.audio! - durations.video)).toBeLessThanOrEqual(1 / fps);
  expect(await decodeErrors(ffmpeg, file)).toEqual([]);
  expect(await timestampGaps(ffprobe, file, fps)).toBe(0);

  // Each slot piece opens on its source's frame at the window's start (a different moment looks different).
  const size = { width: 160, height: 90 };
  let start = 0;
  for (const piece of plan.pieces) {
    if (piece.kind === 'slot') {
      const at = (start - 0.25) / fps; // just before the frame: seeking keeps the first frame at or after it
      const same = await frameDifference(
        ffmpeg,
        { file, at },
        { file: piece.source.file, at: piece.fileStart },
        size,
      );
      const later = await frameDifference(
        ffmpeg,
        { file, at },
        // 2.5 s away, before the window when there is room (a window may end with its footage).
        {
          file: piece.source.file,
          at: piece.fileStart >= 2.5 ? piece.fileStart - 2.5 : piece.fileStart + 2.5,
        },
        size,
      );
      expect(same, `slot ${piece.slotNumber}`).toBeLessThan(6);
      expect(later, `slot ${piece.slotNumber}`).toBeGreaterThan(same + 3);
    }
    start += piece.frames;
  }
}

describe('a video made from pieces', () => {
  it('joins intro, slots and outro with the music: every frame, no gap, sound as long as the picture', async () => {
    const service = await startService();
    const file = await makeVideoOnce(service);
    const plan = await planNow();
    expect(plan.pieces.map((p) => p.kind)).toEqual(['intro', ...Array(8).fill('slot'), 'outro']);
    await expectCleanJoin(file, plan);
    // Intro, 8 slots, outro and the sound, cached under their keys; nothing half-written left.
    expect(cacheFiles()).toEqual([...plan.pieces.map((p) => `${p.key}.mp4`), `${plan.sound.key}.m4a`].sort());
  }, 180_000);

  it('gets a silent stereo track when the template has no music', async () => {
    database.sqlite.prepare('UPDATE project_templates SET music_asset = NULL, intro_asset = NULL').run();
    const service = await startService();
    const file = await makeVideoOnce(service);
    await expectCleanJoin(file, await planNow());
    const probe = spawnSync(
      ffprobe,
      [
        '-v',
        'error',
        '-select_streams',
        'a:0',
        '-show_entries',
        'stream=codec_name,channels',
        '-of',
        'csv=p=0',
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(probe.stdout.trim()).toBe('aac,2');
    const volume = spawnSync(ffmpeg, ['-i', file, '-map', '0:a', '-af', 'volumedetect', '-f', 'null', '-'], {
      encoding: 'utf8',
    });
    expect(Number(/max_volume: (-?[\d.]+|-inf) dB/.exec(volume.stderr)?.[1] ?? 0)).toBeLessThan(-80);
  }, 180_000);

  it('re-renders only the slot that changed, and the new video is joined cleanly', async () => {
    const service = await startService();
    await makeVideoOnce(service);
    const before = new Set(cacheFiles());
    database.sqlite
      .prepare(
        'UPDATE video_slots SET window_start = window_start + 1.5 WHERE recording_id = ? AND slot_number = 4',
      )
      .run(recordingId);
    ffmpegRuns();
    const file = await makeVideoOnce(service);
    const added = cacheFiles().filter((name) => !before.has(name));
    const plan = await planNow();
    expect(added).toEqual([`${plan.pieces[4]!.key}.mp4`]);
    expect(ffmpegRuns()).toEqual({ pieces: 1, sounds: 0, joins: 1, posters: 1 });
    await expectCleanJoin(file, plan);
  }, 180_000);
});

describe('a window that runs into the end of its footage', () => {
  it('is cut to the frames that are there, and the video still joins cleanly', async () => {
    // Slot 8 (arrival, camera 2) ends 0.967 s after its window starts: 29 frames of the slot's 30.
    const scene = database.sqlite
      .prepare(
        "SELECT camera2_duration AS footage, coalesce(camera_offset_ms, 0) AS offset FROM scene_recordings WHERE recording_id = ? AND scene_type = 'arrival'",
      )
      .get(recordingId) as { footage: number; offset: number };
    database.sqlite
      .prepare('UPDATE video_slots SET window_start = ? WHERE recording_id = ? AND slot_number = 8')
      .run(scene.footage + scene.offset / 1000 - 0.967, recordingId);
    const service = await startService();
    const file = await makeVideoOnce(service);
    const plan = await planNow();
    expect(plan.pieces.find((p) => p.slotNumber === 8)?.frames).toBe(29);
    await expectCleanJoin(file, plan);
  }, 180_000);
});

describe('a video someone waits for', () => {
  /** ffmpeg behind a script that logs, per piece render, when it ran and at what niceness it was asked to run. */
  function pieceRunLog(): {
    ffmpegPath: string;
    runs(): Array<{ start: number; end: number; nice: number }>;
  } {
    const script = path.join(dir, 'ffmpeg-timed.sh');
    const log = path.join(dir, 'ffmpeg-timed.log');
    writeFileSync(
      script,
      [
        '#!/bin/sh',
        'for last; do :; done',
        'case "$last" in *.partial-*.mp4) piece=1 ;; *) piece=0 ;; esac',
        'start=$(date +%s%N)',
        `"${ffmpeg}" "$@"`,
        'rc=$?',
        // By its end the kiosk has long set this process's priority: what it asked for is what is logged.
        `[ "$piece" = 1 ] && echo "$start $(date +%s%N) $(ps -o ni= -p $$)" >> "${log}"`,
        'exit $rc',
        '',
      ].join('\n'),
    );
    chmodSync(script, 0o755);
    return {
      ffmpegPath: script,
      runs: () =>
        readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const [start, end, nice] = line.trim().split(/\s+/).map(Number);
            return { start: start!, end: end!, nice: nice! };
          }),
    };
  }

  /** The most piece renders that ran at the same moment. */
  const mostAtOnce = (runs: Array<{ start: number; end: number }>) =>
    Math.max(
      ...runs.map((run) => runs.filter((other) => other.start <= run.start && other.end > run.start).length),
    );

  it.runIf(process.platform === 'linux')(
    'renders its missing pieces two at a time at normal priority, but gently while a take is open',
    async () => {
      for (const filming of [false, true]) {
        rmSync(cacheDir(), { recursive: true, force: true });
        const { ffmpegPath, runs } = pieceRunLog();
        rmSync(path.join(dir, 'ffmpeg-timed.log'), { force: true });
        const service = createExportService({
          ...serviceOptions(),
          ffmpegPath: () => ffmpegPath,
          filming: () => filming,
        });
        services.push(service);
        await service.start();
        await makeVideoOnce(service);
        const rendered = runs();
        expect(rendered).toHaveLength(10);
        if (filming) {
          expect(new Set(rendered.map((run) => run.nice))).toEqual(new Set([19]));
          expect(mostAtOnce(rendered)).toBe(1);
        } else {
          expect(new Set(rendered.map((run) => run.nice))).toEqual(new Set([0]));
          expect(mostAtOnce(rendered)).toBe(2);
        }
        await service.close();
      }
    },
    240_000,
  );
});

describe('prerender', () => {
  it('renders every piece once, then the video only joins them', async () => {
    const service = await startService();
    expect(await service.prerender(recordingId)).toEqual({ rendered: 10, cached: 0, waiting: 0 });
    expect(await service.prerender(recordingId)).toEqual({ rendered: 0, cached: 10, waiting: 0 });
    ffmpegRuns();
    const file = await makeVideoOnce(service);
    expect(ffmpegRuns()).toEqual({ pieces: 0, sounds: 0, joins: 1, posters: 1 });
    await expectCleanJoin(file, await planNow());
  }, 180_000);

  it('renders what has footage, counts the slots still waiting, and gives zeros for a flight that is gone', async () => {
    database.sqlite
      .prepare(
        "UPDATE scene_recordings SET camera1_path = NULL, camera2_path = NULL WHERE recording_id = ? AND scene_type = 'arrival'",
      )
      .run(recordingId);
    const waiting = database.sqlite
      .prepare(
        "SELECT count(*) FROM video_slots v JOIN scene_recordings s ON s.id = v.scene_id WHERE v.recording_id = ? AND s.scene_type = 'arrival'",
      )
      .pluck()
      .get(recordingId) as number;
    expect(waiting).toBeGreaterThan(0);
    const service = await startService();
    expect(await service.prerender(recordingId)).toEqual({
      rendered: 10 - waiting,
      cached: 0,
      waiting,
    });
    expect(await service.prerender(crypto.randomUUID())).toEqual({ rendered: 0, cached: 0, waiting: 0 });
  }, 180_000);

  it('shares a piece being rendered with the video job instead of rendering it twice', async () => {
    const service = await startService();
    const ahead = service.prerender(recordingId);
    await service.queue({ recordingId, kind: 'video' }, admin);
    await Promise.all([ahead, service.whenIdle()]);
    expect(ffmpegRuns()).toEqual({ pieces: 10, sounds: 1, joins: 1, posters: 1 });
    const [job] = await service.list({ recordingId }, admin);
    expect(job?.status, job?.error ?? '').toBe('completed');
  }, 180_000);

  it('stops when aborted, leaving no half piece', async () => {
    const service = await startService();
    const controller = new AbortController();
    const run = service.prerender(recordingId, { signal: controller.signal });
    await expect
      .poll(() => cacheFiles().some((name) => name.includes('.partial-')), { timeout: 30_000 })
      .toBe(true);
    controller.abort();
    const result = await run;
    expect(result.rendered).toBeLessThan(10);
    expect(cacheFiles().filter((name) => name.includes('.partial-'))).toEqual([]);
  }, 180_000);
});

describe('a kiosk killed while a piece renders', () => {
  it('leaves no piece under a final name that is not whole, and the next run makes the video right', async () => {
    await database.close();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'prerender-child.ts'), dir, recordingId],
      {
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, FFMPEG_PATH: path.join(dir, 'ffmpeg.sh') },
      },
    );
    // Kill it, and its ffmpeg with it (one process group), once a piece is half written.
    await expect
      .poll(
        () =>
          cacheFiles().some(
            (name) =>
              name.includes('.partial-') &&
              name.endsWith('.mp4') &&
              statSync(path.join(cacheDir(), name)).size > 0,
          ),
        { timeout: 60_000, interval: 20 },
      )
      .toBe(true);
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(cacheFiles().some((name) => name.includes('.partial-'))).toBe(true);
    // Every piece under a final name decodes whole.
    for (const name of cacheFiles().filter((n) => !n.includes('.partial-'))) {
      expect(await decodeErrors(ffmpeg, path.join(cacheDir(), name)), name).toEqual([]);
    }

    database = await openDatabase(path.join(dir, 'magnum.db'));
    const service = await startService();
    expect(cacheFiles().filter((name) => name.includes('.partial-'))).toEqual([]);
    const file = await makeVideoOnce(service);
    await expectCleanJoin(file, await planNow());
  }, 240_000);
});

it('keeps the piece cache out of backups (made again from the footage)', () => {
  expect(isBackedUp('cache', true)).toBe(false);
  expect(isBackedUp('media', true)).toBe(true);
});
