// Stand-ins for the unit tests of a take's link: a connection the test drops and brings back, a main that keeps
// each camera's parts "on disk" by offset (as the real one does, across its own restarts), and a spill store.
import type { CameraNumber, ChunkAck, TakeResumed } from '../../shared/capture';
import type { ConnectionStatus, RawInputOf } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/errors';
import type { HeldChunk, SpillStore } from './chunk-buffer';
import type { LinkCalls } from './take-link';

export class FakeConnection implements ConnectionStatus {
  private up = true;
  private readonly listeners = new Set<(online: boolean) => void>();
  /** Calls under way when the connection drops fail, as a closing socket fails them. */
  readonly inFlight = new Set<() => void>();

  online = () => this.up;

  onChange(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  drop(): void {
    this.up = false;
    for (const listener of this.listeners) listener(false);
    for (const failCall of [...this.inFlight]) failCall();
  }

  back(): void {
    this.up = true;
    for (const listener of this.listeners) listener(true);
  }
}

const LOST = 'The connection to the kiosk service was lost.';

type Sent =
  | { kind: 'chunk'; camera: CameraNumber; part: number; seq: number; offset: number; size: number }
  | { kind: 'lost'; camera: CameraNumber }
  | { kind: 'resume' };

/**
 * Main as the link sees it: per camera and part the bytes on disk. A chunk is written when its offset is where
 * the part ends, acknowledged without writing when it is already there, refused when it would leave a gap.
 */
export class FakeMain implements LinkCalls {
  readonly disk = new Map<string, number[]>();
  readonly sent: Sent[] = [];
  readonly lost = new Set<CameraNumber>();
  /** Calls wait for `release()` while set (so a test can drop the connection mid-call). */
  holdCalls = false;
  /** The next chunk calls answer with this error instead. */
  refuseNext: Array<{ code: 'VALIDATION' | 'CONFLICT' | 'UNAVAILABLE' | 'INTERNAL'; message: string }> = [];
  restarted = false;
  private held: Array<(answered: boolean) => void> = [];

  constructor(private readonly connection: FakeConnection) {}

  bytesOf(camera: CameraNumber, part: number): number[] {
    return this.disk.get(`${camera}/${part}`) ?? [];
  }

  release(): void {
    const waiting = this.held;
    this.held = [];
    for (const go of waiting) go(true);
  }

  /** Main does the held calls' work, but the connection drops before their answers reach the screen. */
  writeThenDrop(): void {
    const waiting = this.held;
    this.held = [];
    for (const go of waiting) go(false);
    this.connection.drop();
  }

  /** Runs `work` as main would, unless the connection is (or goes) down first. */
  private answer<T>(work: () => Result<T>): Promise<Result<T>> {
    if (!this.connection.online()) return Promise.resolve(fail('UNAVAILABLE', LOST));
    return new Promise((resolve) => {
      const failCall = () => {
        this.connection.inFlight.delete(failCall);
        resolve(fail('UNAVAILABLE', LOST));
      };
      this.connection.inFlight.add(failCall);
      const run = (answered: boolean) => {
        if (!this.connection.inFlight.has(failCall)) return;
        const result = work();
        if (!answered) return;
        this.connection.inFlight.delete(failCall);
        resolve(result);
      };
      if (this.holdCalls) this.held.push(run);
      else queueMicrotask(() => run(true));
    });
  }

  chunk(input: RawInputOf<'capture.chunk'>): Promise<Result<ChunkAck>> {
    const bytes = [...input.bytes];
    const part = input.part ?? 0;
    const offset = input.offset ?? 0;
    this.sent.push({ kind: 'chunk', camera: input.camera, part, seq: input.seq, offset, size: bytes.length });
    return this.answer(() => {
      const refusal = this.refuseNext.shift();
      if (refusal) return fail(refusal.code, refusal.message);
      const key = `${input.camera}/${part}`;
      const onDisk = this.disk.get(key) ?? [];
      if (offset > onDisk.length) return fail('CONFLICT', 'A chunk is missing before this one.');
      if (offset + bytes.length > onDisk.length) onDisk.splice(offset, onDisk.length - offset, ...bytes);
      this.disk.set(key, onDisk);
      return ok({ bytesWritten: onDisk.length, stopRequested: null, freeBytes: null });
    });
  }

  cameraLost(input: RawInputOf<'capture.cameraLost'>): Promise<Result<{ noted: true }>> {
    this.sent.push({ kind: 'lost', camera: input.camera });
    return this.answer(() => {
      this.lost.add(input.camera);
      return ok({ noted: true as const });
    });
  }

  resume(input: RawInputOf<'capture.resume'>): Promise<Result<TakeResumed>> {
    this.sent.push({ kind: 'resume' });
    return this.answer(() => {
      const cameras = ([1, 2] as const).flatMap((camera) => {
        const parts = [...this.disk.keys()]
          .filter((key) => key.startsWith(`${camera}/`))
          .map((key) => Number(key.split('/')[1]));
        if (parts.length === 0) return [];
        const part = Math.max(...parts);
        return [
          { camera, part, bytesOnDisk: this.bytesOf(camera, part).length, lost: this.lost.has(camera) },
        ];
      });
      return ok({ takeId: input.takeId, sceneId: input.sceneId, reopened: this.restarted, cameras });
    });
  }
}

export class MapSpill implements SpillStore {
  readonly stored = new Map<string, Blob>();
  constructor(private readonly freeRoom: number | null = null) {}
  async put(key: string, data: Blob) {
    this.stored.set(key, data);
  }
  async get(key: string) {
    return this.stored.get(key);
  }
  async delete(key: string) {
    this.stored.delete(key);
  }
  async room() {
    return this.freeRoom;
  }
}

/** A chunk of `size` bytes whose every byte is its seq (so the bytes on "disk" show what arrived in order). */
export function chunkOf(
  camera: CameraNumber,
  seq: number,
  size: number,
  at: { part?: number; offset: number },
): { chunk: HeldChunk; blob: Blob } {
  return {
    chunk: { camera, part: at.part ?? 0, seq, offset: at.offset, size, seconds: 1 },
    blob: new Blob([new Uint8Array(size).fill(seq)]),
  };
}

/** Lets every queued promise and microtask run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
