// A take's line to main: sends the held chunks in order per camera, each with its part, seq and offset, and lets
// a chunk go only when main acknowledges it. A lost connection never ends the take: the chunks wait; when the
// connection is back, capture.resume says what main has on disk, what is there is let go and the rest follows.
// A refusal (main says no, not "cannot hear you") is not retried: the take is told, and stops.
import type { CameraNumber, ChunkAck, TakeResumed } from '../../shared/capture';
import type { ConnectionStatus, RawInputOf } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import type { ChunkBuffer, HeldChunk } from './chunk-buffer';

export interface LinkCalls {
  chunk(input: RawInputOf<'capture.chunk'>): Promise<Result<ChunkAck>>;
  cameraLost(input: RawInputOf<'capture.cameraLost'>): Promise<Result<{ noted: true }>>;
  resume(input: RawInputOf<'capture.resume'>): Promise<Result<TakeResumed>>;
}

export interface LinkEvents {
  /** Something the screen shows changed: the link's state, or what is waiting. */
  onChange(): void;
  onAck(camera: CameraNumber, ack: ChunkAck): void;
  /** Main refused; nothing more is sent. */
  onFailed(error: AppError): void;
}

/**
 * sending: chunks go as they come. held: the connection dropped; chunks wait. catching-up: asking main where
 * the take stands. failed: main refused. closed: the take was thrown away or ended.
 */
export type LinkState = 'sending' | 'held' | 'catching-up' | 'failed' | 'closed';

/** Tries for a call main answered with "cannot now" (UNAVAILABLE from main itself, INTERNAL). */
const RETRIES = 3;
const RETRY_MS = 250;

interface LostNote {
  part: number;
  reason: string;
}

export class TakeLink {
  private stateNow: LinkState = 'sending';
  private readonly loops = new Map<CameraNumber, Promise<void>>();
  private readonly lostNotes = new Map<CameraNumber, LostNote[]>();
  private readonly cameras = new Set<CameraNumber>();
  private catchingUp: Promise<void> | null = null;
  private settledWaiters: Array<(settled: boolean) => void> = [];
  private readonly stopListening: () => void;
  /** The connection dropped at least once during the take. */
  interrupted = false;
  /** Main had ended the take (it restarted, or gave up waiting) and reopened it from its disk. */
  reopened = false;

  constructor(
    private readonly ids: { takeId: string; sceneId: string },
    private readonly calls: LinkCalls,
    private readonly connection: ConnectionStatus,
    readonly buffer: ChunkBuffer,
    private readonly events: LinkEvents,
  ) {
    this.stopListening = connection.onChange((online) => (online ? this.connectionBack() : this.lost()));
    if (!connection.online()) this.lost();
  }

  get state(): LinkState {
    return this.stateNow;
  }

  /** Chunks wait on this screen because the connection is gone (or main is being asked where it stands). */
  get waitingForConnection(): boolean {
    return this.stateNow === 'held' || this.stateNow === 'catching-up';
  }

  /** Holds a recorder chunk and sends it when its turn comes; false when this screen has no room left. */
  async send(chunk: HeldChunk, blob: Blob): Promise<boolean> {
    this.cameras.add(chunk.camera);
    const held = this.buffer.hold(chunk, blob);
    this.kick(chunk.camera);
    this.events.onChange();
    return held;
  }

  /** Tells main a camera dropped out, after the last chunk of that part. */
  cameraLost(camera: CameraNumber, part: number, reason: string): void {
    this.cameras.add(camera);
    const notes = this.lostNotes.get(camera) ?? [];
    this.lostNotes.set(camera, notes);
    notes.push({ part, reason });
    this.kick(camera);
  }

  /**
   * Resolves true once everything held is in main and the connection is up (the moment to stop the take), false
   * when that cannot happen (main refused, or the take was closed). Waits as long as the connection is away.
   */
  settled(): Promise<boolean> {
    return new Promise((resolve) => {
      this.settledWaiters.push(resolve);
      this.checkSettled();
    });
  }

  /** A call made outside the link (stop) met a lost connection: catch up again before it is repeated. */
  connectionFailed(): void {
    this.lost();
    if (this.connection.online()) this.connectionBack();
  }

  /** Nothing more is sent (the take was thrown away or is over). */
  close(): void {
    if (this.stateNow === 'closed') return;
    this.stateNow = 'closed';
    this.stopListening();
    this.checkSettled();
  }

  private lost(): void {
    if (this.stateNow !== 'sending' && this.stateNow !== 'catching-up') return;
    this.stateNow = 'held';
    this.interrupted = true;
    this.events.onChange();
  }

  private connectionBack(): void {
    if (this.stateNow === 'held') void this.catchUp();
    else this.kickAll();
    this.events.onChange();
  }

