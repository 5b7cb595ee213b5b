// The export queue with everything real: a demo flight rendered by the demo loader (two offset cameras, three
// scenes), its database, the shipped intro and outro, and ffmpeg. Finished videos are checked with ffprobe.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { openDatabase, type MagnumDatabase } from '../../../db/open';
import type { ExportJobView } from '../../shared/exports';
import type { Viewer } from '../access/rules';
import { createDataAccess } from '../data-access';
import { loadDemoData } from '../demo';
import { resolveFfmpeg } from '../ffmpeg/resolve';
import { createEventHub } from '../ipc/events';
import { findResourcesDir } from '../templates/assets';
import { createExportService, type ExportService, type ExportServiceOptions } from './service';

const ffprobe = (createRequire(import.meta.url)('@ffprobe-installer/ffprobe') as { path: string }).path;
const ffmpeg = resolveFfmpeg().path;
const seed = makeTempDir('magnum-export-seed-');
let recordingId: string;

beforeAll(async () => {
  const { recordingIds } = await loadDemoData({ dataDir: seed, flights: 1, clipSeconds: 8 });
  recordingId = recordingIds[0]!;
}, 180_000);
afterAll(() => rmSync(seed, { recursive: true, force: true }));

let dir: string;
let database: MagnumDatabase;
let admin: Viewer;
let progress: ExportJobView[];
const services: ExportService[] = [];

