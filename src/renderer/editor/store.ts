// The flight open in the editor: its scenes with segments, its eight slots, and whether the person has
// confirmed changing a flight that is already sold or exported. The segment and slot stores save through main
// and put what main kept back here, so both tabs always show the saved state.
import { create } from 'zustand';
import type { EditorView } from '../../shared/editor';
import type { SegmentView } from '../../shared/segments';
import type { SlotView } from '../../shared/slots';
import type { AppError } from '../../shared/errors';
import { callMagnum } from '../shell/call';

interface EditorState {
  view: EditorView | null;
  error: AppError | null;
  loading: boolean;
  /** The person said yes to changing a sold or exported flight (asked once per opening). */
  confirmed: boolean;
  load(recordingId: string): Promise<void>;
  confirmEditing(): void;
  /** May edits be made now: not sold or exported, or confirmed. */
  canEdit(): boolean;
  sceneSaved(sceneId: string, segments: SegmentView[], segmentsRevision: string): void;
  slotsSaved(slots: SlotView[]): void;
}

export const useEditorStore = create<EditorState>((set, get) => ({
  view: null,
  error: null,
  loading: false,
  confirmed: false,

  async load(recordingId) {
    if (get().view?.recording.id !== recordingId) set({ view: null, confirmed: false });
    set({ loading: true, error: null });
    const result = await callMagnum((magnum) => magnum.editor.get({ recordingId }));
    set(
      result.ok
        ? { view: result.value, error: null, loading: false }
        : { error: result.error, loading: false },
    );
  },

  confirmEditing: () => set({ confirmed: true }),

  canEdit() {
    const { view, confirmed } = get();
    return view !== null && (!view.editNeedsConfirmation || confirmed);
  },

  sceneSaved(sceneId, segments, segmentsRevision) {
    const view = get().view;
    if (!view) return;
    set({
      view: {
        ...view,
        scenes: view.scenes.map((scene) =>
          scene.id === sceneId ? { ...scene, segments, segmentsRevision } : scene,
        ),
      },
    });
  },

  slotsSaved(slots) {
    const view = get().view;
    if (view) set({ view: { ...view, slots } });
  },
}));