  private kickAll(): void {
    for (const camera of this.cameras) this.kick(camera);
    this.checkSettled();
  }

  private kick(camera: CameraNumber): void {
    if (this.loops.has(camera) || this.stateNow !== 'sending' || !this.connection.online()) return;
    const loop = this.run(camera).finally(() => {
      this.loops.delete(camera);
      this.checkSettled();
    });
    this.loops.set(camera, loop);
  }

  private async run(camera: CameraNumber): Promise<void> {
    while (this.stateNow === 'sending' && this.connection.online()) {
      const head = this.buffer.head(camera);
      const note = this.lostNotes.get(camera)?.[0];
      if (note && (!head || head.part > note.part)) {
        const noted = await this.call(() =>
          this.calls.cameraLost({ takeId: this.ids.takeId, camera, reason: note.reason }),
        );
        if (!noted) return;
        this.lostNotes.get(camera)?.shift();
        continue;
      }
      if (!head) return;
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = await this.buffer.read(head);
      } catch (error) {
        this.fail({ code: 'INTERNAL', message: (error as Error).message });
        return;
      }
      const ack = await this.call(() =>
        this.calls.chunk({
          takeId: this.ids.takeId,
          camera,
          part: head.part,
          seq: head.seq,
          offset: head.offset,
          bytes,
          ...(head.startedAtMs !== undefined ? { startedAtMs: head.startedAtMs } : {}),
        }),
      );
      if (!ack) return;
      this.buffer.acknowledge(head);
      this.events.onAck(camera, ack);
      this.events.onChange();
    }
  }

  /** One call to main: its value, or null when the link is held (the connection went) or failed. */
  private async call<T>(run: () => Promise<Result<T>>): Promise<T | null> {
    for (let attempt = 1; ; attempt++) {
      const result = await run();
      if (result.ok) return result.value;
      // The connection dropped while this was under way: whatever the answer says, catching up decides.
      if (this.stateNow !== 'sending') return null;
      const { code } = result.error;
      const cannotNow = code === 'UNAVAILABLE' || code === 'INTERNAL';
      if (code === 'UNAVAILABLE' && !this.connection.online()) {
        this.lost();
        return null;
      }
      if (!cannotNow || attempt >= RETRIES) {
        this.fail(result.error);
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * attempt));
      if (this.stateNow !== 'sending') return null;
    }
  }

  private catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      this.stateNow = 'catching-up';
      this.events.onChange();
      // Calls still under way finish (or fail) first, so main's answer below is the last word on the disk.
      await Promise.all(this.loops.values());
      for (let attempt = 1; this.stateNow === 'catching-up'; attempt++) {
        const result = await this.calls.resume(this.ids);
        if (this.stateNow !== 'catching-up') return; // dropped again, or closed
        if (result.ok) {
          this.caughtUp(result.value);
          return;
        }
        const { code } = result.error;
        if (code === 'UNAVAILABLE' && !this.connection.online()) {
          this.stateNow = 'held'; // the next "online" tries again
          this.events.onChange();
          return;
        }
        if ((code !== 'UNAVAILABLE' && code !== 'INTERNAL') || attempt >= RETRIES) {
          this.fail(result.error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS * attempt));
      }
    })().finally(() => {
      this.catchingUp = null;
      // Dropped and back again while main was being asked: ask again.
      if (this.stateNow === 'held' && this.connection.online()) void this.catchUp();
    });
    return this.catchingUp;
  }

  private caughtUp(resumed: TakeResumed): void {
    if (resumed.reopened) this.reopened = true;
    for (const camera of resumed.cameras) {
      this.buffer.dropOnDisk(camera.camera, camera.part, camera.bytesOnDisk);
      const notes = this.lostNotes.get(camera.camera) ?? [];
      const stillToTell = notes.filter(
        (note) => note.part > camera.part || (note.part === camera.part && !camera.lost),
      );
      this.lostNotes.set(camera.camera, stillToTell);
    }
    this.stateNow = 'sending';
    this.events.onChange();
    this.kickAll();
  }

  private fail(error: AppError): void {
    if (this.stateNow === 'failed' || this.stateNow === 'closed') return;
    this.stateNow = 'failed';
    this.events.onFailed(error);
    this.events.onChange();
    this.checkSettled();
  }

  private checkSettled(): void {
    if (this.settledWaiters.length === 0) return;
    let settled: boolean | null = null;
    if (this.stateNow === 'failed' || this.stateNow === 'closed') settled = false;
    else if (
      this.stateNow === 'sending' &&
      this.connection.online() &&
      this.loops.size === 0 &&
      this.buffer.waiting().chunks === 0 &&
      [...this.lostNotes.values()].every((notes) => notes.length === 0)
    ) {
      settled = true;
    }
    if (settled === null) return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve(settled);
  }
}
