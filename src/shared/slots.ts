// The `slots` area: the eight windows of the souvenir video — which scene, which camera and which seconds.
import { z } from 'zod';
import type { SceneView } from './capture';
import { EXAMPLE_ID, GROUND_CREW, channel, idSchema } from './define';
import { MAX_SLOT_SECONDS, MIN_CLIP_SECONDS, type Angle } from './edit-math';
import { confirmEdit, sceneSeconds } from './segments';

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

export const slotsChannels = {
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
    example: { recordingId: EXAMPLE_ID, slots: [{ slotNumber: 1, windowStart: 12, slotDuration: 3 }] },
  }),
};
