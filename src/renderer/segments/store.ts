// The segments being edited, one session per scene of the open flight: the draft list with its undo history,
// and autosave. A change is saved ~600 ms after the last one (at once when the editor closes); one save per
// scene is in flight at a time and the newest list goes next. Each save names the revision it builds on; when
// another screen saved first, main refuses, the flight is reloaded and its version shown.
import { create } from 'zustand';
import type { SceneFootage } from '../../shared/edit-math';
import type { EditorScene } from '../../shared/editor';
import type { AppError } from '../../shared/errors';
import {
  draftsFrom,
  idsAfterSave,
  sameDrafts,
  savePayload,
  signature,
  type DraftSegment,
  type SavedIds,
} from './drafts';
import { canRedo, canUndo, record, redo, startHistory, undo, type History } from './history';
import { callMagnum } from '../shell/call';
import { useEditorStore } from '../editor/store';

export const AUTOSAVE_DELAY_MS = 600;

export interface SceneSession {
  sceneId: string;
  recordingId: string;
  footage: SceneFootage;
  history: History<DraftSegment[]>;
  ids: SavedIds;
  /** The revision of the segments main holds as far as this screen knows: the next save builds on it. */
  revision: string;
  /** signature() of the list main holds. */
  savedSignature: string;
  saving: boolean;
  /** Why the last save failed; cleared by the next one that works. */
  error: AppError | null;
  /** Something to tell the person that is not a failure of theirs to retry (another screen's change won). */
  notice: string | null;
}

export type SaveStatus = 'saved' | 'saving' | 'failed';

export function saveStatus(session: SceneSession): SaveStatus {
  const dirty = signature(session.history.present) !== session.savedSignature;
  if (session.saving || (dirty && session.error === null)) return 'saving';
  return dirty ? 'failed' : 'saved';
}

interface SegmentsState {
  sessions: Record<string, SceneSession>;
  /** Starts (or picks up) editing a scene of a flight; sessions of other flights end. */
  open(recordingId: string, scene: EditorScene): void;
  /** The editor's view of the scene changed: adopt it if someone else saved since (not our own save). */
  sync(scene: EditorScene): void;
  /** A new list; changes sharing a `group` (one drag) undo as one step. */
  change(sceneId: string, next: DraftSegment[], group?: string | null): void;
  undo(sceneId: string): void;
  redo(sceneId: string): void;
  /** Saves now what is waiting (leaving the tab or screen, or Retry). */
  flush(sceneId: string): Promise<void>;
  /** Saves every scene with changes at once (the page is going away). */
  flushAll(): void;
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();

function cancelTimer(sceneId: string): void {
  const timer = timers.get(sceneId);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(sceneId);
}

const footageOf = (scene: EditorScene): SceneFootage => ({
  camera1Duration: scene.camera1Duration,
  camera2Duration: scene.camera2Duration,
  offsetMs: scene.offsetMs,
});

function freshSession(recordingId: string, scene: EditorScene, notice: string | null = null): SceneSession {
  const { drafts, ids } = draftsFrom(scene.segments);
  return {
    sceneId: scene.id,
    recordingId,
    footage: footageOf(scene),
    history: startHistory(drafts),
    ids,
    revision: scene.segmentsRevision,
    savedSignature: signature(drafts),
    saving: false,
    error: null,
    notice,
  };
}

export const useSegmentsStore = create<SegmentsState>((set, get) => {
  const patch = (sceneId: string, change: Partial<SceneSession>) =>
    set((state) => {
      const session = state.sessions[sceneId];
      return session ? { sessions: { ...state.sessions, [sceneId]: { ...session, ...change } } } : state;
    });

  const schedule = (sceneId: string) => {
    cancelTimer(sceneId);
    timers.set(
      sceneId,
      setTimeout(() => {
        timers.delete(sceneId);
        void save(sceneId);
      }, AUTOSAVE_DELAY_MS),
    );
  };

  const setHistory = (sceneId: string, history: History<DraftSegment[]>) => {
    const session = get().sessions[sceneId];
    if (!session || session.history === history) return;
    patch(sceneId, { history, notice: null, error: null });
    schedule(sceneId);
  };

  async function save(sceneId: string): Promise<void> {
    const session = get().sessions[sceneId];
    // A save in flight sends the newest list itself when it returns.
    if (!session || session.saving) return;
    const editor = useEditorStore.getState();
    if (!editor.canEdit()) return;
    const drafts = session.history.present;
    const sent = signature(drafts);
    if (sent === session.savedSignature) return;
    const { segments, keys } = savePayload(drafts, session.ids, session.footage);
    patch(sceneId, { saving: true });
    const result = await callMagnum((magnum) =>
      magnum.segments.save({
        sceneId,
        baseRevision: session.revision,
        segments,
        confirmEdit: editor.confirmed,
      }),
    );
    if (result.ok) {
      const { segments: saved, segmentsRevision } = result.value;
      const now = get().sessions[sceneId];
      if (now) {
        patch(sceneId, {
          saving: false,
          error: null,
          revision: segmentsRevision,
          savedSignature: sent,
          ids: idsAfterSave(keys, saved, now.ids),
        });
      }
      useEditorStore.getState().sceneSaved(sceneId, saved, segmentsRevision);
      const after = get().sessions[sceneId];
      if (after && signature(after.history.present) !== sent && !timers.has(sceneId)) await save(sceneId);
      return;
    }
    patch(sceneId, { saving: false, error: result.error });
    if (result.error.code === 'CONFLICT') {
      // Another screen saved this scene first: show its version (sync() adopts it when the flight reloads).
      await useEditorStore.getState().load(session.recordingId);
    }
  }

  return {
    sessions: {},

    open(recordingId, scene) {
      const existing = get().sessions[scene.id];
      if (existing && existing.recordingId === recordingId) {
        get().sync(scene);
        return;
      }
      set((state) => {
        const kept = Object.fromEntries(
          Object.entries(state.sessions).filter(([, session]) => session.recordingId === recordingId),
        );
        return { sessions: { ...kept, [scene.id]: freshSession(recordingId, scene) } };
      });
    },

    sync(scene) {
      const session = get().sessions[scene.id];
      if (!session || session.saving || session.revision === scene.segmentsRevision) return;
      cancelTimer(scene.id);
      const why = session.error?.code === 'CONFLICT' ? session.error.message : null;
      set((state) => ({
        sessions: { ...state.sessions, [scene.id]: freshSession(session.recordingId, scene, why) },
      }));
    },

    change(sceneId, next, group = null) {
      const session = get().sessions[sceneId];
      if (!session || !useEditorStore.getState().canEdit()) return;
      setHistory(sceneId, record(session.history, next, group, sameDrafts));
    },

    undo(sceneId) {
      const session = get().sessions[sceneId];
      if (session && canUndo(session.history)) setHistory(sceneId, undo(session.history));
    },

    redo(sceneId) {
      const session = get().sessions[sceneId];
      if (session && canRedo(session.history)) setHistory(sceneId, redo(session.history));
    },

    async flush(sceneId) {
      cancelTimer(sceneId);
      await save(sceneId);
    },

    flushAll() {
      for (const sceneId of Object.keys(get().sessions)) void get().flush(sceneId);
    },
  };
});
