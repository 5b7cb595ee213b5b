// The `bundles` area: the catalogue an admin prices — what each bundle holds and costs. Amounts are integer
// cents in the kiosk's currency; a price change never touches past sales.
import { z } from 'zod';
import { ADMIN_ONLY, GROUND_CREW, channel } from './define';

/** The largest price or amount the kiosk takes, in cents (a typo guard, not a business rule). */
export const MAX_AMOUNT_CENTS = 10_000_000;

export interface BundleView {
  code: string;
  label: string;
  priceCents: number;
  includesVideo: boolean;
  includesPhotos: boolean;
  includesAirtourPhotos: boolean;
  active: boolean;
  sortOrder: number;
  /** Completed sales of this bundle, so the admin sees what is popular and what has been sold. */
  soldCount: number;
}

/** The catalogue with the kiosk's currency, in which every price is given. */
export interface BundleCatalogue {
  currency: string;
  bundles: BundleView[];
}

/** A price or an amount in cents, named in its messages. */
export const centsSchema = (what: string) =>
  z
    .number(`${what} must be a number of cents.`)
    .int(`${what} must be a whole number of cents.`)
    .min(1, `${what} must be above 0.`)
    .max(MAX_AMOUNT_CENTS, `${what} is too large.`);

export const bundleInput = z.strictObject({
  code: z
    .string()
    .trim()
    .min(2, 'A code is at least 2 characters.')
    .max(40, 'A code is at most 40 characters.')
    .regex(/^[a-z][a-z0-9_]*$/, 'A code is lower-case letters, digits and _, starting with a letter.'),
  label: z.string().trim().min(1, 'Give the bundle a name.').max(60, 'Keep the name under 60 characters.'),
  priceCents: centsSchema('The price'),
  includesVideo: z.boolean(),
  includesPhotos: z.boolean(),
  includesAirtourPhotos: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(1000).optional(),
  /** True for a new bundle: if its code is taken the save is refused instead of changing that bundle. */
  adding: z.boolean().optional(),
});
export type BundleInput = z.output<typeof bundleInput>;

export const bundlesChannels = {
  'bundles.list': channel<BundleCatalogue>()({
    summary: 'The bundle catalogue in its order. Crew see the bundles for sale; admins may ask for all.',
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    access: GROUND_CREW,
    example: { includeInactive: true },
  }),
  'bundles.save': channel<BundleView>()({
    summary:
      'Adds a bundle or changes one (name, price, contents, for sale or not). Past sales keep the price they were sold at.',
    input: bundleInput,
    access: ADMIN_ONLY,
    example: {
      code: 'video_only',
      label: 'Video Only',
      priceCents: 2500,
      includesVideo: true,
      includesPhotos: false,
      includesAirtourPhotos: false,
      active: true,
    },
  }),
};
