// The `bundles` and `sales` areas: the catalogue an admin prices, the flights ready to sell, checkout (a sale
// with its receipt), and voiding or refunding a sale. Amounts are integer cents in the kiosk's currency.
import { z } from 'zod';
import { emailSchema, phoneSchema } from './capture';
import { channel, type UserRole } from './define';
import { idSchema } from './users';

const GROUND_CREW: readonly UserRole[] = ['admin', 'crew'];
const someId = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';

export const PAYMENT_METHODS = ['cash', 'card', 'other'] as const;
export type PaymentMethodName = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_LABELS: Record<PaymentMethodName, string> = {
  cash: 'Cash',
  card: 'Card terminal',
  other: 'Other',
};

export const SALE_STATES = ['completed', 'voided', 'refunded'] as const;
export type SaleState = (typeof SALE_STATES)[number];

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

/** A bundle as checkout offers it for one flight: can it be delivered now, and if not, what is missing. */
export interface BundleOffer extends BundleView {
  /** What the flight does not have yet for this bundle ("The photos are not made yet."), or null. */
  missing: string | null;
}

/** An unsold flight with footage, as the sales screen lists it. */
export interface ReadyFlight {
  recordingId: string;
  passengerNames: string;
  flightAt: string;
  pilotName: string | null;
  staffMemberName: string | null;
  /** The finished video's poster, else a frame of the first filmed scene, else null. */
  posterUrl: string | null;
  /** The newest finished souvenir video, or null before one is made. */
  videoUrl: string | null;
  stillCount: number;
  airtourPhotoCount: number;
  customerEmail: string | null;
  customerPhone: string | null;
}

export interface StaffOption {
  id: string;
  name: string;
}

/** Everything checkout needs for one flight, in one call. */
export interface CheckoutView {
  flight: ReadyFlight;
  sold: boolean;
  bundles: BundleOffer[];
  staff: StaffOption[];
  currency: string;
  /** The flight's sales so far (a second sale is allowed, e.g. photos added later). */
  sales: SaleView[];
}

/** One sale with what its receipt prints. */
export interface SaleView {
  id: string;
  /** Short, readable and unique enough to find the sale again: the first 8 characters of its id. */
  receiptNumber: string;
  recordingId: string;
  passengerNames: string;
  flightAt: string;
  pilotName: string | null;
  bundle: string;
  bundleLabel: string;
  includesVideo: boolean;
  includesPhotos: boolean;
  includesAirtourPhotos: boolean;
  amountCents: number;
  listPriceCents: number | null;
  priceChangeReason: string | null;
  currency: string;
  paymentMethod: PaymentMethodName;
  staffMemberId: string | null;
  staffMemberName: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  status: SaleState;
  voidReason: string | null;
  saleDate: string;
  /** The operator's name for the receipt's heading (a setting); empty when not set. */
  operatorName: string;
}

const cents = (what: string) =>
  z
    .number(`${what} must be a number of cents.`)
    .int(`${what} must be a whole number of cents.`)
    .min(1, `${what} must be above 0.`)
    .max(MAX_AMOUNT_CENTS, `${what} is too large.`);

const reasonSchema = z
  .string()
  .trim()
  .min(3, 'Say in a few words why.')
  .max(300, 'Keep the reason under 300 characters.');

export const bundleInput = z.strictObject({
  code: z
    .string()
    .trim()
    .min(2, 'A code is at least 2 characters.')
    .max(40, 'A code is at most 40 characters.')
    .regex(/^[a-z][a-z0-9_]*$/, 'A code is lower-case letters, digits and _, starting with a letter.'),
  label: z.string().trim().min(1, 'Give the bundle a name.').max(60, 'Keep the name under 60 characters.'),
  priceCents: cents('The price'),
  includesVideo: z.boolean(),
  includesPhotos: z.boolean(),
  includesAirtourPhotos: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(1000).optional(),
});
export type BundleInput = z.output<typeof bundleInput>;

export const saleChannels = {
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
    access: ['admin'],
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
  'sales.ready': channel<ReadyFlight[]>()({
    summary:
      'Unsold flights with footage, newest flight first, with their poster, video and photos: what can be sold now.',
    input: z.strictObject({
      search: z.string().trim().max(80).optional(),
      limit: z.number().int().min(1).max(200).default(100),
    }),
    access: GROUND_CREW,
    example: { search: 'Keller', limit: 50 },
  }),
  'sales.checkout': channel<CheckoutView>()({
    summary:
      'One flight at checkout: its video, the bundles with what each still needs, staff and past sales.',
    input: z.strictObject({ recordingId: idSchema }),
    access: GROUND_CREW,
    example: { recordingId: someId },
  }),
  'sales.create': channel<SaleView>()({
    summary:
      'Sells a bundle for a flight and marks it sold. The amount is the catalogue price; only an admin may charge another amount, with a reason.',
    input: z.strictObject({
      recordingId: idSchema,
      bundle: z.string().trim().min(1).max(40),
      paymentMethod: z.enum(PAYMENT_METHODS, 'Pick cash, card terminal or other.'),
      amountCents: cents('The amount').optional(),
      priceChangeReason: reasonSchema.optional(),
      staffMemberId: idSchema.optional(),
      customerEmail: emailSchema.optional(),
      customerPhone: phoneSchema.optional(),
    }),
    access: GROUND_CREW,
    example: {
      recordingId: someId,
      bundle: 'video_photos',
      paymentMethod: 'card',
      customerEmail: 'anna@example.com',
    },
  }),
  'sales.get': channel<SaleView>()({
    summary: 'One sale with its receipt details. Crew see the sales they made; admins every sale.',
    input: z.strictObject({ saleId: idSchema }),
    access: GROUND_CREW,
    example: { saleId: someId },
  }),
  'sales.void': channel<SaleView>()({
    summary:
      'Voids (never charged) or refunds (money returned) a completed sale, with a reason; the flight is unsold again unless another sale stands.',
    input: z.strictObject({
      saleId: idSchema,
      status: z.enum(['voided', 'refunded'], 'Pick void or refund.'),
      reason: reasonSchema,
    }),
    access: ['admin'],
    example: { saleId: someId, status: 'refunded', reason: 'Customer changed their mind' },
  }),
} as const;
