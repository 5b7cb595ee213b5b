// One take of one scene: a MediaRecorder per camera, each chunk (≤ 1 s) sent to main as bytes and let go as
// soon as main has it on disk, so the screen's memory stays flat however long the scene runs.
import type { CameraNumber, ChunkAck, TakeFinished, TakeStarted } from '../../shared/capture';
import type { RawInputOf } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';

/** The calls a take makes, as results (stores pass callMagnum wrappers; tests can pass their own). */
export interface CaptureCalls {
  start(input: RawInputOf<'capture.start'>): Promise<Result<TakeStarted>>;
  chunk(input: RawInputOf<'capture.chunk'>): Promise<Result<ChunkAck>>;
  cameraLost(input: RawInputOf<'capture.cameraLost'>): Promise<Result<{ noted: true }>>;
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

export interface TakeEvents {
  onProgress(cameras: CameraProgress[]): void;
  onCameraLost(camera: CameraNumber, atSeconds: number): void;
  /** Main asked for the take to end now (disk nearly full), or every camera dropped out. */
  onMustStop(reason: 'disk-low' | 'cameras-lost'): void;
  /** A chunk could not be saved after retries; the take cannot go on safely. */
  onFailed(error: AppError): void;
}

/** Chunks are at most this long (the ceiling is 1 s). */
export const TIMESLICE_MS = 1000;
const RETRIES = 3;

interface CameraRecorder {
  feed: CameraFeed;
  recorder: MediaRecorder;
  progress: CameraProgress;
  /** Chunks waiting for main, oldest first; normally zero or one. */
  queue: Blob[];
  nextSeq: number;
  startedAtMs: number | null;
  uploading: Promise<void>;
  stopped: Promise<void>;
}

const wallClockMs = () => performance.timeOrigin + performance.now();

export class SceneTake {
  private readonly cameras: CameraRecorder[] = [];
  private startedAt = 0;
  private ended = false;
  private failed = false;

  private constructor(
    readonly info: TakeStarted,
    private readonly calls: CaptureCalls,
    private readonly events: TakeEvents,
  ) {}

  /** Opens the take in main (free disk checked there), then starts both recorders together. */
  static async start(
    calls: CaptureCalls,
    sceneId: string,
    feeds: CameraFeed[],
    options: { mimeType: string; bitrate: number },
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
    const take = new SceneTake(started.value, calls, events);
    try {
      take.begin(feeds, options);
    } catch (error) {
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

  /** Seconds since the recorders started (what the operator sees as elapsed). */
  elapsedSeconds(): number {
    return this.startedAt ? (wallClockMs() - this.startedAt) / 1000 : 0;
  }

  progress(): CameraProgress[] {
    return this.cameras.map((camera) => ({ ...camera.progress }));
  }

  private begin(feeds: CameraFeed[], options: { mimeType: string; bitrate: number }): void {
    this.startedAt = wallClockMs();
    for (const feed of feeds) {
      const recorder = new MediaRecorder(feed.stream, {
        mimeType: options.mimeType,
        videoBitsPerSecond: options.bitrate,
      });
      const settings = feed.stream.getVideoTracks()[0]?.getSettings() ?? {};
      const camera: CameraRecorder = {
        feed,
        recorder,
        queue: [],
        nextSeq: 0,
        startedAtMs: null,
        uploading: Promise.resolve(),
        stopped: new Promise((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true })),
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
      recorder.addEventListener('start', () => {
        camera.startedAtMs = wallClockMs();
        camera.progress.state = 'recording';
        this.emitProgress();
      });
      recorder.addEventListener('dataavailable', (event: BlobEvent) => {
        if (event.data.size === 0) return;
        camera.queue.push(event.data);
        camera.uploading = camera.uploading.then(() => this.upload(camera));
      });
      for (const track of feed.stream.getVideoTracks()) {
        track.addEventListener(
          'ended',
          () => void this.loseCamera(camera, 'The camera stopped sending video.'),
        );
      }
      this.cameras.push(camera);
    }
    for (const camera of this.cameras) camera.recorder.start(TIMESLICE_MS);
  }

  private emitProgress(): void {
    this.events.onProgress(this.progress());
  }

  /** Sends the oldest waiting chunk; a failed send is retried with the same seq (main writes it once). */
  private async upload(camera: CameraRecorder): Promise<void> {
    const blob = camera.queue.shift();
    if (!blob || this.failed) return;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const seq = camera.nextSeq;
    let lastError: AppError | null = null;
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const result = await this.calls.chunk({
        takeId: this.info.takeId,
        camera: camera.feed.camera,
        seq,
        bytes,
        ...(seq === 0 && camera.startedAtMs !== null ? { startedAtMs: camera.startedAtMs } : {}),
      });
      if (result.ok) {
        camera.nextSeq = seq + 1;
        camera.progress.bytesWritten = result.value.bytesWritten;
        this.emitProgress();
        if (result.value.stopRequested && !this.ended) this.events.onMustStop(result.value.stopRequested);
        return;
      }
      lastError = result.error;
      // Only a connection problem is worth retrying; a refusal will not change.
      if (result.error.code !== 'UNAVAILABLE' && result.error.code !== 'INTERNAL') break;
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
    if (!this.failed && lastError) {
      this.failed = true;
      this.events.onFailed(lastError);
    }
  }

  private async loseCamera(camera: CameraRecorder, reason: string): Promise<void> {
    if (this.ended || camera.progress.state === 'lost' || camera.progress.state === 'stopped') return;
    camera.progress.state = 'lost';
    camera.progress.lostAtSeconds = Math.round(this.elapsedSeconds());
    this.emitProgress();
    this.events.onCameraLost(camera.feed.camera, camera.progress.lostAtSeconds);
    await this.finishRecorder(camera);
    await this.calls.cameraLost({ takeId: this.info.takeId, camera: camera.feed.camera, reason });
    if (this.cameras.every((c) => c.progress.state === 'lost')) this.events.onMustStop('cameras-lost');
  }

  /** Stops one recorder and waits until its last chunk is in main. */
  private async finishRecorder(camera: CameraRecorder): Promise<void> {
    if (camera.recorder.state !== 'inactive') camera.recorder.stop();
    await camera.stopped;
    // The final dataavailable comes before `stop`, so its upload is already chained.
    await camera.uploading;
  }

  /** Stops the recorders, waits for every chunk to reach disk, then asks main to save the take. */
  async stop(): Promise<Result<TakeFinished>> {
    this.ended = true;
    await Promise.all(this.cameras.map((camera) => this.finishRecorder(camera)));
    for (const camera of this.cameras)
      if (camera.progress.state !== 'lost') camera.progress.state = 'stopped';
    this.emitProgress();
    return this.calls.stop({ takeId: this.info.takeId });
  }

  /** Stops the recorders and throws the take away; the scene keeps what it had. */
  async discard(): Promise<void> {
    this.ended = true;
    this.failed = true; // nothing more is sent
    for (const camera of this.cameras) if (camera.recorder.state !== 'inactive') camera.recorder.stop();
    await this.calls.discard({ takeId: this.info.takeId });
  }
}
