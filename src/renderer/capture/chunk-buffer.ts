// The footage a take holds until main has it on disk: every recorder chunk, in order per camera, in memory up to
// a bound and beyond it spilled (oldest first) to this screen's own storage, so a host that goes away for minutes
// costs no filmed second and no unbounded memory. A chunk is let go only when main acknowledges it.
import type { CameraNumber } from '../../shared/capture';

export interface HeldChunk {
  camera: CameraNumber;
  /** The camera's recorder part (a camera got back mid-take records into the next part). */
  part: number;
  /** 0, 1, 2… within the part. */
  seq: number;
  /** Bytes of this part before this chunk. */
  offset: number;
  size: number;
  /** Seconds of footage in the chunk (time since the recorder's previous chunk). */
  seconds: number;
  /** With seq 0: when this part's recorder started, in ms since the epoch on this screen's clock. */
  startedAtMs?: number;
}

/** Where chunks go when memory is full: IndexedDB on a screen (chunk-spill.ts), a map in tests. */
export interface SpillStore {
  put(key: string, data: Blob): Promise<void>;
  get(key: string): Promise<Blob | undefined>;
  delete(key: string): Promise<void>;
  /** Bytes the browser still lets this screen store, null when it does not say. */
  room(): Promise<number | null>;
}

export interface ChunkBufferLimits {
  /** Chunk bytes held in memory for the take before the oldest are spilled. */
  memoryBytes: number;
  /** Chunk bytes the take may spill at most (the browser's own free room is asked as well). */
  spillBytes: number;
}

/** 64 MB is about a minute of both cameras at the default 4 Mbit/s each. */
export const DEFAULT_LIMITS: ChunkBufferLimits = {
  memoryBytes: 64 * 1024 * 1024,
  spillBytes: 1024 * 1024 * 1024,
};
/** Left free in the browser's storage for everything else the screen keeps. */
const SPILL_MARGIN_BYTES = 64 * 1024 * 1024;

interface Entry {
  chunk: HeldChunk;
  key: string;
  /** The bytes while they are in memory (also while being spilled). */
  blob: Blob | null;
  where: 'memory' | 'spilling' | 'spilled';
  acknowledged: boolean;
}

export interface Waiting {
  chunks: number;
  bytes: number;
  /** Seconds of footage not yet in main: the most any one camera has waiting. */
  seconds: number;
}

export class ChunkBuffer {
  private readonly queues = new Map<CameraNumber, Entry[]>();
  /** Entries in memory, oldest first: the next to spill. */
  private readonly inMemory: Entry[] = [];
  private memoryBytes = 0;
  private spilledBytes = 0;
  /** Spill-store work runs one operation at a time, in the order asked. */
  private storeWork: Promise<unknown> = Promise.resolve();
  /** Set when neither memory nor the spill store had room: the take must stop recording. */
  full = false;

  constructor(
    private readonly takeId: string,
    private readonly limits: ChunkBufferLimits,
    private readonly spill: SpillStore | null,
  ) {}

  /** Holds a chunk; resolves false when there is no room left anywhere (it is still held, over the bound). */
  async hold(chunk: HeldChunk, blob: Blob): Promise<boolean> {
    const entry: Entry = {
      chunk,
      key: `${this.takeId}/${chunk.camera}/${chunk.part}/${chunk.seq}`,
      blob,
      where: 'memory',
      acknowledged: false,
    };
    const queue = this.queues.get(chunk.camera) ?? [];
    this.queues.set(chunk.camera, queue);
    queue.push(entry);
    this.inMemory.push(entry);
    this.memoryBytes += chunk.size;
    await this.spillOverflow();
    return !this.full;
  }

  /** The oldest chunk of this camera main has not acknowledged. */
  head(camera: CameraNumber): HeldChunk | undefined {
    return this.queues.get(camera)?.[0]?.chunk;
  }

  async read(chunk: HeldChunk): Promise<Uint8Array<ArrayBuffer>> {
    const entry = this.entryOf(chunk);
    let blob = entry?.blob ?? null;
    if (entry && !blob) blob = (await this.spill?.get(entry.key)) ?? null;
    if (!blob) {
      throw new Error(
        `Camera ${chunk.camera}'s footage kept on this screen could not be read back (chunk ${chunk.seq}).`,
      );
    }
    return new Uint8Array(await blob.arrayBuffer());
  }

  /** Main has the chunk on disk: let it go. */
  acknowledge(chunk: HeldChunk): void {
    const queue = this.queues.get(chunk.camera);
    const index = queue?.findIndex((entry) => entry.chunk === chunk) ?? -1;
    if (!queue || index < 0) return;
    const [entry] = queue.splice(index, 1);
    if (entry) this.release(entry);
  }

