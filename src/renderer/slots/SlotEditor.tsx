// The "8 slots" tab: the souvenir video's eight moments as cards in playing order, the picked slot's window
// picker below them, and the whole video played through without exporting. Every change saves itself.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { applySlotEdits, prefillFromSegments, type SlotEdit, type SlotPlan } from '../../shared/edit-math';
import type { EditorScene, EditorView } from '../../shared/editor';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { SCENE_LABELS, cameraName } from '../capture/store';
import { useEditorStore } from '../editor/store';
import { resetSlotsFor, useSlotsStore } from './store';
import { buildSequence, type PlayStep } from './sequence';
import { SequencePreview } from './SequencePreview';
import { WindowPicker } from './WindowPicker';
import { footageOf, formatSeconds, formatWindow, spreadEvenly, windowsMovedByHand } from './window-math';
import './slots.css';

type Asking = { kind: 'fill'; edits: SlotEdit[] } | { kind: 'spread'; edits: SlotEdit[] } | null;

export function SlotEditor({ readOnly }: { readOnly: boolean }) {
  const view = useEditorStore((state) => state.view);
  if (!view) return null;
  return <SlotTab key={view.recording.id} view={view} readOnly={readOnly} />;
}

function SlotTab({ view, readOnly }: { view: EditorView; readOnly: boolean }) {
  const { recordingId, unsaved, status, edit, saveNow } = useSlotsStore();
  const [selected, setSelected] = useState(1);
  const [sequence, setSequence] = useState<PlayStep[] | null>(null);
  const [playingSlot, setPlayingSlot] = useState<number | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    resetSlotsFor(view.recording.id);
    // Leaving the tab sends what is still waiting.
    return () => void useSlotsStore.getState().saveNow();
  }, [view.recording.id]);

  const sceneById = useMemo(() => new Map(view.scenes.map((scene) => [scene.id, scene])), [view.scenes]);
  const footageOfScene = useCallback(
    (sceneId: string) => {
      const scene = sceneById.get(sceneId);
      return scene ? footageOf(scene) : null;
    },
    [sceneById],
  );
  // What main saved, with the edits still on their way laid over it (seamless slots follow at once).
  const slots: SlotPlan[] = useMemo(
    () => applySlotEdits(view.slots, recordingId === view.recording.id ? unsaved : [], footageOfScene),
    [view.slots, view.recording.id, recordingId, unsaved, footageOfScene],
  );
  const slot = slots.find((s) => s.slotNumber === selected) ?? slots[0];
  const scene = slot ? sceneById.get(slot.sceneId) : undefined;
  const hasSegments = view.scenes.some((s) => s.segments.length > 0);

  const apply = (edits: SlotEdit[]) => {
    setNote(null);
    edit(edits);
    void saveNow();
  };

  const fillFromSegments = () => {
    const edits = prefillFromSegments(slots, (sceneId) => sceneById.get(sceneId)?.segments ?? []);
    if (edits.length === 0) {
      setNote('No slot has a marked moment in its scene. Mark moments on the scene tabs first.');
    } else if (windowsMovedByHand(slots, footageOfScene)) {
      setAsking({ kind: 'fill', edits });
    } else {
      apply(edits);
    }
  };

  const playWhole = () => {
    void saveNow();
    setSequence(buildSequence(slots, view.scenes, footageOfScene));
  };
  const stopWhole = useCallback(() => {
    setSequence(null);
    setPlayingSlot(null);
  }, []);

  return (
    <div className="slot-editor">
      <ol className="slot-cards" aria-label="The eight slots in playing order">
        {slots.map((s) => (
          <li key={s.slotNumber}>
            <SlotCard
              slot={s}
              scene={sceneById.get(s.sceneId)}
              selected={!sequence && s.slotNumber === slot?.slotNumber}
              playing={s.slotNumber === playingSlot}
              onSelect={() => {
                stopWhole();
                setSelected(s.slotNumber);
              }}
            />
          </li>
        ))}
      </ol>

      {sequence ? (
        <SequencePreview
          steps={sequence}
          scenes={view.scenes}
          onSlotChange={setPlayingSlot}
          onClose={stopWhole}
        />
      ) : slot && scene ? (
        <WindowPicker
          key={slot.slotNumber}
          slot={slot}
          scene={scene}
          readOnly={readOnly}
          onEdit={(change) => {
            setNote(null);
            edit([change]);
          }}
        />
      ) : (
        <p className="lead">This flight has no slots. Open it again from the Flights screen.</p>
      )}

      <div className="slot-actions">
        <button
          type="button"
          className="button"
          disabled={readOnly || !hasSegments || sequence !== null}
          onClick={fillFromSegments}
        >
          Fill from segments
        </button>
        <button
          type="button"
          className="button"
          disabled={readOnly || sequence !== null}
          onClick={() => setAsking({ kind: 'spread', edits: spreadEvenly(slots, footageOfScene) })}
        >
          Spread evenly
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={sequence !== null}
          onClick={playWhole}
        >
          Play the whole video
        </button>
        <div
          className="slot-status"
          role="status"
          data-state={status.state !== 'failed' && unsaved.length > 0 ? 'saving' : status.state}
        >
          {note ? (
            <span>{note}</span>
          ) : status.state === 'saving' || (status.state !== 'failed' && unsaved.length > 0) ? (
            <span>Saving…</span>
          ) : status.state === 'failed' ? (
            <>
              <span className="slot-status-failed">Not saved — {status.error.message}</span>
              <button type="button" className="button slot-small-button" onClick={() => void saveNow()}>
                Retry
              </button>
            </>
          ) : status.state === 'saved' ? (
            <span>Saved</span>
          ) : readOnly ? (
            <span>Look only until you confirm changing this flight.</span>
          ) : (
            <span>Changes save themselves.</span>
          )}
        </div>
      </div>

      {asking && (
        <ConfirmDialog
          title={
            asking.kind === 'fill' ? 'Fill the slots from the marked moments?' : 'Spread every window evenly?'
          }
          confirmLabel={asking.kind === 'fill' ? 'Yes, fill them' : 'Yes, spread them'}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            apply(asking.edits);
            setAsking(null);
          }}
        >
          <p>
            {asking.kind === 'fill'
              ? 'Some windows were placed by hand. Slots whose scene has marked moments move to those moments; the others stay where they are.'
              : 'Every window goes back to an even spread over its scene, as it was before anyone moved it. Lengths stay as they are.'}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** "Front (1)": the camera's place first, as the crew call it; the card is narrow. */
const shortCameraName = (camera: 1 | 2, source: string | undefined) =>
  source ? `${source.charAt(0).toUpperCase()}${source.slice(1)} (${camera})` : `Camera ${camera}`;

interface SlotCardProps {
  slot: SlotPlan;
  scene: EditorScene | undefined;
  selected: boolean;
  playing: boolean;
  onSelect(): void;
}

function SlotCard({ slot, scene, selected, playing, onSelect }: SlotCardProps) {
  const source = slot.cameraAngle === 1 ? scene?.camera1Source : scene?.camera2Source;
  const classes = ['slot-card'];
  if (selected) classes.push('is-selected');
  if (playing) classes.push('is-playing');
  if (slot.seamlessWithPrevious) classes.push('is-seamless');
  return (
    <button
      type="button"
      className={classes.join(' ')}
      aria-pressed={selected}
      aria-label={`Slot ${slot.slotNumber}: ${scene ? SCENE_LABELS[scene.sceneType] : 'no scene'}, ${cameraName(slot.cameraAngle, source)}, ${formatWindow(slot.windowStart, slot.slotDuration)}${slot.seamlessWithPrevious ? `, seamless with slot ${slot.slotNumber - 1}` : ''}`}
      data-slot={slot.slotNumber}
      onClick={onSelect}
    >
      <span className="slot-card-head">
        <span className="slot-card-number">{slot.slotNumber}</span>
        <span className="slot-card-scene">{scene ? SCENE_LABELS[scene.sceneType] : 'No scene'}</span>
      </span>
      <span className="slot-card-camera">{shortCameraName(slot.cameraAngle, source)}</span>
      {/* Start and end each stay whole; a narrow card puts the end on a second line. */}
      <span className="slot-card-window">
        <span>{formatSeconds(slot.windowStart)} –</span>{' '}
        <span>{formatSeconds(slot.windowStart + slot.slotDuration)}</span>
      </span>
      {slot.seamlessWithPrevious && (
        <span className="chip slot-card-seamless">Seamless with {slot.slotNumber - 1}</span>
      )}
    </button>
  );
}
