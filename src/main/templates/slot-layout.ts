// The 8-slot layout a template stores: which scene and camera each slot of the final video takes.
import { z } from 'zod';
import { SCENE_TYPES } from '../../../db/schema';
import type { SlotLayoutEntry } from '../../../db/schema';
import { DEFAULT_TEMPLATE_SLOTS } from '../../shared/slot-layout';
import { TEMPLATE_SLOT_COUNT, type TemplateSlot } from '../../shared/templates';
import { AppFailure } from '../errors';

/** A contract slot (camelCase) as project_templates.slot_layout stores it. */
export const toSlotLayoutEntry = (slot: TemplateSlot): SlotLayoutEntry => ({
  slot_number: slot.slotNumber,
  scene_type: slot.sceneType,
  camera_angle: slot.cameraAngle,
  duration: slot.duration,
  seamless_with_previous: slot.seamlessWithPrevious,
});

/** The shared default layout (src/shared/slot-layout.ts) as stored; check-in falls back to it. */
export const DEFAULT_SLOT_LAYOUT: readonly SlotLayoutEntry[] = DEFAULT_TEMPLATE_SLOTS.map(toSlotLayoutEntry);

const entrySchema = z.object({
  slot_number: z.number().int().min(1).max(TEMPLATE_SLOT_COUNT),
  scene_type: z.enum(SCENE_TYPES),
  camera_angle: z.union([z.literal(1), z.literal(2)]),
  duration: z.number().positive().max(60),
  seamless_with_previous: z.boolean(),
});

export const slotLayoutSchema = z
  .array(entrySchema)
  .length(TEMPLATE_SLOT_COUNT)
  .superRefine((layout, ctx) => {
    layout.forEach((entry, i) => {
      if (entry.slot_number !== i + 1) {
        ctx.addIssue({ code: 'custom', path: [i, 'slot_number'], message: `slot ${i + 1} is out of order` });
      }
      if (!entry.seamless_with_previous) return;
      // Seamless means "continue the same moment on the other camera": only possible after a slot of the
      // same scene on the opposite angle, because both cameras recorded that moment.
      const previous = layout[i - 1];
      if (
        !previous ||
        previous.scene_type !== entry.scene_type ||
        previous.camera_angle === entry.camera_angle
      ) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'seamless_with_previous'],
          message: `slot ${i + 1} can only be seamless after a slot of the same scene on the other camera`,
        });
      }
    });
  });

/** Validates a layout; throws a VALIDATION AppFailure listing what is wrong. */
export function validateSlotLayout(layout: unknown): SlotLayoutEntry[] {
  const result = slotLayoutSchema.safeParse(layout);
  if (result.success) return result.data;
  throw new AppFailure(
    'VALIDATION',
    'The slot layout needs exactly eight slots, in order, each with a scene, a camera and a duration.',
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

/** Parses project_templates.slot_layout (JSON text). */
export function parseSlotLayout(json: string): SlotLayoutEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new AppFailure('VALIDATION', 'The template slot layout is not valid JSON.');
  }
  return validateSlotLayout(value);
}
