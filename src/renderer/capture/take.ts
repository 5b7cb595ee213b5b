// One take of one scene: a MediaRecorder per camera, each chunk (≤ 1 s) held on this screen until main has it
// on disk (take-link.ts sends them; chunk-buffer.ts holds them), so a lost connection costs no filmed second and
// memory stays bounded however long the scene runs. A camera that drops out can be got back: it records into
// the next part, which main joins to the earlier ones on stop.
import { MAX_PARTS, type CameraNumber, type TakeFinished, type TakeStarted } from '../../shared/capture';
import type { ConnectionStatus, RawInputOf } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import { ChunkBuffer, DEFAULT_LIMITS, type ChunkBufferLimits, type SpillStore } from './chunk-buffer';
import { PartRecorder } from './part-recorder';
import { TakeLink, type LinkCalls, type LinkState } from './take-link';

/** The calls a take makes, as results (stores pass callMagnum wrappers; tests can pass their own). */
export interface CaptureCalls extends LinkCalls {
  start(input: RawInputOf<'capture.start'>): Promise<Result<TakeStarted>>;
  stop(input: RawInputOf<'capture.stop'>): Promise<Result<TakeFinished>>;
  discard(input: RawInputOf<'capture.discard'>): Promise<Result<{ discarded: true }>>;
}

export interface CameraFeed {
  camera: CameraNumber;
  stream: MediaStream;
  label: string | null;
}

export type CameraState = 'starting' | 'recording' | 'lost' | 'stopped';

export interface CameraProgress {
  camera: CameraNumber;
  state: CameraState;
  bytesWritten: number;
  width: number;
  height: number;
  frameRate: number;
  /** Seconds into the take when the camera dropped out. */
  lostAtSeconds: number | null;
}

/** What the screen shows about the take's line to main. */
export interface LinkView {
  state: LinkState;
  /** Seconds of footage (the most of one camera) held on this screen, not yet in main. */
  waitingSeconds: number;
  waitingBytes: number;
  /** Footage piled up while the connection was away and is not all sent yet. */
  backlog: boolean;
  /** Share of that backlog sent since the connection came back (0…1). */
  sentShare: number;
}

export type MustStopReason = 'disk-low' | 'cameras-lost' | 'screen-full';

export interface TakeEvents {
  onProgress(cameras: CameraProgress[]): void;
  onLink(link: LinkView): void;
  onCameraLost(camera: CameraNumber, atSeconds: number): void;
  /** The take must end now: main's disk is nearly full, every camera dropped out, or this screen is full. */
  onMustStop(reason: MustStopReason): void;
  /** Main refused the take's footage; nothing more can be sent. */
  onFailed(error: AppError): void;
}

export interface TakeOptions {
  mimeType: string;
  bitrate: number;
  connection: ConnectionStatus;
  limits?: ChunkBufferLimits;
  openSpill(takeId: string): Promise<SpillStore | null>;
}

/** Chunks are at most this long (the ceiling is 1 s). */
export const TIMESLICE_MS = 1000;

interface CameraRecorder {
  feed: CameraFeed;
  /** Oldest first; the last is recording (or was, when the camera is lost or the take stopped). */
  parts: PartRecorder[];
  progress: CameraProgress;
}

const currentPart = (camera: CameraRecorder): PartRecorder => camera.parts[camera.parts.length - 1]!;

const wallClockMs = () => performance.timeOrigin + performance.now();

export class SceneTake {
  private readonly cameras: CameraRecorder[] = [];
  private readonly link: TakeLink;
  private startedAt = 0;
  private stoppedAt: number | null = null;
  private ended = false;
  private peakWaitingBytes = 0;
  private backlog = false;
  /** Main refused the take's footage (the take stopped because of it). */
  failure: AppError | null = null;
  /** Seconds filmed on this screen that could not be sent after a refusal. */
  unsentSeconds = 0;
  /** Thrown away by the crew. */
  discarded = false;

  private constructor(
    readonly info: TakeStarted,
    private readonly calls: CaptureCalls,
    private readonly options: TakeOptions,
    private readonly events: TakeEvents,
    spill: SpillStore | null,
  ) {
    const buffer = new ChunkBuffer(info.takeId, options.limits ?? DEFAULT_LIMITS, spill);
    this.link = new TakeLink(
      { takeId: info.takeId, sceneId: info.sceneId },
      calls,
      options.connection,
      buffer,
      {
        onChange: () => this.events.onLink(this.linkView()),
        onAck: (camera, ack) => {
          const progress = this.cameras.find((c) => c.feed.camera === camera)?.progress;
          if (progress) progress.bytesWritten = ack.bytesWritten;
          this.emitProgress();
          if (ack.stopRequested && !this.ended) this.events.onMustStop(ack.stopRequested);
        },
        onFailed: (error) => {
          this.failure = error;
          this.events.onFailed(error);
        },
      },
    );
  }

