// Notes for the operator about takes main saved on its own (at start, or after the screen went away): kept
// in memory until someone who may see the flight acknowledges them.
import type { RecoveredScene, SceneType } from '../../shared/capture';
import { canSeeRecording, type LocalDay, type RecordingOwnership, type Viewer } from '../access/rules';
import type { SavedTake } from './finalize';

export interface RecoveryNote {
  report: RecoveredScene;
  /** Who may see the note: it names the passengers. */
  flight: RecordingOwnership;
}

export function recoveryNote(
  flight: RecordingOwnership & { passenger_names: string },
  scene: { sceneId: string; recordingId: string; sceneType: SceneType },
  saved: SavedTake | null,
  at: Date,
): RecoveryNote {
  return {
    flight,
    report: {
      ...scene,
      passengerNames: flight.passenger_names,
      camera1Duration: saved?.scene.camera1_duration ?? null,
      camera2Duration: saved?.scene.camera2_duration ?? null,
      recoveredAt: at.toISOString(),
    },
  };
}

export interface RecoveryNotes {
  add(...notes: RecoveryNote[]): void;
  visibleTo(user: Viewer, today: LocalDay): RecoveredScene[];
  /** Removes the named notes the user may see; returns how many. */
  acknowledge(sceneIds: readonly string[], user: Viewer, today: LocalDay): number;
  /** Forgets a scene's note: its take was resumed, and the screen tells the story now. */
  drop(sceneId: string): void;
}

export function createRecoveryNotes(): RecoveryNotes {
  let notes: RecoveryNote[] = [];
  const visible = (user: Viewer, today: LocalDay) =>
    notes.filter((note) => canSeeRecording(user, note.flight, today));
  return {
    add: (...added) => {
      // A scene recovered again replaces its earlier note: one note per scene.
      const ids = new Set(added.map((note) => note.report.sceneId));
      notes = [...notes.filter((note) => !ids.has(note.report.sceneId)), ...added];
    },
    visibleTo: (user, today) => visible(user, today).map((note) => note.report),
    acknowledge(sceneIds, user, today) {
      const gone = new Set(visible(user, today).filter((note) => sceneIds.includes(note.report.sceneId)));
      notes = notes.filter((note) => !gone.has(note));
      return gone.size;
    },
    drop(sceneId) {
      notes = notes.filter((note) => note.report.sceneId !== sceneId);
    },
  };
}
