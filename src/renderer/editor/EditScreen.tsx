// Cutting a flight: a tab per scene to mark its best moments on a timeline, the 8-slot tab to choose the
// window each slot of the souvenir video takes, and the Export tab that makes the video and the photos. A
// flight already sold or exported asks once before changing.
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { SceneEditor } from '../segments/SceneEditor';
import { ExportPanel } from '../exports/ExportPanel';
import { formatDateTime } from '../format';
import { SlotEditor } from '../slots/SlotEditor';
import { SCENE_LABELS } from '../capture/store';
import { useEditorStore } from './store';
import { navigate, useRouteParam } from '../shell/route';
import './edit.css';

type Tab = string | 'slots' | 'export';

export function EditScreen() {
  const id = useRouteParam();
  const { view, error, loading, load, confirmed, confirmEditing } = useEditorStore();
  const [tab, setTab] = useState<Tab | null>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    if (id) void load(id);
  }, [id, load]);

  if (!id) return <p className="lead">Choose a flight to edit from the Flights screen.</p>;
  if (error)
    return (
      <ErrorPanel title="This flight could not be opened" error={error} onAction={() => void load(id)} />
    );
  if (!view || view.recording.id !== id)
    return <p className="lead">{loading ? 'Opening the flight…' : ''}</p>;

  const current = tab ?? view.scenes[0]?.id ?? 'slots';
  const scene = view.scenes.find((s) => s.id === current) ?? null;
  const locked = view.editNeedsConfirmation && !confirmed;
  return (
    <div className="edit-screen">
      <div className="edit-heading">
        <div className="edit-title">
          <h1>{view.recording.passengerNames}</h1>
          <span className="lead">{formatDateTime(view.recording.flightAt)}</span>
        </div>
        <button type="button" className="button" onClick={() => navigate('flights')}>
          Back to flights
        </button>
        <div className="segmented edit-tabs" role="tablist" aria-label="Scenes, slots and export">
          {view.scenes.map((s) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              className={s.id === current ? 'segment selected' : 'segment'}
              aria-selected={s.id === current}
              onClick={() => setTab(s.id)}
            >
              {SCENE_LABELS[s.sceneType]}
            </button>
          ))}
          <button
            type="button"
            role="tab"
            className={current === 'slots' ? 'segment selected' : 'segment'}
            aria-selected={current === 'slots'}
            onClick={() => setTab('slots')}
          >
            8 slots
          </button>
          <button
            type="button"
            role="tab"
            className={current === 'export' ? 'segment selected' : 'segment'}
            aria-selected={current === 'export'}
            onClick={() => setTab('export')}
          >
            Export
          </button>
        </div>
      </div>
      {locked && current !== 'export' && (
        <div className="edit-locked" role="status">
          <span>
            This flight is already {view.recording.sold ? 'sold' : 'exported'}. Changes would make its video
            differ from the one the passenger {view.recording.sold ? 'bought' : 'was shown'}.
          </span>
          <button type="button" className="button button-primary" onClick={() => setAsking(true)}>
            Change it anyway
          </button>
        </div>
      )}
      {current === 'export' ? (
        <ExportPanel recordingId={view.recording.id} photoCount={view.photoCount} />
      ) : scene ? (
        <SceneEditor key={scene.id} scene={scene} readOnly={locked} />
      ) : (
        <SlotEditor readOnly={locked} />
      )}
      {asking && (
        <ConfirmDialog
          title="Change a finished flight?"
          confirmLabel="Yes, change it"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            confirmEditing();
            setAsking(false);
          }}
        >
          <p>
            {view.recording.passengerNames}’s flight is already {view.recording.sold ? 'sold' : 'exported'}.
            If you change its moments, export it again before handing it over.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
