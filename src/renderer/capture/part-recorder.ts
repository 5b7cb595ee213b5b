// One MediaRecorder on one camera's feed: a part of a take. It numbers its chunks (seq) and counts the bytes
// before each (offset) from zero, so a camera got back mid-take simply starts the next part.
import type { CameraNumber } from '../../shared/capture';
import type { HeldChunk } from './chunk-buffer';

export interface PartEvents {
  /** The recorder is running: its first frame is being encoded (ms since the epoch on this screen's clock). */
  onStart(startedAtMs: number): void;
  /** A chunk to hold until main has it; the part's stop waits for what this returns. */
  onChunk(chunk: HeldChunk, blob: Blob): Promise<unknown>;
  /** The feed's track ended (a camera unplugged): the part cannot go on. */
  onTrackEnded(): void;
}

const wallClockMs = () => performance.timeOrigin + performance.now();

export class PartRecorder {
  private readonly recorder: MediaRecorder;
  private nextSeq = 0;
  /** Bytes of this part so far: the next chunk's offset. */
  private bytes = 0;
  private lastChunkAtMs = 0;
  private held: Promise<unknown> = Promise.resolve();
  private readonly stopped: Promise<void>;
  startedAtMs: number | null = null;

  /** Throws when the browser cannot record this stream in this format. */
  constructor(
    readonly camera: CameraNumber,
    readonly part: number,
    stream: MediaStream,
    options: { mimeType: string; bitrate: number },
    events: PartEvents,
  ) {
    const recorder = new MediaRecorder(stream, {
      mimeType: options.mimeType,
      videoBitsPerSecond: options.bitrate,
    });
    this.recorder = recorder;
    this.stopped = new Promise((resolve) =>
      recorder.addEventListener('stop', () => resolve(), { once: true }),
    );
    recorder.addEventListener('start', () => {
      this.startedAtMs = wallClockMs();
      this.lastChunkAtMs = this.startedAtMs;
      events.onStart(this.startedAtMs);
    });
    recorder.addEventListener('dataavailable', (event: BlobEvent) => {
      if (event.data.size === 0) return;
      const now = wallClockMs();
      const seq = this.nextSeq++;
      const chunk: HeldChunk = {
        camera,
        part,
        seq,
        offset: this.bytes,
        size: event.data.size,
        seconds: Math.max(0, (now - this.lastChunkAtMs) / 1000),
        ...(seq === 0 && this.startedAtMs !== null ? { startedAtMs: this.startedAtMs } : {}),
      };
      this.bytes += event.data.size;
      this.lastChunkAtMs = now;
      this.held = Promise.all([this.held, events.onChunk(chunk, event.data)]);
    });
    for (const track of stream.getVideoTracks()) track.addEventListener('ended', () => events.onTrackEnded());
  }

  start(timesliceMs: number): void {
    this.recorder.start(timesliceMs);
  }

  /** Stops without waiting (the take is thrown away). */
  halt(): void {
    if (this.recorder.state !== 'inactive') this.recorder.stop();
  }

  /** Stops the recorder; resolves once its last chunk is handed on and held. */
  async finish(): Promise<void> {
    this.halt();
    await this.stopped;
    // The final dataavailable comes before `stop`, so its hold is already chained.
    await this.held;
  }
}