beforeEach(async () => {
  dir = makeTempDir('magnum-export-');
  cpSync(seed, dir, { recursive: true });
  database = await openDatabase(path.join(dir, 'magnum.db'));
  const row = database.sqlite.prepare("SELECT id FROM users WHERE role = 'admin' LIMIT 1").get() as
    { id: string } | undefined;
  admin = { id: row?.id ?? crypto.randomUUID(), role: 'admin' };
  progress = [];
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

function makeService(overrides: Partial<ExportServiceOptions> = {}): ExportService {
  const events = createEventHub();
  events.subscribe((name, payload) => {
    if (name === 'exports.progress') progress.push(payload as ExportJobView);
  });
  const service = createExportService({
    dataDir: dir,
    data: createDataAccess({ handle: database }),
    logger: pino({ level: 'silent' }),
    events,
    resourcesDir: findResourcesDir(),
    ffmpegPath: () => ffmpeg,
    freeBytes: async () => 500 * 1024 ** 3,
    photoRoots: async () => [],
    operatorName: async () => 'Alpine Scenic Flights',
    ...overrides,
  });
  services.push(service);
  return service;
}

/** Starts a queue, makes one job of `kind` for the demo flight, and returns the job once the queue is idle. */
async function exportOnce(kind: 'video' | 'photos', overrides: Partial<ExportServiceOptions> = {}) {
  const service = makeService(overrides);
  await service.start();
  await service.queue({ recordingId, kind }, admin);
  await service.whenIdle();
  const [job] = await service.list({ recordingId }, admin);
  return job!;
}

/** A smaller frame and shorter slots, for the tests about the queue rather than the picture. */
function makeQuick(slotSeconds = 1): void {
  database.sqlite.prepare('UPDATE project_templates SET output_width = 640, output_height = 360').run();
  database.sqlite.prepare('UPDATE video_slots SET slot_duration = ?').run(slotSeconds);
}

interface Probed {
  duration: number;
  streams: Array<{
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    pix_fmt?: string;
  }>;
}

function probe(file: string): Probed {
  const run = spawnSync(
    ffprobe,
    [
      '-v',
      'error',
      '-show_entries',
      'format=duration:stream=codec_type,codec_name,width,height,pix_fmt',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8' },
  );
  const parsed = JSON.parse(run.stdout) as { format: { duration: string }; streams: Probed['streams'] };
  return { duration: Number(parsed.format.duration), streams: parsed.streams };
}

const slotSeconds = () =>
  (
    database.sqlite
      .prepare('SELECT slot_duration FROM video_slots WHERE recording_id = ?')
      .all(recordingId) as {
      slot_duration: number;
    }[]
  ).map((row) => row.slot_duration);

const exportFiles = () => {
  const folder = path.join(dir, 'media', recordingId, 'exports');
  return existsSync(folder) ? readdirSync(folder) : [];
};

describe('a video export', () => {
  it('renders intro, the eight slots and outro at 1920×1080 H.264, as long as they add up, decoding cleanly', async () => {
    const service = makeService();
    await service.start();
    const queued = await service.queue({ recordingId, kind: 'video' }, admin);
    expect(queued.status).toBe('pending');
    await service.whenIdle();

    const [job] = await service.list({ recordingId }, admin);
    expect(job?.status, job?.error ?? '').toBe('completed');
    expect(job!.progress).toBe(1);
    expect(job!.videoUrl).toMatch(new RegExp(`^/media/${recordingId}/exports/${job!.id}\\.mp4\\?v=`));
    const file = path.join(dir, 'media', recordingId, 'exports', `${job!.id}.mp4`);
    const probed = probe(file);
    const video = probed.streams.find((s) => s.codec_type === 'video')!;
    expect(video).toMatchObject({ codec_name: 'h264', width: 1920, height: 1080, pix_fmt: 'yuv420p' });

    const slots = slotSeconds();
    const intro = probe(path.join(findResourcesDir(), 'intros', 'scenic-flight-intro.mp4')).duration;
    const outro = probe(path.join(findResourcesDir(), 'outros', 'thank-you-outro.mp4')).duration;
    const expected = intro + slots.reduce((a, b) => a + b, 0) + outro;
    expect(Math.abs(probed.duration - expected)).toBeLessThanOrEqual(slots.length / 30);

    const decoded = spawnSync(ffmpeg, ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
    expect(decoded.status).toBe(0);
    expect(decoded.stderr.trim()).toBe('');

    // Counted on disk, a poster beside it, the flight marked exported, progress seen on the way.
    const poster = probe(file.replace(/\.mp4$/, '-poster.jpg')).streams[0];
    expect(poster).toMatchObject({ codec_name: 'mjpeg', width: 480, height: 270 });
    const kinds = database.sqlite
      .prepare('SELECT kind FROM storage_usage WHERE path LIKE ? ORDER BY kind')
      .pluck()
      .all(`media/${recordingId}/exports/%`);
    expect(kinds).toEqual(['export', 'thumbnail']);
    expect(
      database.sqlite
        .prepare('SELECT export_status FROM flight_recordings WHERE id = ?')
        .pluck()
        .get(recordingId),
    ).toBe('completed');
    const running = progress.filter((p) => p.status === 'processing');
    expect(running.length).toBeGreaterThan(2);
    expect(running.some((p) => p.progress > 0.2 && p.progress < 1 && p.etaSeconds !== null)).toBe(true);
    expect(progress.at(-1)?.status).toBe('completed');
    expect(exportFiles().filter((name) => name.includes('partial'))).toEqual([]);
  }, 120_000);

  it('puts music under the video when the template has a bed', async () => {
    makeQuick();
    database.sqlite.prepare("UPDATE project_templates SET music_asset = 'calm-chord-bed.m4a'").run();
    const job = await exportOnce('video');
    expect(job.status, job.error ?? '').toBe('completed');
    const probed = probe(path.join(dir, 'media', recordingId, 'exports', `${job.id}.mp4`));
    expect(probed.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual([
      'audio:aac',
      'video:h264',
    ]);
  }, 60_000);

  it('returns the job already waiting instead of queueing a second video', async () => {
    const service = makeService();
    const first = await service.queue({ recordingId, kind: 'video' }, admin);
    const second = await service.queue({ recordingId, kind: 'video' }, admin);
    expect(second.id).toBe(first.id);
    expect(database.sqlite.prepare('SELECT count(*) FROM export_jobs').pluck().get()).toBe(1);
  });

  it('is cancelled mid-render: ffmpeg stops and no file is left', async () => {
    const service = makeService();
    await service.start();
    const job = await service.queue({ recordingId, kind: 'video' }, admin);
    await expect
      .poll(() => progress.some((p) => p.id === job.id && p.progress > 0.05), { timeout: 60_000 })
      .toBe(true);
    const cancelled = await service.cancel(job.id, admin);
    expect(cancelled.status).toBe('cancelled');
    expect(exportFiles()).toEqual([]);
    expect(
      database.sqlite
        .prepare('SELECT export_status FROM flight_recordings WHERE id = ?')
        .pluck()
        .get(recordingId),
    ).toBe('not_exported');
    // And it can be tried again.
    makeQuick();
    await service.retry(job.id, admin);
    await service.whenIdle();
    expect((await service.list({ recordingId }, admin))[0]?.status).toBe('completed');
  }, 120_000);

  it('fails with a message naming the slot and the file when a camera file is missing', async () => {
    makeQuick();
    const service = makeService();
    await service.queue({ recordingId, kind: 'video' }, admin);
    const camera = database.sqlite
      .prepare(
        'SELECT s.camera2_path FROM video_slots v JOIN scene_recordings s ON s.id = v.scene_id WHERE v.recording_id = ? AND v.slot_number = 5',
      )
      .pluck()
      .get(recordingId) as string;
    renameSync(path.join(dir, camera), path.join(dir, `${camera}.gone`));
    await service.start();
    await service.whenIdle();
    const [job] = await service.list({ recordingId }, admin);
    expect(job?.status).toBe('failed');
    expect(job?.error).toContain('Slot 5 (chase, camera 2)');
    expect(job?.error).toContain(camera);
    expect(exportFiles()).toEqual([]);
    // Queueing again is refused at once, with the same words.
    await service.cancel(job!.id, admin).catch(() => undefined);
    await expect(service.queue({ recordingId, kind: 'video' }, admin)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Slot 5 (chase, camera 2)'),
    });
  }, 60_000);

  it('runs again from the start when the kiosk stopped mid-export, and the half-made file is removed', async () => {
    makeQuick();
    const first = makeService();
    const job = await first.queue({ recordingId, kind: 'video' }, admin);
    // What a killed kiosk leaves: the row still processing, a partial file and its work folder.
    database.sqlite
      .prepare("UPDATE export_jobs SET status = 'processing', attempts = 1, progress = 0.4 WHERE id = ?")
      .run(job.id);
    const folder = path.join(dir, 'media', recordingId, 'exports');
    mkdirSync(path.join(folder, `${job.id}.partial`), { recursive: true });
    writeFileSync(path.join(folder, `${job.id}.partial.mp4`), 'half a video');

    const second = makeService();
    await second.start();
    await second.whenIdle();
    const [after] = await second.list({ recordingId }, admin);
    expect(after?.status, after?.error ?? '').toBe('completed');
    expect(after?.attempts).toBe(2);
    expect(exportFiles().sort()).toEqual([`${job.id}-poster.jpg`, `${job.id}.mp4`]);
  }, 60_000);

  it('fails before rendering when the disk is too full, saying how much is needed', async () => {
    makeQuick();
    const job = await exportOnce('video', { freeBytes: async () => 200 * 1024 ** 2 });
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatch(/Not enough free disk .* 0\.2 GB free/);
    expect(exportFiles()).toEqual([]);
  }, 60_000);

  it('keeps a flight of someone else hidden from crew', async () => {
    const service = makeService();
    const stranger: Viewer = { id: crypto.randomUUID(), role: 'crew' };
    await expect(service.queue({ recordingId, kind: 'video' }, stranger)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(service.list({ recordingId }, stranger)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The dashboard's list of all jobs shows admins the waiting job, and crew only their flights' jobs.
    expect(await service.list({}, stranger)).toEqual([]);
    await service.queue({ recordingId, kind: 'photos' }, admin);
    expect((await service.list({}, admin)).map((job) => job.kind)).toEqual(['photos']);
    expect(await service.list({}, stranger)).toEqual([]);
  });
});

describe('a photo export', () => {
  it('takes full-resolution JPEG stills at the marked moments and slot mid-points', async () => {
    database.sqlite
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('photo_count', '5', ?)")
      .run(new Date().toISOString());
    const job = await exportOnce('photos');
    expect(job?.status, job?.error ?? '').toBe('completed');
    expect(job!.photoUrls).toHaveLength(5);
    const folder = path.join(dir, 'media', recordingId, 'photos', job!.id);
    const names = readdirSync(folder).sort();
    expect(names).toEqual(['photo-01.jpg', 'photo-02.jpg', 'photo-03.jpg', 'photo-04.jpg', 'photo-05.jpg']);
    const still = probe(path.join(folder, names[0]!)).streams[0]!;
    expect(still).toMatchObject({ codec_name: 'mjpeg', width: 1280, height: 720 });
    expect(
      database.sqlite.prepare("SELECT count(*) FROM storage_usage WHERE kind = 'photo'").pluck().get(),
    ).toBe(5);
    // Photos do not make a flight "exported": that is the video's.
    expect(
      database.sqlite
        .prepare('SELECT export_status FROM flight_recordings WHERE id = ?')
        .pluck()
        .get(recordingId),
    ).toBe('not_exported');
  }, 60_000);
});

describe('importing photos from a card', () => {
  it('proposes the real JPEGs taken during the flight, imports the confirmed ones once, and never a path', async () => {
    const card = path.join(dir, 'card');
    mkdirSync(path.join(card, 'DCIM', '100CANON'), { recursive: true });
    const flightAt = Date.parse(
      database.sqlite
        .prepare('SELECT flight_at FROM flight_recordings WHERE id = ?')
        .pluck()
        .get(recordingId) as string,
    );
    // ffmpeg writes no EXIF, so the file time says when each was taken.
    const jpeg = (name: string, colour: string, takenAt: number) => {
      spawnSync(ffmpeg, [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        `color=c=${colour}:s=640x480:d=1`,
        '-frames:v',
        '1',
        '-y',
        name,
      ]);
      utimesSync(name, takenAt / 1000, takenAt / 1000);
    };
    jpeg(path.join(card, 'DCIM', '100CANON', 'IMG_0001.JPG'), 'red', flightAt + 60_000);
    jpeg(path.join(card, 'DCIM', '100CANON', 'IMG 0002 (copy).jpg'), 'blue', flightAt + 120_000);
    jpeg(path.join(card, 'DCIM', '100CANON', 'IMG_0003.JPG'), 'green', flightAt - 2 * 86_400_000);
    writeFileSync(path.join(card, 'DCIM', 'notes.jpg'), 'not a photo');
    const service = makeService({ photoRoots: async () => [{ dir: card, label: 'Drive CARD' }] });

    const [source] = await service.photoSources();
    expect(source).toMatchObject({ label: 'Drive CARD', photoCount: 4 });
    const preview = await service.previewPhotos({ recordingId, sourceId: source!.id }, admin);
    expect(preview.photos.map((p) => [p.name, p.timeFrom, p.importedBefore])).toEqual([
      ['IMG_0001.JPG', 'file', null],
      ['IMG 0002 (copy).jpg', 'file', null],
    ]);
    expect(preview).toMatchObject({ outsideWindow: 1, unreadable: 1, truncated: false });
    expect(JSON.stringify(preview)).not.toContain(card);

    const ids = preview.photos.map((p) => p.id);
    const input = { recordingId, sourceId: source!.id, photoIds: ids, allowDuplicates: [] };
    expect(await service.importPhotos(input, admin)).toMatchObject({ imported: 2, skipped: 0 });
    const folder = path.join(dir, 'media', recordingId, 'photos', 'imported');
    expect(readdirSync(folder).sort()).toEqual(['IMG_0001.jpg', 'IMG_0002_copy_.jpg']);

    const again = await service.previewPhotos({ recordingId, sourceId: source!.id }, admin);
    expect(again.photos.map((p) => p.importedBefore)).toEqual([
      { thisFlight: true, passengerNames: null },
      { thisFlight: true, passengerNames: null },
    ]);
    expect(await service.importPhotos(input, admin)).toMatchObject({ imported: 0, skipped: 2 });
    expect(readdirSync(folder)).toHaveLength(2);
    await expect(service.importPhotos({ ...input, sourceId: 'not-a-source' }, admin)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  }, 60_000);
});
