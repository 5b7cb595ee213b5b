// The 8-slot editor's saving: edits collect while the finger moves and go to main a moment after it stops,
// one slot per edit (each slot is its own last write). What main keeps goes back into the editor store, so
// the slot tab and a reload show the same windows. Nothing here blocks the screen: status says how it went.
import { create } from 'zustand';
import type { SlotEdit } from '../../shared/edit-math';
import { SlotSaveQueue, type SaveStatus } from './save-queue';
import { callMagnum } from '../shell/call';
import { useEditorStore } from '../editor/store';

/** How long after the last tap or release the edits are sent: a run of nudges becomes one save. */
export const SAVE_AFTER_MS = 400;

interface SlotsState {
  /** The flight the queue below belongs to. */
  recordingId: string | null;
  /** Edits main has not confirmed yet; the screen shows them over the saved slots. */
  unsaved: SlotEdit[];
  status: SaveStatus;
  /** Queues edits for the open flight and saves them shortly. */
  edit(edits: SlotEdit[]): void;
  /** Sends what is waiting now (leaving the tab, starting the whole-video preview, Retry). */
  saveNow(): Promise<void>;
}

let queue: SlotSaveQueue | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function queueFor(recordingId: string): SlotSaveQueue {
  const state = useSlotsStore.getState();
  if (queue && state.recordingId === recordingId) return queue;
  // Another flight: what the last one still had waiting is sent, not dropped.
  clearTimeout(timer);
  void queue?.flush();
  const created: SlotSaveQueue = new SlotSaveQueue({
    send: (edits) =>
      callMagnum((magnum) =>
        magnum.slots.save({ recordingId, slots: edits, confirmEdit: useEditorStore.getState().confirmed }),
      ),
    onSaved: (slots) => {
      if (useEditorStore.getState().view?.recording.id === recordingId)
        useEditorStore.getState().slotsSaved(slots);
    },
    onChange: () => {
      if (queue === created)
        useSlotsStore.setState({ unsaved: created.unsaved(), status: created.saveStatus() });
    },
  });
  queue = created;
  useSlotsStore.setState({ recordingId, unsaved: [], status: { state: 'idle' } });
  return created;
}

export const useSlotsStore = create<SlotsState>(() => ({
  recordingId: null,
  unsaved: [],
  status: { state: 'idle' },

  edit(edits) {
    const recordingId = useEditorStore.getState().view?.recording.id;
    if (!recordingId || edits.length === 0) return;
    const target = queueFor(recordingId);
    for (const edit of edits) target.edit(edit);
    clearTimeout(timer);
    timer = setTimeout(() => void target.flush(), SAVE_AFTER_MS);
  },

  async saveNow() {
    clearTimeout(timer);
    await queue?.flush();
  },
}));

/** The queue of the flight now open, started fresh when another flight is opened. */
export function resetSlotsFor(recordingId: string): void {
  queueFor(recordingId);
}
