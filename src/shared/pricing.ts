// The `pricing` area: the admin's price rules (discounts and combos) and the price a bundle sells at for a
// flight. A small, closed set of rule kinds, each with one effect; how they combine is written once, in
// src/main/pricing/price.ts (the single best discount for the customer), and the screen never computes a price.
import { z } from 'zod';
import { MAX_AMOUNT_CENTS } from './bundles';
import { ADMIN_ONLY, EXAMPLE_ID, channel, idSchema } from './define';

export const PRICE_RULE_KINDS = ['nth_sale', 'flight_time', 'bundle'] as const;
export type PriceRuleKindName = (typeof PRICE_RULE_KINDS)[number];
export const PRICE_RULE_KIND_LABELS: Record<PriceRuleKindName, string> = {
  nth_sale: 'Second passenger and later',
  flight_time: 'Flights between two times',
  bundle: 'Bundle for less',
};

export const PRICE_EFFECTS = ['percent_off', 'amount_off', 'fixed_price'] as const;
export type PriceEffectName = (typeof PRICE_EFFECTS)[number];

/** The largest percent a rule takes off: a sale is never free (the till records an amount above 0). */
export const MAX_PERCENT_OFF = 99;

/** 'HH:MM', 24-hour, local to the kiosk. */
export const clockTimeSchema = z
  .string('Give the time as hours:minutes, e.g. 18:30.')
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give the time as hours:minutes, e.g. 18:30.');

/** 'YYYY-MM-DD' that is a real calendar day. */
export const ruleDaySchema = z
  .string('Give the day as year-month-day, e.g. 2026-12-02.')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the day as year-month-day, e.g. 2026-12-02.')
  .refine((day) => {
    const parsed = new Date(`${day}T00:00:00.000Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
  }, 'That day is not on the calendar.');

/** What must be true of a sale for the rule to apply (besides its bundles and days). */
export const priceConditionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('nth_sale'),
      /** Applies to the flight's Nth sale and every one after it (2 = "second passenger"). */
      nth: z
        .number('Say from which sale on.')
        .int()
        .min(2, 'From the second sale on, at the earliest.')
        .max(20),
    }),
    z
      .strictObject({
        kind: z.literal('flight_time'),
        /** The flight's local time: from (included) to (not included); to before from runs past midnight. */
        from: clockTimeSchema,
        to: clockTimeSchema,
      })
      .refine((c) => c.from !== c.to, { message: 'The two times must differ.', path: ['to'] }),
    z.strictObject({ kind: z.literal('bundle') }),
  ],
  'Pick what kind of rule this is.',
);
export type PriceCondition = z.output<typeof priceConditionSchema>;

export const priceEffectSchema = z
  .strictObject({
    type: z.enum(PRICE_EFFECTS, 'Pick percent off, an amount off or a fixed price.'),
    /** Percent (1–99) for percent_off; cents for amount_off and fixed_price. */
    value: z
      .number('Give a number.')
      .int('Give a whole number.')
      .min(1, 'Give a number above 0.')
      .max(MAX_AMOUNT_CENTS, 'That is too large.'),
  })
  .refine((e) => e.type !== 'percent_off' || e.value <= MAX_PERCENT_OFF, {
    message: `A rule takes at most ${MAX_PERCENT_OFF} % off.`,
    path: ['value'],
  });
export type PriceEffect = z.output<typeof priceEffectSchema>;

const bundleCodeSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'That is not a bundle code.');

export const priceRuleInput = z
  .strictObject({
    /** Absent to add a rule; the rule's id to change it. */
    id: idSchema.optional(),
    name: z.string().trim().min(1, 'Give the rule a name.').max(40, 'Keep the name under 40 characters.'),
    condition: priceConditionSchema,
    /** The bundles it applies to; empty for every bundle. */
    bundles: z.array(bundleCodeSchema).max(20).default([]),
    effect: priceEffectSchema,
    validFrom: ruleDaySchema.nullable().default(null),
    validUntil: ruleDaySchema.nullable().default(null),
    active: z.boolean(),
  })
  .refine((r) => r.condition.kind !== 'bundle' || r.bundles.length > 0, {
    message: 'Pick the bundle(s) this price is for.',
    path: ['bundles'],
  })
  .refine((r) => r.effect.type !== 'fixed_price' || r.bundles.length > 0, {
    message: 'A fixed price needs the bundle(s) it is for.',
    path: ['bundles'],
  })
  .refine((r) => !r.validFrom || !r.validUntil || r.validFrom <= r.validUntil, {
    message: 'The first day must not be after the last day.',
    path: ['validUntil'],
  });
export type PriceRuleInput = z.output<typeof priceRuleInput>;

export interface PriceRuleView {
  id: string;
  name: string;
  condition: PriceCondition;
  bundles: string[];
  effect: PriceEffect;
  validFrom: string | null;
  validUntil: string | null;
  active: boolean;
  sortOrder: number;
  /** Completed sales this rule priced. */
  usedCount: number;
  updatedAt: string;
}

export interface PriceRuleList {
  currency: string;
  rules: PriceRuleView[];
  /** The catalogue's bundles (code and name) for the rule's bundle picker. */
  bundles: Array<{ code: string; label: string }>;
}

/** The price of one bundle for one flight now, as checkout shows it and the sale records it. */
export interface PriceQuote {
  /** The catalogue price. */
  listPriceCents: number;
  /** What the best rule takes off; 0 when none applies. */
  discountCents: number;
  /** listPriceCents − discountCents: the amount to charge. */
  priceCents: number;
  /** The rule applied, or null. */
  ruleId: string | null;
  /** The rule as the receipt prints it ("Sunset flight −10 %"), or null. */
  ruleLabel: string | null;
}

export const pricingChannels = {
  'pricing.rules': channel<PriceRuleList>()({
    summary: 'Every price rule, in the order they are listed, with how many sales each priced.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'pricing.save': channel<PriceRuleView>()({
    summary:
      'Adds a price rule or changes one (name, kind, bundles, effect, days, on or off). Past sales keep the price and the reason they were sold with.',
    input: priceRuleInput,
    access: ADMIN_ONLY,
    example: {
      name: 'Sunset flight',
      condition: { kind: 'flight_time', from: '18:00', to: '20:30' },
      bundles: [],
      effect: { type: 'percent_off', value: 10 },
      active: true,
    },
  }),
  'pricing.remove': channel<{ removed: true }>()({
    summary: 'Deletes a price rule. Sales it priced keep their discount and the rule name on their receipt.',
    input: z.strictObject({ ruleId: idSchema }),
    access: ADMIN_ONLY,
    example: { ruleId: EXAMPLE_ID },
  }),
};