  /** Opens the take in main (free disk checked there), then starts both recorders together. */
  static async start(
    calls: CaptureCalls,
    sceneId: string,
    feeds: CameraFeed[],
    options: TakeOptions,
    events: TakeEvents,
  ): Promise<Result<SceneTake>> {
    const started = await calls.start({
      sceneId,
      mimeType: options.mimeType,
      cameras: feeds.map((feed) => {
        const settings = feed.stream.getVideoTracks()[0]?.getSettings() ?? {};
        return {
          camera: feed.camera,
          label: feed.label,
          width: settings.width ?? 1,
          height: settings.height ?? 1,
          frameRate: Math.round((settings.frameRate ?? 0) * 100) / 100,
        };
      }),
    });
    if (!started.ok) return started;
    const spill = await options.openSpill(started.value.takeId).catch(() => null);
    const take = new SceneTake(started.value, calls, options, events, spill);
    try {
      take.begin(feeds);
    } catch (error) {
      for (const camera of take.cameras) currentPart(camera).halt(); // one may have started before the other failed
      take.link.close();
      await calls.discard({ takeId: started.value.takeId });
      return {
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: `The cameras could not start recording (${(error as Error).message}). Check the cameras, then try again.`,
        },
      };
    }
    return { ok: true, value: take };
  }

  get takeId(): string {
    return this.info.takeId;
  }

  /** Seconds since the recorders started (what the operator sees as elapsed); fixed once Stop is pressed. */
  elapsedSeconds(): number {
    if (!this.startedAt) return 0;
    return ((this.stoppedAt ?? wallClockMs()) - this.startedAt) / 1000;
  }

  /** The take's length as filmed: from the first recorder starting to Stop (or now). */
  lengthSeconds(): number {
    const starts = this.cameras.flatMap((camera) => camera.parts[0]?.startedAtMs ?? []);
    const from = starts.length > 0 ? Math.min(...starts) : this.startedAt;
    return from ? ((this.stoppedAt ?? wallClockMs()) - from) / 1000 : 0;
  }

  /** The take's clock on this screen's clock, for a moment given in ms since the epoch. */
  secondsAt(wallMs: number): number {
    return Math.max(0, (wallMs - this.startedAt) / 1000);
  }

  progress(): CameraProgress[] {
    return this.cameras.map((camera) => ({ ...camera.progress }));
  }

  /** Where the link stands now; a backlog lasts from the connection dropping until nothing waits any more. */
  linkView(): LinkView {
    const waiting = this.link.buffer.waiting();
    const { state } = this.link;
    if (this.link.waitingForConnection) this.backlog = true;
    else if (waiting.bytes === 0 || state === 'failed' || state === 'closed') this.backlog = false;
    this.peakWaitingBytes = this.backlog ? Math.max(this.peakWaitingBytes, waiting.bytes) : 0;
    return {
      state,
      waitingSeconds: waiting.seconds,
      waitingBytes: waiting.bytes,
      backlog: this.backlog,
      sentShare: this.peakWaitingBytes ? 1 - waiting.bytes / this.peakWaitingBytes : 1,
    };
  }

  /** The connection to main dropped at least once during the take. */
  get interrupted(): boolean {
    return this.link.interrupted;
  }

  /** Main had to reopen the take from its disk (it restarted during the take). */
  get reopened(): boolean {
    return this.link.reopened;
  }

  private begin(feeds: CameraFeed[]): void {
    this.startedAt = wallClockMs();
    for (const feed of feeds) {
      const settings = feed.stream.getVideoTracks()[0]?.getSettings() ?? {};
      const camera: CameraRecorder = {
        feed,
        parts: [],
        progress: {
          camera: feed.camera,
          state: 'starting',
          bytesWritten: 0,
          width: settings.width ?? 0,
          height: settings.height ?? 0,
          frameRate: Math.round((settings.frameRate ?? 0) * 100) / 100,
          lostAtSeconds: null,
        },
      };
      camera.parts.push(this.recordPart(camera, 0));
      this.cameras.push(camera);
    }
    for (const camera of this.cameras) currentPart(camera).start(TIMESLICE_MS);
  }

  /** A new recorder on the camera's feed for `part`; not started yet, and not yet the camera's current part. */
  private recordPart(camera: CameraRecorder, part: number): PartRecorder {
    const recording: PartRecorder = new PartRecorder(
      camera.feed.camera,
      part,
      camera.feed.stream,
      this.options,
      {
        onStart: () => {
          if (currentPart(camera) === recording) camera.progress.state = 'recording';
          this.emitProgress();
        },
        onChunk: (chunk, blob) =>
          this.link.send(chunk, blob).then((room) => {
            if (!room) this.screenFull();
          }),
        onTrackEnded: () => {
          if (currentPart(camera) === recording) {
            this.loseCamera(camera.feed.camera, 'The camera stopped sending video.');
          }
        },
      },
    );
    return recording;
  }

  private emitProgress(): void {
    this.events.onProgress(this.progress());
  }

  private screenFull(): void {
    if (this.ended) return;
    this.events.onMustStop('screen-full');
  }

  /**
   * A camera dropped out (its track ended, or its frames stopped at `atWallMs`): its recorder stops, its footage so
   * far is kept, main is told after its last chunk, and the other camera goes on.
   */
  loseCamera(number: CameraNumber, reason: string, atWallMs = wallClockMs()): void {
    const camera = this.cameras.find((c) => c.feed.camera === number);
    if (!camera || this.ended || camera.progress.state === 'lost' || camera.progress.state === 'stopped')
      return;
    camera.progress.state = 'lost';
    camera.progress.lostAtSeconds = this.secondsAt(atWallMs);
    this.emitProgress();
    this.events.onCameraLost(number, camera.progress.lostAtSeconds);
    const part = currentPart(camera);
    void part.finish().then(() => this.link.cameraLost(number, part.part, reason));
    if (this.cameras.every((c) => c.progress.state === 'lost')) this.events.onMustStop('cameras-lost');
  }

  /** The cameras that dropped out of this take and are not back. */
  lostCameras(): CameraNumber[] {
    return this.cameras.filter((c) => c.progress.state === 'lost').map((c) => c.feed.camera);
  }

  /** A lost camera reopened: it records on into its next part (main joins the parts on stop). */
  async restoreCamera(number: CameraNumber, stream: MediaStream): Promise<Result<void>> {
    const camera = this.cameras.find((c) => c.feed.camera === number);
    if (!camera || this.ended || camera.progress.state !== 'lost') return { ok: true, value: undefined };
    const last = currentPart(camera);
    const next = last.part + 1;
    if (next >= MAX_PARTS) {
      return {
        ok: false,
        error: {
          code: 'CONFLICT',
          message: `Camera ${number} dropped out ${MAX_PARTS - 1} times in this take, more than one take can join. Stop the take, check the camera's cable, and record the scene again.`,
        },
      };
    }
    await last.finish();
    try {
      camera.feed = { ...camera.feed, stream };
      const recording = this.recordPart(camera, next);
      recording.start(TIMESLICE_MS); // its `start` event comes later, when it is the current part
      camera.parts.push(recording);
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: `Camera ${number} could not start recording again (${(error as Error).message}). Check the camera, then try again.`,
        },
      };
    }
    camera.progress.state = 'starting';
    camera.progress.lostAtSeconds = null;
    this.emitProgress();
    return { ok: true, value: undefined };
  }

  /**
   * Stops the recorders, waits until main has every chunk (as long as the connection is away), then asks main to
   * save the take. After a refusal it still asks, so what reached the disk is saved.
   */
  async stop(): Promise<Result<TakeFinished>> {
    this.ended = true;
    this.stoppedAt ??= wallClockMs();
    await Promise.all(this.cameras.map((camera) => currentPart(camera).finish()));
    for (const camera of this.cameras)
      if (camera.progress.state !== 'lost') camera.progress.state = 'stopped';
    this.emitProgress();
    this.events.onLink(this.linkView());
    for (;;) {
      const settled = await this.link.settled();
      if (!settled && this.link.state === 'closed') {
        return { ok: false, error: { code: 'CONFLICT', message: 'The take was thrown away.' } };
      }
      if (!settled) this.unsentSeconds = this.link.buffer.waiting().seconds;
      const result = await this.calls.stop({ takeId: this.info.takeId });
      if (settled && !result.ok && result.error.code === 'UNAVAILABLE' && !this.options.connection.online()) {
        this.link.connectionFailed(); // main may have restarted: catch up, then ask again
        continue;
      }
      this.link.close();
      await this.link.buffer.clear();
      return result;
    }
  }

  /** Stops the recorders and throws the take away; the scene keeps what it had. Tells main now or when back. */
  async discard(): Promise<void> {
    this.ended = true;
    this.discarded = true;
    this.stoppedAt ??= wallClockMs();
    for (const camera of this.cameras) currentPart(camera).halt();
    this.link.close();
    await this.link.buffer.clear();
    const { connection } = this.options;
    const takeId = this.info.takeId;
    const tell = async () => {
      // After a restart main knows the take only once it has reopened it from its disk.
      await this.calls.resume({ takeId, sceneId: this.info.sceneId });
      await this.calls.discard({ takeId });
    };
    if (connection.online()) {
      const result = await this.calls.discard({ takeId });
      if (result.ok || result.error.code !== 'UNAVAILABLE' || connection.online()) return;
    }
    const stopWaiting = connection.onChange((online) => {
      if (!online) return;
      stopWaiting();
      void tell();
    });
  }
}
