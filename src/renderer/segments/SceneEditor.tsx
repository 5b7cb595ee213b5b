// Marking a scene's best moments: both angles playing in step above a timeline of segments. Add one at the
// playhead, drag it or its edges, move it to the other camera, delete it; undo and redo; every change saves
// itself shortly after (and at once when the tab or screen is left).
import { useEffect, useLayoutEffect, useState } from 'react';
import { MAX_SEGMENTS_PER_SCENE, angleRange, sceneLength, type Angle } from '../../shared/edit-math';
import type { EditorScene } from '../../shared/editor';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { formatPlayerTime } from '../components/scene-sync';
import { useEditorStore } from '../editor/store';
import { saveStatus, useSegmentsStore, type SceneSession } from './store';
import { newKey, numbersOf } from './drafts';
import { canRedo, canUndo } from './history';
import { useScenePlayer } from '../components/useScenePlayer';
import { ScenePlayback } from './ScenePlayback';
import { Timeline } from './Timeline';
import { segmentAt, withAngle } from './timeline';
import './segments.css';

export function SceneEditor({ scene, readOnly }: { scene: EditorScene; readOnly: boolean }) {
  const recordingId = useEditorStore((state) => state.view?.recording.id ?? scene.recordingId);
  const session = useSegmentsStore((state) => state.sessions[scene.id]);
  const { open, sync, flush, flushAll } = useSegmentsStore.getState();

  useLayoutEffect(() => {
    open(recordingId, scene);
    // Opened once per scene (the editor is keyed by it); later changes arrive through sync.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    sync(scene);
  }, [scene, sync]);
  useEffect(() => {
    const leave = () => flushAll();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      void flush(scene.id);
    };
  }, [scene.id, flush, flushAll]);

  if (!scene.camera1Url && !scene.camera2Url) {
    return (
      <p className="scene-editor-empty">
        This scene has no footage yet. Film it first, then mark its moments here.
      </p>
    );
  }
  if (!session) return null;
  return <SceneWorkspace scene={scene} session={session} readOnly={readOnly} />;
}

function SceneWorkspace({
  scene,
  session,
  readOnly,
}: {
  scene: EditorScene;
  session: SceneSession;
  readOnly: boolean;
}) {
  const run = useScenePlayer(scene);
  const { change, undo, redo, flush } = useSegmentsStore.getState();
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [lane, setLane] = useState<Angle>(scene.camera1Url ? 1 : 2);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const { footage, history } = session;
  const drafts = history.present;
  const numbers = numbersOf(drafts);
  const selected = drafts.find((draft) => draft.key === selectedKey) ?? null;
  const angle = selected?.cameraAngle ?? lane;
  const length = sceneLength(footage);

  useEffect(() => {
    if (readOnly) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo(scene.id);
      else if (key === 'y' || (key === 'z' && event.shiftKey)) redo(scene.id);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [readOnly, scene.id, undo, redo]);

  const add = () => {
    const made = segmentAt(run.playhead.time, lane, footage);
    if (!made) return;
    const key = newKey();
    change(scene.id, [...drafts, { key, ...made }]);
    setSelectedKey(key);
  };

  const chooseAngle = (wanted: Angle) => {
    if (!selected) {
      setLane(wanted);
      return;
    }
    const moved = withAngle(selected, wanted, footage);
    if (!moved) return;
    change(
      scene.id,
      drafts.map((draft) => (draft.key === selected.key ? moved : draft)),
    );
    setLane(wanted);
  };

  const remove = () => {
    if (selected)
      change(
        scene.id,
        drafts.filter((draft) => draft.key !== selected.key),
      );
    setSelectedKey(null);
    setConfirmingDelete(false);
  };

  const full = drafts.length >= MAX_SEGMENTS_PER_SCENE;
  return (
    <div className={readOnly ? 'scene-editor is-read-only' : 'scene-editor'}>
      <ScenePlayback scene={scene} run={run}>
        <SaveState session={session} readOnly={readOnly} onRetry={() => void flush(scene.id)} />
      </ScenePlayback>
      <div className="scene-toolbar" role="toolbar" aria-label="Segments">
        <button
          type="button"
          className="button button-primary"
          disabled={readOnly || full || angleRange(footage, lane) === null}
          onClick={add}
        >
          Add at playhead
        </button>
        <div className="segmented scene-angle-choice" role="group" aria-label="Camera angle">
          <span aria-hidden="true">Angle</span>
          {([1, 2] as const).map((option) => (
            <button
              key={option}
              type="button"
              className={option === angle ? 'segment selected' : 'segment'}
              aria-pressed={option === angle}
              disabled={readOnly || angleRange(footage, option) === null}
              onClick={() => chooseAngle(option)}
            >
              Camera {option}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button"
          disabled={readOnly || !selected}
          onClick={() => setConfirmingDelete(true)}
        >
          Delete
        </button>
        <span className="scene-toolbar-gap" />
        <button
          type="button"
          className="button scene-history"
          disabled={readOnly || !canUndo(history)}
          onClick={() => undo(scene.id)}
        >
          Undo
        </button>
        <button
          type="button"
          className="button scene-history"
          disabled={readOnly || !canRedo(history)}
          onClick={() => redo(scene.id)}
        >
          Redo
        </button>
      </div>
      <Timeline
        scene={scene}
        footage={footage}
        length={length}
        drafts={drafts}
        numbers={numbers}
        selectedKey={selected?.key ?? null}
        lane={angle}
        playhead={run.playhead.time}
        readOnly={readOnly}
        onSeek={run.playhead.seek}
        onSelect={(key, laneAngle) => {
          setSelectedKey(key);
          setLane(laneAngle);
        }}
        onChange={(next, group) => change(scene.id, next, group)}
      />
      {confirmingDelete && selected && (
        <ConfirmDialog
          title={`Delete segment ${numbers.get(selected.key) ?? ''}?`}
          confirmLabel="Delete segment"
          onCancel={() => setConfirmingDelete(false)}
          onConfirm={remove}
        >
          <p>
            The moment from {formatPlayerTime(selected.startTime)} to{' '}
            {formatPlayerTime(selected.startTime + selected.duration)} on camera {selected.cameraAngle} is
            taken off this scene, and the segments after it are numbered again. Undo brings it back.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function SaveState({
  session,
  readOnly,
  onRetry,
}: {
  session: SceneSession;
  readOnly: boolean;
  onRetry(): void;
}) {
  const status = saveStatus(session);
  return (
    <div className="scene-save" role="status" aria-label="Autosave">
      {readOnly ? (
        <p className="scene-save-text">Read only</p>
      ) : status === 'failed' ? (
        <>
          <p className="scene-save-text inline-error">Not saved — {session.error?.message}</p>
          <button type="button" className="button" onClick={onRetry}>
            Retry
          </button>
        </>
      ) : (
        <p className="scene-save-text">{status === 'saving' ? 'Saving…' : 'Saved'}</p>
      )}
      {session.notice && <p className="scene-save-notice">{session.notice}</p>}
    </div>
  );
}
