// Plays the eight windows one after another without exporting: two video elements take turns, the next one
// loaded and seeked to its window while the current one plays, so a cut only swaps which element is shown.
// The player marks the shown element itself (data-active, data-slot) in the same moment it cuts.
import { nextPlayable, sequenceLength, sequenceTimeAt, windowPlayedOut, type PlayStep } from './sequence';

export interface SequenceSnapshot {
  state: 'loading' | 'playing' | 'paused' | 'finished' | 'failed';
  /** The step being shown, or -1 before the first. */
  index: number;
  slotNumber: number | null;
  /** Seconds into the whole video. */
  time: number;
  length: number;
  message: string | null;
}

/** A step whose file will not load or seek within this long is played from wherever it is. */
const PREPARE_TIMEOUT_MS = 5_000;

type ElementIndex = 0 | 1;

export class SequencePlayer {
  private active: ElementIndex = 0;
  private index = -1;
  private prepared: [
    { index: number; ready: Promise<void> } | null,
    { index: number; ready: Promise<void> } | null,
  ] = [null, null];
  private state: SequenceSnapshot['state'] = 'loading';
  private message: string | null = null;
  private cutting = false;
  private frame = 0;
  private lastPublished = -1;
  private disposed = false;

  constructor(
    private readonly videos: readonly [HTMLVideoElement, HTMLVideoElement],
    private readonly steps: readonly PlayStep[],
    private readonly onChange: (snapshot: SequenceSnapshot) => void,
  ) {
    for (const video of videos) {
      video.muted = true;
      video.dataset.active = 'false';
    }
    this.frame = requestAnimationFrame(this.tick);
  }

  snapshot(): SequenceSnapshot {
    const step = this.steps[this.index];
    const video = this.videos[this.active];
    return {
      state: this.state,
      index: this.index,
      slotNumber: step?.slotNumber ?? null,
      time: step ? sequenceTimeAt(step, video.currentTime) : 0,
      length: sequenceLength(this.steps),
      message: this.message,
    };
  }

  /** From the first slot (again). */
  async start(): Promise<void> {
    const first = nextPlayable(this.steps, -1);
    for (const video of this.videos) video.pause();
    if (first < 0) return this.fail('None of the eight slots has footage to play yet.');
    this.setState('loading');
    this.active = 0;
    await this.prepare(0, first).ready;
    if (this.disposed) return;
    this.show(0, first);
    this.prepareAfter(first);
    await this.playShown();
  }

  async resume(): Promise<void> {
    if (this.state === 'finished' || this.index < 0) return this.start();
    await this.playShown();
  }

  pause(): void {
    this.videos[this.active].pause();
    this.setState('paused');
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    for (const video of this.videos) video.pause();
  }

  private tick = (): void => {
    if (this.disposed) return;
    this.frame = requestAnimationFrame(this.tick);
    const step = this.steps[this.index];
    if (this.state !== 'playing' || this.cutting || !step) return;
    const video = this.videos[this.active];
    if (windowPlayedOut(step, video.currentTime, video.ended)) {
      void this.cut();
      return;
    }
    // A handful of updates a second is plenty for a progress bar.
    if (Math.abs(video.currentTime - this.lastPublished) >= 0.1) this.publish();
  };

  private async cut(): Promise<void> {
    const next = nextPlayable(this.steps, this.index);
    const current = this.videos[this.active];
    if (next < 0) {
      current.pause();
      this.setState('finished');
      return;
    }
    this.cutting = true;
    const other: ElementIndex = this.active === 0 ? 1 : 0;
    const waiting = this.prepared[other]?.index === next ? this.prepared[other] : this.prepare(other, next);
    await waiting?.ready;
    if (this.disposed) return;
    current.pause();
    this.show(other, next);
    await this.playShown();
    this.cutting = false;
    this.prepareAfter(next);
  }

  /** Loads the step after `index` into the element not being shown. */
  private prepareAfter(index: number): void {
    const next = nextPlayable(this.steps, index);
    if (next >= 0) this.prepare(this.active === 0 ? 1 : 0, next);
  }

  private prepare(element: ElementIndex, index: number): { index: number; ready: Promise<void> } {
    const step = this.steps[index]!;
    const video = this.videos[element];
    video.pause();
    const ready = new Promise<void>((resolve) => {
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        video.removeEventListener('seeked', done);
        video.removeEventListener('error', done);
        resolve();
      };
      const timeout = setTimeout(done, PREPARE_TIMEOUT_MS);
      const seek = () => {
        video.addEventListener('seeked', done);
        video.currentTime = step.fileStart;
      };
      video.addEventListener('error', done);
      if (video.dataset.url !== step.url) {
        video.dataset.url = step.url ?? '';
        video.src = step.url ?? '';
        // Before its metadata a video only remembers a start position and may never report a seek.
        video.addEventListener('loadedmetadata', seek, { once: true });
      } else {
        seek();
      }
    });
    const entry = { index, ready };
    this.prepared[element] = entry;
    return entry;
  }

  private show(element: ElementIndex, index: number): void {
    const step = this.steps[index]!;
    this.active = element;
    this.index = index;
    const shown = this.videos[element];
    const hidden = this.videos[element === 0 ? 1 : 0];
    shown.dataset.active = 'true';
    shown.dataset.slot = String(step.slotNumber);
    shown.dataset.fileStart = String(step.fileStart);
    shown.dataset.fileEnd = String(step.fileEnd);
    hidden.dataset.active = 'false';
  }

  private async playShown(): Promise<void> {
    this.setState('playing');
    try {
      await this.videos[this.active].play();
    } catch (error) {
      if (!this.disposed && (error as Error).name !== 'AbortError') {
        this.fail(
          `The preview could not play slot ${this.steps[this.index]?.slotNumber}: ${(error as Error).message}`,
        );
      }
    }
  }

  private fail(message: string): void {
    this.message = message;
    this.setState('failed');
  }

  private setState(state: SequenceSnapshot['state']): void {
    this.state = state;
    this.publish();
  }

  private publish(): void {
    this.lastPublished = this.videos[this.active].currentTime;
    this.onChange(this.snapshot());
  }
}
