// kill -9 while a video piece renders: the main services run in a child process (services-child.ts), an edit of
// a flight whose video was made has the autopilot make it again, and the child is SIGKILLed while a piece is
// still being written. Started again on the same data folder, the video comes out whole (the join checks of
// exports/pieces/video-checks.ts), and no half piece is left in the cache or used.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { openDatabase } from '../../../db/open';
import { loadDemoData } from '../demo';
import { resolveFfmpeg } from '../ffmpeg/resolve';
import { countFrames, decodeErrors, streamDurations, timestampGaps } from '../exports/pieces/video-checks';

const ffprobe = (createRequire(import.meta.url)('@ffprobe-installer/ffprobe') as { path: string }).path;
const ffmpeg = resolveFfmpeg().path;
const dir = makeTempDir('magnum-autopilot-kill-');
const piecesDir = path.join(dir, 'cache', 'pieces');
let recordingId: string;
let fps: number;

beforeAll(async () => {
  const seed = makeTempDir('magnum-autopilot-kill-seed-');
  ({
    recordingIds: [recordingId = ''],
  } = await loadDemoData({ dataDir: seed, flights: 1, clipSeconds: 6 }));
  cpSync(seed, dir, { recursive: true });
  rmSync(seed, { recursive: true, force: true });
  // A video was made before (the edit makes it again), in a frame big enough that a piece takes a while.
  const database = await openDatabase(path.join(dir, 'magnum.db'));
  database.sqlite.prepare('UPDATE project_templates SET output_width = 1280, output_height = 720').run();
  database.sqlite.prepare('UPDATE video_slots SET slot_duration = 2').run();
  database.sqlite
    .prepare(
      `INSERT INTO export_jobs (id, recording_id, kind, status, progress, created_at, updated_at, started_at,
         finished_at) VALUES (?, ?, 'video', 'completed', 1, ?, ?, ?, ?)`,
    )
    .run(crypto.randomUUID(), recordingId, ...Array(4).fill('2025-01-01T00:00:00.000Z'));
  database.sqlite.prepare("UPDATE flight_recordings SET export_status = 'completed'").run();
  fps = database.sqlite.prepare('SELECT frame_rate FROM project_templates LIMIT 1').pluck().get() as number;
  await database.close();
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ServicesChild {
  child: ChildProcess;
  /** Resolves once the child has printed `line`. */
  printed(line: string): Promise<void>;
  exited: Promise<void>;
}

function startServices(args: string[] = []): ServicesChild {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/autopilot/services-child.ts', '--data-dir', dir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const seen = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of [...seen]) check();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    exited,
    printed: (line) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!output.split('\n').includes(line)) return;
          seen.delete(check);
          resolve();
        };
        seen.add(check);
        void exited.then(() => reject(new Error(`the services exited before "${line}":\n${output}`)));
        check();
      }),
  };
}

/** Pieces being written: under a temporary name (exports/pieces/cache.ts), not yet renamed to their key's. */
const unfinishedPieces = () =>
  existsSync(piecesDir) ? readdirSync(piecesDir).filter((name) => name.includes('.partial-')) : [];

/** Waits (polling the folder: the writer is another process) until `check` holds. */
async function until<T>(what: string, check: () => T | null | undefined | false, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const newestVideoJob = () => {
  const sqlite = new Sqlite(path.join(dir, 'magnum.db'), { readonly: true, fileMustExist: true });
  try {
    return sqlite
      .prepare(
        `SELECT status, output_path FROM export_jobs WHERE recording_id = ? AND kind = 'video'
         ORDER BY created_at DESC LIMIT 1`,
      )
      .get(recordingId) as { status: string; output_path: string | null };
  } finally {
    sqlite.close();
  }
};

describe('kill -9 while a piece renders', () => {
  it('leaves no half piece, and the video made after the restart is whole', async () => {
    const first = startServices(['--edit', recordingId]);
    await first.printed('edited');
    const partial = await until('a piece being written', () => unfinishedPieces()[0]);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(partial).toBeTruthy();
    expect(newestVideoJob().status).toBe('processing');

    const second = startServices();
    try {
      await second.printed('ready');
      const job = await until('the video', () => {
        const row = newestVideoJob();
        return row.status === 'completed' && row.output_path ? row : null;
      });
      const video = path.join(dir, job.output_path!);
      const { video: videoSeconds, audio } = await streamDurations(ffprobe, video);
      expect(await decodeErrors(ffmpeg, video)).toEqual([]);
      expect(await timestampGaps(ffprobe, video, fps)).toBe(0);
      expect(await countFrames(ffprobe, video)).toBe(Math.round(videoSeconds * fps));
      expect(Math.abs((audio ?? 0) - videoSeconds)).toBeLessThanOrEqual(1 / fps);
      expect(unfinishedPieces()).toEqual([]);
      for (const piece of readdirSync(piecesDir)) {
        expect(await decodeErrors(ffmpeg, path.join(piecesDir, piece))).toEqual([]);
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 400_000);
});
