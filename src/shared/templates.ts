// The `templates` area (admin): the 8-slot layout and output settings flights are cut with. A flight takes its
// slots from the active template when it is checked in; changing a template later never touches those slots.
import { z } from 'zod';
import { SCENE_ORDER, type SceneType } from './capture';
import { ADMIN_ONLY, EXAMPLE_ID, channel, idSchema } from './define';
import type { Angle } from './edit-math';
import { DEFAULT_TEMPLATE_SLOTS } from './slot-layout';

export const TEMPLATE_SLOT_COUNT = 8;

/** What the souvenir video can be rendered at: landscape for TVs and laptops, portrait for phones. */
export const TEMPLATE_OUTPUT_SIZES = [
  { width: 1920, height: 1080, label: '1920 × 1080', hint: 'Full HD, landscape' },
  { width: 1280, height: 720, label: '1280 × 720', hint: 'HD, smaller files' },
  { width: 1080, height: 1920, label: '1080 × 1920', hint: 'Portrait, for phones' },
] as const;

export const TEMPLATE_FRAME_RATES = [25, 30, 60] as const;

/** A slot's default length in the final video: 1.0 to 10.0 s in half-second steps. */
export const TEMPLATE_SLOT_SECONDS = { min: 1, max: 10, step: 0.5 } as const;

/** What a title pattern may name; the export fills them in from the flight. */
export const TITLE_PLACEHOLDERS = [
  { name: 'passenger_names', label: 'Passenger names', example: 'Anna & Ben Keller' },
  { name: 'flight_date', label: 'Flight date', example: '14 June 2025' },
  { name: 'flight_time', label: 'Flight time', example: '10:30' },
  { name: 'pilot', label: 'Pilot', example: 'Sam Ortega' },
] as const;
export type TitlePlaceholder = (typeof TITLE_PLACEHOLDERS)[number]['name'];

export const TITLE_PATTERN_MAX = 120;

export const TEMPLATE_ASSET_KINDS = ['intro', 'outro', 'music'] as const;
export type TemplateAssetKind = (typeof TEMPLATE_ASSET_KINDS)[number];

export interface TemplateSlot {
  slotNumber: number;
  sceneType: SceneType;
  cameraAngle: Angle;
  /** Seconds this slot lasts in the final video unless the crew change it. */
  duration: number;
  /** Continues the previous slot's moment on the other camera. */
  seamlessWithPrevious: boolean;
}

export interface TemplateView {
  id: string;
  name: string;
  /** New check-ins take their slots from the one active template. */
  active: boolean;
  /** Slot 1 to 8. */
  slots: TemplateSlot[];
  outputWidth: number;
  outputHeight: number;
  frameRate: number;
  titlePattern: string;
  /** File names from templates.assets; null for none. */
  introAsset: string | null;
  outroAsset: string | null;
  musicAsset: string | null;
  /** Flights checked in with this template (they keep their slots whatever the template becomes). */
  flightCount: number;
  createdAt: string;
  updatedAt: string;
}

/** The files shipped in resources/intros, resources/outros and resources/music, by name. */
export type TemplateAssets = Record<TemplateAssetKind, string[]>;

/** Why slot `index` (0-based) cannot continue the slot before it seamlessly, or null when it can. */
export function seamlessProblem(
  slots: readonly Pick<TemplateSlot, 'sceneType' | 'cameraAngle'>[],
  index: number,
): string | null {
  const slot = slots[index];
  const previous = slots[index - 1];
  if (!slot) return `There is no slot ${index + 1}.`;
  if (!previous) return 'Slot 1 opens the video: there is no slot before it to continue.';
  if (previous.sceneType !== slot.sceneType) {
    return `Slot ${index} is ${previous.sceneType} and slot ${index + 1} is ${slot.sceneType}: seamless needs the same scene.`;
  }
  if (previous.cameraAngle === slot.cameraAngle) {
    return `Slots ${index} and ${index + 1} both use camera ${slot.cameraAngle}: seamless needs the other camera.`;
  }
  return null;
}

/** Clears "seamless" wherever a change to scenes or cameras made it impossible. */
export function dropImpossibleSeamless<T extends TemplateSlot>(slots: readonly T[]): T[] {
  return slots.map((slot, i) =>
    slot.seamlessWithPrevious && seamlessProblem(slots, i) ? { ...slot, seamlessWithPrevious: false } : slot,
  );
}

/** A duration one step up or down, kept within TEMPLATE_SLOT_SECONDS. */
export function stepSlotDuration(seconds: number, direction: 1 | -1): number {
  const { min, max, step } = TEMPLATE_SLOT_SECONDS;
  const snapped = Math.round(seconds / step) * step;
  return Math.min(max, Math.max(min, snapped + direction * step));
}

const PLACEHOLDER_NAMES: readonly string[] = TITLE_PLACEHOLDERS.map((p) => p.name);

/** Everything wrong with a title pattern, in plain words; empty when it is fine. */
export function titlePatternProblems(pattern: string): string[] {
  const problems: string[] = [];
  if (pattern.trim() === '') problems.push('The title needs some text or a placeholder.');
  const unknown = [...pattern.matchAll(/\{([^{}]*)\}/g)]
    .map((match) => match[1] ?? '')
    .filter((name) => !PLACEHOLDER_NAMES.includes(name));
  for (const name of new Set(unknown)) {
    problems.push(
      `{${name}} is not a placeholder the title can fill in. Use ${PLACEHOLDER_NAMES.map((n) => `{${n}}`).join(', ')}.`,
    );
  }
  if (/[{}]/.test(pattern.replace(/\{[^{}]*\}/g, ''))) {
    problems.push('A { or } has no partner: placeholders look like {passenger_names}.');
  }
  return problems;
}

