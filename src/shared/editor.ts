// The `editor` area: a flight as the Edit screen opens it — scenes with their segments and thumbnail strips,
// and the eight slots. Times are on the scene clock (edit-math.ts explains it).
import { z } from 'zod';
import type { SceneView } from './capture';
import { EXAMPLE_ID, GROUND_CREW, channel, idSchema } from './define';
import type { RecordingDetail } from './recordings';
import type { SegmentView } from './segments';
import type { SlotView } from './slots';

/** A thumbnail strip is this many frames side by side, evenly spaced over the camera's file. */
export const THUMB_STRIP_FRAMES = 20;
/** Each frame of a strip (and a dashboard poster), in pixels. */
export const THUMB_WIDTH = 160;
export const THUMB_HEIGHT = 90;

export interface EditorScene extends SceneView {
  /** In segment-number order. */
  segments: SegmentView[];
  /** Changes whenever anyone saves this scene's segments; a save must name the one it started from. */
  segmentsRevision: string;
  /** THUMB_STRIP_FRAMES frames of each camera's file, side by side in one image; null without footage. */
  camera1StripUrl: string | null;
  camera2StripUrl: string | null;
}

export interface EditorView {
  recording: Omit<RecordingDetail, 'scenes'>;
  /** Cruising, chase, arrival. */
  scenes: EditorScene[];
  /** Slot 1 to 8. */
  slots: SlotView[];
  /** The template the flight was checked in with (or the active one), for its frame rate and name. */
  template: { id: string; name: string; frameRate: number } | null;
  /** Sold or exported: changes must be confirmed first (confirmEdit). */
  editNeedsConfirmation: boolean;
  /** Stills a photo export takes (a setting), for the Export tab's button. */
  photoCount: number;
}

export const editorChannels = {
  'editor.get': channel<EditorView>()({
    summary:
      'A flight as the editor needs it: scenes with segments and thumbnail strips, and the eight slots.',
    input: z.strictObject({ recordingId: idSchema }),
    access: GROUND_CREW,
    example: { recordingId: EXAMPLE_ID },
  }),
};