  /**
   * After a lost connection: main has `bytesOnDisk` of `part` (and every earlier part) of this camera. Lets go of
   * the chunks that are wholly there; returns how many.
   */
  dropOnDisk(camera: CameraNumber, part: number, bytesOnDisk: number): number {
    const queue = this.queues.get(camera) ?? [];
    let dropped = 0;
    while (queue[0] && isOnDisk(queue[0].chunk, part, bytesOnDisk)) {
      this.release(queue.shift()!);
      dropped += 1;
    }
    return dropped;
  }

  waiting(camera?: CameraNumber): Waiting {
    let chunks = 0;
    let bytes = 0;
    let seconds = 0;
    for (const [number, queue] of this.queues) {
      if (camera !== undefined && number !== camera) continue;
      let cameraSeconds = 0;
      for (const entry of queue) {
        chunks += 1;
        bytes += entry.chunk.size;
        cameraSeconds += entry.chunk.seconds;
      }
      seconds = Math.max(seconds, cameraSeconds);
    }
    return { chunks, bytes, seconds };
  }

  /** Bytes held in memory and spilled now (for the screen's figures and the tests). */
  usage(): { memoryBytes: number; spilledBytes: number } {
    return { memoryBytes: this.memoryBytes, spilledBytes: this.spilledBytes };
  }

  /** Lets go of everything (the take was thrown away, or saved) and waits until the spill store is clean. */
  async clear(): Promise<void> {
    for (const queue of this.queues.values()) {
      for (const entry of queue.splice(0)) this.release(entry);
    }
    await this.settled();
  }

  /** Waits for the spill work asked for so far. */
  settled(): Promise<void> {
    return this.storeWork.then(() => undefined);
  }

  private entryOf(chunk: HeldChunk): Entry | undefined {
    return this.queues.get(chunk.camera)?.find((entry) => entry.chunk === chunk);
  }

  private release(entry: Entry): void {
    entry.acknowledged = true;
    if (entry.where === 'memory') {
      this.memoryBytes -= entry.chunk.size;
      entry.blob = null;
      const index = this.inMemory.indexOf(entry);
      if (index >= 0) this.inMemory.splice(index, 1);
    } else if (entry.where === 'spilled') {
      this.spilledBytes -= entry.chunk.size;
      this.queueStoreWork(() => this.spill!.delete(entry.key));
    }
    // 'spilling': the spill itself sees the acknowledgement and deletes what it wrote.
  }

  private async spillOverflow(): Promise<void> {
    const work: Promise<void>[] = [];
    while (this.memoryBytes > this.limits.memoryBytes && this.inMemory.length > 0 && !this.full) {
      const entry = this.inMemory[0]!;
      if (!this.spill || this.spilledBytes + entry.chunk.size > this.limits.spillBytes) {
        this.full = true;
        break;
      }
      this.inMemory.shift();
      entry.where = 'spilling';
      this.memoryBytes -= entry.chunk.size;
      this.spilledBytes += entry.chunk.size;
      work.push(this.queueStoreWork(() => this.spillOne(entry)));
    }
    await Promise.all(work);
  }

  private async spillOne(entry: Entry): Promise<void> {
    const spill = this.spill!;
    if (entry.acknowledged) {
      this.spilledBytes -= entry.chunk.size;
      return;
    }
    const room = await spill.room();
    let stored = room === null || room - SPILL_MARGIN_BYTES >= entry.chunk.size;
    if (stored) {
      stored = await spill.put(entry.key, entry.blob!).then(
        () => true,
        () => false, // quota or a broken store: the same as no room
      );
    }
    if (!stored) {
      this.full = true;
      this.spilledBytes -= entry.chunk.size;
      if (entry.acknowledged) return;
      entry.where = 'memory';
      this.memoryBytes += entry.chunk.size;
      this.inMemory.unshift(entry);
      return;
    }
    if (entry.acknowledged) {
      this.spilledBytes -= entry.chunk.size;
      await spill.delete(entry.key);
      return;
    }
    entry.where = 'spilled';
    entry.blob = null;
  }

  private queueStoreWork(work: () => Promise<void>): Promise<void> {
    const run = this.storeWork.then(work);
    this.storeWork = run.catch(() => undefined);
    return run.catch(() => undefined);
  }
}

function isOnDisk(chunk: HeldChunk, part: number, bytesOnDisk: number): boolean {
  return chunk.part < part || (chunk.part === part && chunk.offset + chunk.size <= bytesOnDisk);
}
