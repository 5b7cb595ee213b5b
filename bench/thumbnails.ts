// npm run bench:thumbnails: how long the kiosk's ffmpeg takes to make a scene's thumbnails, on a 60 s demo
// scene of two 1280×720 cameras (the demo renderer's footage, H.264 with a keyframe a second), through the
// thumbnail service exactly as a screen asks for them. Goals: a poster <= 500 ms (the dashboard asks for 20 at
// once, one ffmpeg at a time), a strip <= 3 s per 60 s of scene (it decodes the whole file once).
// Exits 1 if a median misses its goal.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Sqlite from 'better-sqlite3';
import { pino } from 'pino';
import { openDatabase } from '../db/open';
import { THUMB_STRIP_FRAMES } from '../src/shared/editor';
import { findDemoFontDir, renderDemoClip } from '../src/main/demo/footage';
import { thumbUrl, thumbVersion } from '../src/main/media/thumb-url';
import { createThumbnailService } from '../src/main/thumbnails/service';
import { median } from './measure';

const SECONDS = 60;
const RUNS = 5;
const GOALS = { poster: 500, strip: 3000 } as const;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'magnum-bench-thumbs-'));
  try {
    const database = await openDatabase(join(dataDir, 'magnum.db'));
    const updatedAt = '2025-06-01T10:00:00.000Z';
    const recordingId = addRecording(database.sqlite);
    const paths = {
      1: `media/${recordingId}/cruising/camera1.mp4`,
      2: `media/${recordingId}/cruising/camera2.mp4`,
    };
    const sceneId = addScene(database.sqlite, recordingId, paths, updatedAt);
    mkdirSync(join(dataDir, 'media', recordingId, 'cruising'), { recursive: true });
    process.stdout.write(`rendering a ${SECONDS} s demo scene (two cameras)… `);
    const fontDir = findDemoFontDir();
    for (const camera of [1, 2] as const) {
      await renderDemoClip(
        { camera, sceneType: 'cruising', durationSeconds: SECONDS, clockStartMs: 0, flightLabel: 'BENCH' },
        join(dataDir, paths[camera]),
        { fontDir },
      );
    }
    console.log('done');

    const thumbs = createThumbnailService({
      dataDir,
      db: () => database.db,
      logger: pino({ level: 'silent' }),
    });
    const version = thumbVersion(updatedAt);
    const time = async (url: string) => {
      const start = performance.now();
      const response = await thumbs.respond({ method: 'GET', url, viewer: { id: 'bench', role: 'admin' } });
      const bytes = (await response.arrayBuffer()).byteLength;
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      return { ms: performance.now() - start, bytes };
    };

    const results: Array<{ name: string; ms: number; goal: number | null; bytes: number }> = [];
    for (const kind of ['poster', 'strip'] as const) {
      for (const camera of [1, 2] as const) {
        const made: number[] = [];
        let bytes = 0;
        for (let i = 0; i < RUNS; i++) {
          rmSync(join(dataDir, 'thumbs'), { recursive: true, force: true }); // a cold cache each run
          const result = await time(thumbUrl(sceneId, camera, kind, version));
          made.push(result.ms);
          bytes = result.bytes;
        }
        results.push({
          name: `${kind}, camera ${camera}, made by ffmpeg`,
          ms: median(made),
          goal: GOALS[kind],
          bytes,
        });
        const cached: number[] = [];
        for (let i = 0; i < RUNS; i++) cached.push((await time(thumbUrl(sceneId, camera, kind, version))).ms);
        results.push({
          name: `${kind}, camera ${camera}, from the cache`,
          ms: median(cached),
          goal: null,
          bytes,
        });
      }
    }
    // The dashboard's case: twenty posters asked for at once, queued behind one ffmpeg.
    rmSync(join(dataDir, 'thumbs'), { recursive: true, force: true });
    const start = performance.now();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => {
        const other = addScene(database.sqlite, addRecording(database.sqlite), paths, updatedAt);
        return time(thumbUrl(other, 1, 'poster', version));
      }),
    );
    const burstMs = performance.now() - start;
    await thumbs.close();
    await database.close();

    console.log(
      `\nThumbnails of a ${SECONDS} s 1280×720 scene (strip: ${THUMB_STRIP_FRAMES} frames), median of ${RUNS}:\n`,
    );
    console.log('| figure                               | measured (ms) | goal (ms) | JPEG (KB) |     |');
    console.log('| ------------------------------------ | ------------: | --------: | --------: | --- |');
    let failed = false;
    for (const result of results) {
      const ok = result.goal === null || result.ms <= result.goal;
      failed ||= !ok;
      console.log(
        `| ${result.name.padEnd(36)} | ${result.ms.toFixed(1).padStart(13)} | ${String(result.goal ?? '-').padStart(9)} | ${(result.bytes / 1024).toFixed(1).padStart(9)} | ${result.goal === null ? '   ' : ok ? 'ok ' : 'MISS'} |`,
      );
    }
    const perPoster = burstMs / burst.length;
    console.log(
      `\n20 posters at once: ${(burstMs / 1000).toFixed(2)} s for the last, ${perPoster.toFixed(0)} ms each.`,
    );
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function addRecording(sqlite: Sqlite.Database): string {
  const id = randomUUID();
  sqlite
    .prepare('INSERT INTO flight_recordings (id, passenger_names, flight_at) VALUES (?, ?, ?)')
    .run(id, 'Bench passenger', '2025-06-01T09:30:00.000Z');
  return id;
}

/** A finished cruising scene naming both camera files (the burst's flights share the same footage). */
function addScene(
  sqlite: Sqlite.Database,
  recordingId: string,
  paths: Record<1 | 2, string>,
  updatedAt: string,
) {
  const id = randomUUID();
  sqlite
    .prepare(
      `INSERT INTO scene_recordings (id, recording_id, scene_type, scene_index, camera1_path, camera2_path,
         camera1_duration, camera2_duration, updated_at) VALUES (?, ?, 'cruising', 1, ?, ?, ?, ?, ?)`,
    )
    .run(id, recordingId, paths[1], paths[2], SECONDS, SECONDS, updatedAt);
  return id;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