/** The title with its placeholders filled in (unknown ones are left as typed). */
export function fillTitlePattern(pattern: string, values: Record<TitlePlaceholder, string>): string {
  return pattern.replace(/\{([^{}]*)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as TitlePlaceholder] : whole,
  );
}

export const EXAMPLE_TITLE_VALUES = Object.fromEntries(
  TITLE_PLACEHOLDERS.map((p) => [p.name, p.example]),
) as Record<TitlePlaceholder, string>;

/** A file name as templates.assets lists it: no folders, no `..`, nothing a shell or filter graph would mind. */
export const assetNameSchema = z
  .string()
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._ -]*$/,
    'An asset is a file name from the list (letters, digits, dot, dash), not a path.',
  )
  .refine((name) => !name.includes('..'), 'An asset is a file name from the list, not a path.');

const slotSchema = z.strictObject({
  slotNumber: z.number().int().min(1).max(TEMPLATE_SLOT_COUNT),
  sceneType: z.enum(SCENE_ORDER),
  cameraAngle: z.union([z.literal(1), z.literal(2)]),
  duration: z
    .number()
    .min(TEMPLATE_SLOT_SECONDS.min)
    .max(TEMPLATE_SLOT_SECONDS.max)
    .refine((seconds) => Number.isInteger(seconds / TEMPLATE_SLOT_SECONDS.step), 'Use half-second steps.'),
  seamlessWithPrevious: z.boolean(),
});

export const templateSlotsSchema = z
  .array(slotSchema)
  .length(TEMPLATE_SLOT_COUNT, `A template has exactly ${TEMPLATE_SLOT_COUNT} slots.`)
  .superRefine((slots, ctx) => {
    slots.forEach((slot, i) => {
      if (slot.slotNumber !== i + 1) {
        ctx.addIssue({ code: 'custom', path: [i, 'slotNumber'], message: `Slot ${i + 1} is out of order.` });
      }
      const problem = slot.seamlessWithPrevious ? seamlessProblem(slots, i) : null;
      if (problem) ctx.addIssue({ code: 'custom', path: [i, 'seamlessWithPrevious'], message: problem });
    });
  });

export const templateSaveSchema = z
  .strictObject({
    /** Absent: a new template. Present: that template is changed. */
    id: idSchema.optional(),
    name: z
      .string()
      .trim()
      .min(1, 'A template needs a name.')
      .max(80, 'A template name is at most 80 characters.'),
    slots: templateSlotsSchema,
    outputWidth: z.number().int(),
    outputHeight: z.number().int(),
    frameRate: z.literal(TEMPLATE_FRAME_RATES, 'Choose 25, 30 or 60 frames per second.'),
    titlePattern: z
      .string()
      .max(TITLE_PATTERN_MAX, `A title is at most ${TITLE_PATTERN_MAX} characters.`)
      .superRefine((pattern, ctx) => {
        for (const message of titlePatternProblems(pattern)) ctx.addIssue({ code: 'custom', message });
      }),
    introAsset: assetNameSchema.nullable(),
    outroAsset: assetNameSchema.nullable(),
    musicAsset: assetNameSchema.nullable(),
  })
  .refine(
    (t) =>
      TEMPLATE_OUTPUT_SIZES.some((size) => size.width === t.outputWidth && size.height === t.outputHeight),
    {
      message: `Choose one of the output sizes: ${TEMPLATE_OUTPUT_SIZES.map((s) => s.label).join(', ')}.`,
      path: ['outputWidth'],
    },
  );

export type TemplateSaveInput = z.input<typeof templateSaveSchema>;

/** The default layout with slot 2 continuing slot 1 seamlessly, so the example shows the flag set. */
const exampleSlots: TemplateSlot[] = DEFAULT_TEMPLATE_SLOTS.map((slot, i) => ({
  ...slot,
  seamlessWithPrevious: i === 1,
}));

export const templatesChannels = {
  'templates.list': channel<TemplateView[]>()({
    summary: 'Every template, oldest first, with the active one marked.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'templates.save': channel<TemplateView>()({
    summary:
      'Creates a template (no id) or changes one (id). Flights already checked in keep their slots; new check-ins use the active template as saved.',
    input: templateSaveSchema,
    access: ADMIN_ONLY,
    example: {
      id: EXAMPLE_ID,
      name: 'Sunset tours',
      slots: exampleSlots,
      outputWidth: 1920,
      outputHeight: 1080,
      frameRate: 30,
      titlePattern: '{passenger_names} - {flight_date}',
      introAsset: 'scenic-flight-intro.mp4',
      outroAsset: null,
      musicAsset: null,
    },
  }),
  'templates.activate': channel<TemplateView>()({
    summary: 'Makes one template the active one: flights checked in from now on take their slots from it.',
    input: z.strictObject({ id: idSchema }),
    access: ADMIN_ONLY,
    example: { id: EXAMPLE_ID },
  }),
  'templates.assets': channel<TemplateAssets>()({
    summary: 'The intros, outros and music beds that ship with the kiosk, by file name.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
};
