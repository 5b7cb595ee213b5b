// Slot edits on their way to main. Edits wait until the finger stops (the store flushes after a short pause),
// then go in one `slots.save`; one save is in flight at a time, and edits made meanwhile wait for the next.
// Until main answers, the screen shows the edits over the saved slots (`unsaved()`), so a window never jumps
// back while its save is travelling; a failed save keeps its edits for Retry.
import type { SlotEdit } from '../../shared/edit-math';
import type { SlotView } from '../../shared/slots';
import type { AppError, Result } from '../../shared/errors';

export type SaveStatus =
  { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; error: AppError };

export interface SlotSaveQueueOptions {
  send(edits: SlotEdit[]): Promise<Result<SlotView[]>>;
  /** Main's eight slots after a save. */
  onSaved(slots: SlotView[]): void;
  onChange(): void;
}

export class SlotSaveQueue {
  /** Made but not sent yet (newest per slot). */
  private pending = new Map<number, SlotEdit>();
  /** Sent, waiting for main. */
  private inFlight = new Map<number, SlotEdit>();
  /** Sent and refused; sent again with the next save or Retry unless a newer edit replaces them. */
  private failed = new Map<number, SlotEdit>();
  private running: Promise<void> | null = null;
  private status: SaveStatus = { state: 'idle' };

  constructor(private readonly options: SlotSaveQueueOptions) {}

  edit(edit: SlotEdit): void {
    this.failed.delete(edit.slotNumber);
    this.pending.set(edit.slotNumber, edit);
    this.options.onChange();
  }

  /** The edits main has not confirmed yet, oldest first, so later ones win when applied in order. */
  unsaved(): SlotEdit[] {
    const merged = new Map([...this.failed, ...this.inFlight, ...this.pending]);
    return [...merged.values()].sort((a, b) => a.slotNumber - b.slotNumber);
  }

  hasUnsaved(): boolean {
    return this.pending.size + this.inFlight.size + this.failed.size > 0;
  }

  saveStatus(): SaveStatus {
    return this.status;
  }

  /** Sends what is waiting (and what failed before); resolves when nothing is left to send. */
  flush(): Promise<void> {
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending.size + this.failed.size > 0) {
      const batch = new Map([...this.failed, ...this.pending]);
      this.failed.clear();
      this.pending.clear();
      this.inFlight = batch;
      this.setStatus({ state: 'saving' });
      let result: Result<SlotView[]>;
      try {
        result = await this.options.send([...batch.values()]);
      } catch (error) {
        result = {
          ok: false,
          error: { code: 'UNAVAILABLE', message: `The kiosk service did not answer (${String(error)}).` },
        };
      }
      this.inFlight = new Map();
      if (result.ok) {
        this.options.onSaved(result.value);
        this.setStatus({ state: this.pending.size > 0 ? 'saving' : 'saved' });
      } else {
        // Keep the refused edits unless a newer edit of the same slot is already waiting; stop until Retry.
        for (const [slot, edit] of batch) if (!this.pending.has(slot)) this.failed.set(slot, edit);
        for (const [slot, edit] of this.pending) this.failed.set(slot, edit);
        this.pending.clear();
        this.setStatus({ state: 'failed', error: result.error });
        return;
      }
    }
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    this.options.onChange();
  }
}
