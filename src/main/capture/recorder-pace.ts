// Whether every recorder is keeping up, told to background video renders as a RenderHold: held while any
// camera of an open take falls behind, released once all have caught up. ffmpeg/run.ts stops a held render
// (SIGSTOP) and the autopilot starts none, so filming always gets the CPU and the disk first.
//
// What capture can see of a recorder is its chunks: the screen records in slices of TIMESLICE_MS (1 s), so
// chunk `seq` of a recorder part holds the footage of second `seq`, and the chunks of one camera are written
// one at a time, each flushed to the disk before it is acknowledged. "Behind", with its numbers:
//   - a chunk arrives BEHIND_LAG_MS (2 s) or more later than its place in the recording says: the screen now
//     holds over two seconds of footage main does not have (its encoder or its link is starved), or
//   - more than MAX_WAITING_CHUNKS (2) chunks of one camera wait to be written: the disk is not keeping up.
// "Caught up": every camera's newest chunk arrived less than CAUGHT_UP_LAG_MS (1 s) late and at most one chunk
// waits. Between the two the hold stays as it is, so it does not flap on a chunk's jitter. A camera's place is
// measured from the earliest its part can have started in main's clock: min over its chunks of
// (arrival − seq × 1 s); a first chunk that came late therefore never makes the later ones look late.
// A take that ends, or a camera that is lost, stops counting at once.
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { RenderHold } from '../ffmpeg/run';

/** The screen's recorder timeslice (renderer/capture/take.ts TIMESLICE_MS). */
export const CHUNK_MS = 1000;
export const BEHIND_LAG_MS = 2000;
export const CAUGHT_UP_LAG_MS = 1000;
export const MAX_WAITING_CHUNKS = 2;

export interface ChunkArrival {
  takeId: string;
  camera: number;
  part: number;
  seq: number;
}

export interface RecorderPace {
  /** Held while a recorder is behind (see the module comment). */
  readonly hold: RenderHold;
  /** A chunk came in; call the returned function once it is written (or refused). */
  chunkArrived(chunk: ChunkArrival): () => void;
  /** The camera dropped out: it no longer counts. */
  cameraLost(takeId: string, camera: number): void;
  /** The take ended (saved, discarded or left for recovery): none of its cameras count any more. */
  takeEnded(takeId: string): void;
}

interface CameraPace {
  takeId: string;
  part: number;
  /** Earliest start of this part in main's clock (ms), from its chunks so far. */
  startMs: number;
  lastLagMs: number;
  waiting: number;
}

export function createRecorderPace(options: { logger: Logger; nowMs?: () => number }): RecorderPace {
  const nowMs = options.nowMs ?? (() => performance.now());
  const cameras = new Map<string, CameraPace>();
  const listeners = new Set<(held: boolean) => void>();
  let held = false;

  const keyOf = (takeId: string, camera: number) => `${takeId}/${camera}`;
  const behind = (pace: CameraPace) => pace.lastLagMs >= BEHIND_LAG_MS || pace.waiting > MAX_WAITING_CHUNKS;
  const caughtUp = (pace: CameraPace) => pace.lastLagMs < CAUGHT_UP_LAG_MS && pace.waiting <= 1;

  function settle(): void {
    const all = [...cameras.values()];
    const next = held ? !all.every(caughtUp) : all.some(behind);
    if (next === held) return;
    held = next;
    const why = all.map((pace) => ({ lagMs: Math.round(pace.lastLagMs), waiting: pace.waiting }));
    options.logger.info(
      { cameras: why },
      held
        ? 'a recorder fell behind; background renders wait'
        : 'recorders caught up; background renders go on',
    );
    for (const listener of [...listeners]) listener(held);
  }

  return {
    hold: {
      held: () => held,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },

    chunkArrived({ takeId, camera, part, seq }) {
      const key = keyOf(takeId, camera);
      const now = nowMs();
      const placed = now - seq * CHUNK_MS;
      let pace = cameras.get(key);
      if (!pace || pace.part !== part) {
        // A new recorder part starts its own clock (its seq starts at 0 again).
        pace = { takeId, part, startMs: placed, lastLagMs: 0, waiting: 0 };
        cameras.set(key, pace);
      }
      pace.startMs = Math.min(pace.startMs, placed);
      pace.lastLagMs = placed - pace.startMs;
      pace.waiting += 1;
      const counted = pace;
      settle();
      let done = false;
      return () => {
        if (done) return;
        done = true;
        counted.waiting = Math.max(0, counted.waiting - 1);
        settle();
      };
    },

    cameraLost(takeId, camera) {
      cameras.delete(keyOf(takeId, camera));
      settle();
    },

    takeEnded(takeId) {
      for (const [key, pace] of cameras) if (pace.takeId === takeId) cameras.delete(key);
      settle();
    },
  };
}
