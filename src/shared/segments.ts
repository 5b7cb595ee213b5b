// The `segments` area: a scene's best moments as the crew mark them — start, length and camera, on the scene
// clock (edit-math.ts explains it).
import { z } from 'zod';
import { EXAMPLE_ID, GROUND_CREW, channel, idSchema } from './define';
import { MAX_SEGMENTS_PER_SCENE, MIN_CLIP_SECONDS, type Angle } from './edit-math';

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

/** Seconds on the scene clock, as an input. */
export const sceneSeconds = z
  .number()
  .min(0)
  .max(24 * 60 * 60);
export const angleSchema = z.union([z.literal(1), z.literal(2)]);
/** Set once the person has confirmed changing a sold or exported flight. */
export const confirmEdit = z.boolean().default(false);

export const segmentsChannels = {
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
            cameraAngle: angleSchema,
          }),
        )
        .max(MAX_SEGMENTS_PER_SCENE, `A scene can hold at most ${MAX_SEGMENTS_PER_SCENE} segments.`),
      confirmEdit,
    }),
    access: GROUND_CREW,
    example: {
      sceneId: EXAMPLE_ID,
      baseRevision: 'empty',
      segments: [{ startTime: 4.5, duration: 3, cameraAngle: 1 }],
    },
  }),
};
