// The `editor`, `segments` and `slots` areas: marking a scene's best moments and choosing the eight windows of
// the souvenir video. Times are on the scene clock (edit-math.ts explains it).
import { z } from 'zod';
import type { RecordingDetail, SceneView } from './capture';
import { channel, type UserRole } from './define';
import { MAX_SEGMENTS_PER_SCENE, MAX_SLOT_SECONDS, MIN_CLIP_SECONDS, type Angle } from './edit-math';
import { idSchema } from './users';

const GROUND_CREW: readonly UserRole[] = ['admin', 'crew'];
const someId = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';

/** A thumbnail strip is this many frames side by side, evenly spaced over the camera's file. */
export const THUMB_STRIP_FRAMES = 20;
/** Each frame of a strip (and a dashboard poster), in pixels. */
export const THUMB_WIDTH = 160;
export const THUMB_HEIGHT = 90;

export interface SegmentView {
  id: string;
  sceneId: string;
  /** 1, 2, 3… in start-time order; renumbered whenever the scene's segments are saved. */
  segmentNumber: number;
  /** Scene-clock seconds. */
  startTime: number;
  duration: number;
  cameraAngle: Angle;
}

export interface EditorScene extends SceneView {
  /** In segment-number order. */
  segments: SegmentView[];
  /** Changes whenever anyone saves this scene's segments; a save must name the one it started from. */
  segmentsRevision: string;
  /** THUMB_STRIP_FRAMES frames of each camera's file, side by side in one image; null without footage. */
  camera1StripUrl: string | null;
  camera2StripUrl: string | null;
}

export interface SlotView {
  id: string;
  slotNumber: number;
  sceneId: string;
  sceneType: SceneView['sceneType'];
  cameraAngle: Angle;
  /** Scene-clock seconds. */
  windowStart: number;
  slotDuration: number;
  seamlessWithPrevious: boolean;
  updatedAt: string;
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

const sceneSeconds = z
  .number()
  .min(0)
  .max(24 * 60 * 60);
const angle = z.union([z.literal(1), z.literal(2)]);
/** Set once the person has confirmed changing a sold or exported flight. */
const confirmEdit = z.boolean().default(false);

export const editingChannels = {
  'editor.get': channel<EditorView>()({
    summary:
      'A flight as the editor needs it: scenes with segments and thumbnail strips, and the eight slots.',
    input: z.strictObject({ recordingId: idSchema }),
    access: GROUND_CREW,
    example: { recordingId: someId },
  }),
  'segments.save': channel<{ segments: SegmentView[]; segmentsRevision: string }>()({
    summary:
      'Replaces a scene’s segments with this list (clamped to the footage, renumbered by start time). Refused as a conflict when someone saved the scene since baseRevision.',
    input: z.strictObject({
      sceneId: idSchema,
      baseRevision: z.string().min(1).max(200),
      segments: z
        .array(
          z.strictObject({
            id: idSchema.optional(),
            startTime: sceneSeconds,
            duration: z
              .number()
              .min(MIN_CLIP_SECONDS)
              .max(24 * 60 * 60),
            cameraAngle: angle,
          }),
        )
        .max(MAX_SEGMENTS_PER_SCENE, `A scene can hold at most ${MAX_SEGMENTS_PER_SCENE} segments.`),
      confirmEdit,
    }),
    access: GROUND_CREW,
    example: {
      sceneId: someId,
      baseRevision: 'empty',
      segments: [{ startTime: 4.5, duration: 3, cameraAngle: 1 }],
    },
  }),
  'slots.save': channel<SlotView[]>()({
    summary:
      'Sets slot windows (clamped to the footage; seamless slots follow their partner). Each slot is its own last write.',
    input: z.strictObject({
      recordingId: idSchema,
      slots: z
        .array(
          z.strictObject({
            slotNumber: z.number().int().min(1).max(8),
            windowStart: sceneSeconds,
            slotDuration: z.number().min(MIN_CLIP_SECONDS).max(MAX_SLOT_SECONDS),
          }),
        )
        .min(1)
        .max(8)
        .refine(
          (slots) => new Set(slots.map((slot) => slot.slotNumber)).size === slots.length,
          'Each slot may appear once.',
        ),
      confirmEdit,
    }),
    access: GROUND_CREW,
    example: { recordingId: someId, slots: [{ slotNumber: 1, windowStart: 12, slotDuration: 3 }] },
  }),
};
