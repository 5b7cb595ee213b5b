// Making one souvenir video from pieces (pieces/plan.ts): the pieces already cached are used as they are, the
// missing ones rendered (or awaited, when the background prerender is on them), then the pictures joined by
// stream copy with the sound muxed in, a poster beside it, flushed and renamed into place. Nothing half-made
// ever has the finished name: a crash, a cancel or a failure leaves only `.partial` files, which the queue
// removes (and temporary piece names, which the piece cache removes).
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flushFile, syncDirectory } from '../files/durable';
import { runFfmpeg } from '../ffmpeg/run';
import type { PieceEngine } from './pieces/engine';
import { concatList, joinArgs, posterArgs, type PieceSpec } from './pieces/plan';
import type { VideoWork } from './progress';
import { ExportProblem, type ExportSource } from './sources';

/** Bytes a second of finished video takes at most, with room to spare (x264 at crf 21 writes far less). */
const BYTES_PER_OUTPUT_SECOND = 1.5 * 1024 * 1024;
/**
 * The progress bar counts frames still to render; the sound and the join count as this many frames each: what
 * x264 takes for this many 1080p frames. The sound encodes a little AAC. The join copies the pictures, muxes the
 * sound, flushes the file to disk and reads the poster: about 0.2–0.35 s in bench:export, where pieces render at
 * about 140 frames a second.
 */
const SOUND_FRAMES = 10;
const JOIN_FRAMES = 30;
/**
 * Starting an ffmpeg for a piece (opening, seeking, x264's lookahead) before its first frame comes out: counted
 * as this many frames on the bar, credited when the piece starts.
 */
const PIECE_START_FRAMES = 15;
/**
 * The sound and the join in seconds, for the time left (progress.ts): about what they took in bench:export.
 * They hardly depend on the machine's speed, unlike the frames. The pieces' start-ups are in the frame pace,
 * which is measured over whole pieces.
 */
const SOUND_SECONDS = 0.1;
const JOIN_SECONDS = 0.2;
/** Missing pieces rendered side by side when a video waits for them: two keep both cores busy. */
const PARALLEL_PIECES = 2;
/** A video that rendered fewer frames than this says little about the pace, and is not remembered. */
const PACE_MIN_FRAMES = 60;

/**
 * Frames a second of the last video of each shape (size, pieces side by side, priority) this process made:
 * what the machine can do, for the next video's first estimates. A property of the machine, so it is kept for
 * the process, like the ffmpeg's abilities, not per export service.
 */
const recentFps = new Map<string, number>();

/**
 * How a video's missing pieces render: someone waits for this video, so at normal priority and two at a time
 * (as the one-shot render ran) — unless a take is being filmed, when piece rendering must never take what the
 * recorders need: lowest priority, one at a time (and held while a recorder is behind, as every render is).
 */
export function renderPlan(filming: boolean): { priority: 'low' | 'normal'; parallel: number } {
  return filming ? { priority: 'low', parallel: 1 } : { priority: 'normal', parallel: PARALLEL_PIECES };
}

export interface VideoJobContext {
  jobId: string;
  dataDir: string;
  ffmpegPath: string;
  source: ExportSource;
  pieces: PieceEngine;
  /** The operator's name for the title card's second line; empty for none. */
  operatorName: string;
  /** False when this ffmpeg has no drawtext: the video is made without its title rather than not at all. */
  drawTitle: boolean;
  signal: AbortSignal;
  /** Free bytes on the data disk, and the least that must stay free (capture's stop floor). */
  freeBytes(): Promise<number | null>;
  reserveBytes: number;
  /** True while a take is open (another flight filmed meanwhile): see renderPlan. */
  filming(): boolean;
  /** The share done for the bar, and what is done and left in frames and seconds for the time left. */
  onProgress(share: number, work: VideoWork): void;
}

export interface VideoJobResult {
  /** Relative to the data folder. */
  videoPath: string;
  posterPath: string;
  videoBytes: number;
  posterBytes: number;
  durationSeconds: number;
  /** Pieces rendered for this video, and pieces found in the cache (bench, tests). */
  rendered: number;
  cached: number;
}

export const exportFolderOf = (recordingId: string) => path.posix.join('media', recordingId, 'exports');

