// Renders pieces into the cache, one export service's single renderer: a piece already cached is used as it is,
// and a piece being rendered is awaited, never rendered twice (the background prerender and a video job often
// want the same piece at the same moment). A render is stopped only when every caller waiting for it has gone
// (cancelled job, aborted prerender). ffmpeg follows the hold, so filming keeps the CPU, and work ahead of need
// runs at the lowest priority.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RenderHold } from '../../ffmpeg/run';
import { progressPeriodArgs } from '../../ffmpeg/progress-period';
import { runFfmpeg } from '../../ffmpeg/run';
import type { PieceCache } from './cache';
import { pieceArgs, soundArgs, type PieceSpec, type SoundSpec } from './plan';

export interface RenderOptions {
  signal?: AbortSignal;
  /**
   * 'low' (the default) for work ahead of need; 'normal' for a video someone waits for, as the one-shot render
   * ran. A render joined while running keeps the priority it started with. Both follow the hold.
   */
  priority?: 'low' | 'normal';
  /** Frames of this piece written so far (also while it is rendered for another caller). */
  onFrames?(frames: number): void;
}

export interface RenderResult {
  file: string;
  /** False when the piece was in the cache already. */
  rendered: boolean;
}

export interface PieceRenderer {
  readonly cache: PieceCache;
  /** The cached file of a piece or sound, without rendering; null when it is not there. */
  cached(key: string, ext: 'mp4' | 'm4a'): Promise<string | null>;
  renderPiece(spec: PieceSpec, options?: RenderOptions): Promise<RenderResult>;
  renderSound(spec: SoundSpec, options?: RenderOptions): Promise<RenderResult>;
  /** Keys being rendered now (tests, benchmarks). */
  inFlight(): string[];
}

export interface PieceRendererOptions {
  cache: PieceCache;
  ffmpegPath: () => string;
  hold?: RenderHold;
}

interface Flight {
  promise: Promise<string>;
  controller: AbortController;
  callers: number;
  frames: number;
  listeners: Set<(frames: number) => void>;
}

/** ffmpeg's arguments for a render into `output`; `work` is a folder for what they read; `period` sets progress. */
type ArgsFor = (output: string, work: string, period: readonly string[]) => Promise<string[]>;

const abortError = () => new DOMException('The render was cancelled.', 'AbortError');

export function createPieceRenderer(options: PieceRendererOptions): PieceRenderer {
  const { cache } = options;
  const flights = new Map<string, Flight>();

  /** Runs ffmpeg into a temporary name and commits it; `prepare` writes what the command reads. */
  async function render(
    key: string,
    ext: 'mp4' | 'm4a',
    flight: Flight,
    argsFor: ArgsFor,
    priority: 'low' | 'normal',
  ): Promise<string> {
    await mkdir(cache.dir, { recursive: true });
    const temp = cache.tempFileOf(key, ext);
    const work = `${temp}.d`;
    try {
      const ffmpegPath = options.ffmpegPath();
      const args = await argsFor(temp, work, await progressPeriodArgs(ffmpegPath));
      await runFfmpeg(['-v', 'error', ...args], {
        ffmpegPath,
        signal: flight.controller.signal,
        priority,
        hold: options.hold,
        onStdoutLine(line) {
          if (!line.startsWith('frame=')) return;
          const frames = Number(line.slice(6));
          if (!Number.isFinite(frames)) return;
          flight.frames = frames;
          for (const listener of flight.listeners) listener(frames);
        },
      });
      if (!((await stat(temp).catch(() => null))?.size ?? 0)) {
        throw new Error(`ffmpeg wrote nothing for piece ${key}.`);
      }
      return await cache.commit(temp, key, ext);
    } finally {
      await rm(work, { recursive: true, force: true });
      await rm(temp, { force: true });
    }
  }

  async function ensure(
    key: string,
    ext: 'mp4' | 'm4a',
    argsFor: ArgsFor,
    callerOptions: RenderOptions = {},
  ): Promise<RenderResult> {
    const { signal, onFrames } = callerOptions;
    if (signal?.aborted) throw abortError();
    let flight = flights.get(key);
    if (!flight) {
      const existing = await cache.lookup(key, ext);
      if (existing) return { file: existing, rendered: false };
      flight = flights.get(key); // another caller may have started it while we looked
    }
    if (!flight) {
      const started: Flight = {
        promise: Promise.resolve(''),
        controller: new AbortController(),
        callers: 0,
        frames: 0,
        listeners: new Set(),
      };
      started.promise = render(key, ext, started, argsFor, callerOptions.priority ?? 'low').finally(() => {
        if (flights.get(key) === started) flights.delete(key);
      });
      // Nobody may be waiting when it fails after every caller left: no unhandled rejection then.
      started.promise.catch(() => undefined);
      flights.set(key, started);
      flight = started;
    }
    const joined = flight;
    joined.callers += 1;
    if (onFrames) joined.listeners.add(onFrames);
    return new Promise<RenderResult>((resolve, reject) => {
      const leave = () => {
        if (onFrames) joined.listeners.delete(onFrames);
        signal?.removeEventListener('abort', onAbort);
        joined.callers -= 1;
      };
      const onAbort = () => {
        leave();
        if (joined.callers > 0) {
          reject(abortError());
          return;
        }
        // The last caller gone: stop ffmpeg, and answer once its temporary file is removed.
        if (flights.get(key) === joined) flights.delete(key);
        joined.controller.abort();
        void joined.promise.catch(() => undefined).then(() => reject(abortError()));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort(); // aborted while the cache was looked at
      joined.promise.then(
        (file) => {
          leave();
          resolve({ file, rendered: true });
        },
        (error: unknown) => {
          leave();
          reject(signal?.aborted ? abortError() : (error as Error));
        },
      );
    });
  }

  return {
    cache,
    cached: (key, ext) => cache.lookup(key, ext),

    renderPiece(spec, renderOptions) {
      return ensure(
        spec.key,
        'mp4',
        async (output, work, period) => {
          if (!spec.title) return pieceArgs(spec, null, output, period);
          await mkdir(work, { recursive: true });
          const titleFile = path.join(work, 'title.txt');
          const subtitleFile = spec.title.operatorLine ? path.join(work, 'operator.txt') : null;
          await writeFile(titleFile, spec.title.text || ' ', 'utf8');
          if (subtitleFile) await writeFile(subtitleFile, spec.title.operatorLine, 'utf8');
          return pieceArgs(spec, { titleFile, subtitleFile }, output, period);
        },
        renderOptions,
      );
    },

    renderSound(spec, renderOptions) {
      return ensure(spec.key, 'm4a', async (output) => soundArgs(spec, output), renderOptions);
    },

    inFlight: () => [...flights.keys()],
  };
}