/** Runs `work` over `items`, at most `limit` at a time; the first failure stops taking new ones. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

export async function makeVideo(context: VideoJobContext): Promise<VideoJobResult> {
  const { jobId, dataDir, ffmpegPath, source, signal, pieces: engine } = context;
  const folder = exportFolderOf(source.recordingId);
  const absoluteFolder = path.join(dataDir, folder);
  await mkdir(absoluteFolder, { recursive: true });
  const work = path.join(absoluteFolder, `${jobId}.partial`);
  const partialVideo = path.join(absoluteFolder, `${jobId}.partial.mp4`);
  const videoPath = path.posix.join(folder, `${jobId}.mp4`);
  const posterPath = path.posix.join(folder, `${jobId}-poster.jpg`);

  try {
    const plan = await engine.plan({
      source,
      operatorName: context.operatorName,
      drawTitle: context.drawTitle,
    });
    const { renderer } = engine;

    // What is not cached yet: only that counts towards progress and the time left.
    const files = new Map<string, string>();
    const missing: PieceSpec[] = [];
    for (const piece of plan.pieces) {
      const file = await renderer.cached(piece.key, 'mp4');
      if (file) files.set(piece.key, file);
      else missing.push(piece);
    }
    let soundFile = await renderer.cached(plan.sound.key, 'm4a');

    // Pieces to render need room too (they stay cached); the joined video is about their size again.
    const missingSeconds = missing.reduce((sum, p) => sum + p.frames, 0) / source.frameRate;
    const needed = (plan.durationSeconds + missingSeconds) * BYTES_PER_OUTPUT_SECOND + context.reserveBytes;
    const free = await context.freeBytes();
    if (free !== null && free < needed) {
      const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
      throw new ExportProblem(
        `Not enough free disk to make the video: ${gb(free)} GB free, ${gb(needed)} GB needed (recording keeps some free). Free space under Storage, then tap Retry.`,
      );
    }

    const total =
      missing.reduce((sum, p) => sum + PIECE_START_FRAMES + p.frames, 0) +
      (soundFile ? 0 : SOUND_FRAMES) +
      JOIN_FRAMES;
    const { priority, parallel } = renderPlan(context.filming());
    const lanes = Math.max(1, Math.min(parallel, missing.length));
    const shape = `${source.width}x${source.height}:${lanes}:${priority}`;
    const framesToRender = missing.reduce((sum, p) => sum + p.frames, 0);
    /** Frames written so far of each missing piece; a piece in the map has started. */
    const written = new Map<string, number>();
    const soundMissing = !soundFile;
    let soundDone = !soundMissing;
    let firstFrames: { atMs: number; frames: number } | null = null;
    const report = () => {
      let frames = 0;
      for (const count of written.values()) frames += count;
      const startsDone = written.size;
      const units = frames + startsDone * PIECE_START_FRAMES + (soundMissing && soundDone ? SOUND_FRAMES : 0);
      if (!firstFrames && frames > 0) firstFrames = { atMs: performance.now(), frames };
      context.onProgress(Math.min(0.99, units / total), {
        framesDone: frames,
        framesLeft: framesToRender - frames,
        fixedSeconds: (soundDone ? 0 : SOUND_SECONDS) + JOIN_SECONDS,
        recentFps: recentFps.get(shape) ?? null,
      });
    };

    await inPool(missing, parallel, async (piece) => {
      written.set(piece.key, 0);
      const { file } = await renderer.renderPiece(piece, {
        signal,
        priority,
        onFrames(frames) {
          written.set(piece.key, Math.min(frames, piece.frames));
          report();
        },
      });
      files.set(piece.key, file);
      written.set(piece.key, piece.frames);
      report();
    });
    const started = firstFrames as { atMs: number; frames: number } | null;
    if (started && framesToRender - started.frames >= PACE_MIN_FRAMES) {
      const seconds = (performance.now() - started.atMs) / 1000;
      if (seconds > 0) recentFps.set(shape, (framesToRender - started.frames) / seconds);
    }
    if (!soundFile) {
      soundFile = (await renderer.renderSound(plan.sound, { signal, priority })).file;
      soundDone = true;
      report();
    }

    await mkdir(work, { recursive: true });
    const listFile = path.join(work, 'pieces.txt');
    const partialPoster = path.join(work, 'poster.jpg');
    const listed = plan.pieces.map((piece) => ({ file: files.get(piece.key)!, frames: piece.frames }));
    await writeFile(listFile, concatList(listed, source.frameRate), 'utf8');
    const poster = plan.poster ?? { pieceIndex: 0, at: 0 };
    // The poster is read from its piece while the join copies: the same frame, without waiting for the join.
    await Promise.all([
      runFfmpeg(['-v', 'error', ...joinArgs(listFile, soundFile, source.frameRate, partialVideo)], {
        ffmpegPath,
        signal,
      }),
      runFfmpeg(
        [
          '-v',
          'error',
          ...posterArgs(files.get(plan.pieces[poster.pieceIndex]!.key)!, poster.at, partialPoster),
        ],
        { ffmpegPath, signal },
      ),
    ]);
    const [videoBytes, posterBytes] = await Promise.all([flushFile(partialVideo), flushFile(partialPoster)]);

    await rename(partialPoster, path.join(dataDir, posterPath));
    await rename(partialVideo, path.join(dataDir, videoPath));
    await syncDirectory(absoluteFolder);
    context.onProgress(1, { framesDone: framesToRender, framesLeft: 0, fixedSeconds: 0, recentFps: null });
    return {
      videoPath,
      posterPath,
      videoBytes,
      posterBytes,
      durationSeconds: plan.durationSeconds,
      rendered: missing.length,
      cached: plan.pieces.length - missing.length,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(partialVideo, { force: true });
  }
}

/** Removes what interrupted jobs left in a recording's exports folder (`*.partial*`). */
export async function removePartialExports(dataDir: string, recordingId: string): Promise<void> {
  const folder = path.join(dataDir, exportFolderOf(recordingId));
  const entries = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((name) => name.includes('.partial'))
      .map((name) => rm(path.join(folder, name), { recursive: true, force: true })),
  );
}
