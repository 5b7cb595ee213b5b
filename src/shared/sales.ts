// The `sales` area: the flights ready to sell, checkout (a sale with its receipt), the list of sales, and
// voiding or refunding one. Amounts are integer cents in the kiosk's currency.
import { z } from 'zod';
import { centsSchema, type BundleView } from './bundles';
import type { PriceQuote } from './pricing';
import { emailSchema, phoneSchema } from './contact';
import { EXAMPLE_ID, ADMIN_ONLY, GROUND_CREW, channel, idSchema, pageInput, type Page } from './define';

export const PAYMENT_METHODS = ['cash', 'card', 'other'] as const;
export type PaymentMethodName = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_LABELS: Record<PaymentMethodName, string> = {
  cash: 'Cash',
  card: 'Card terminal',
  other: 'Other',
};

export const SALE_STATES = ['completed', 'voided', 'refunded'] as const;
export type SaleState = (typeof SALE_STATES)[number];

/** A bundle as checkout offers it for one flight: can it be delivered now, and if not, what is missing. */
export interface BundleOffer extends BundleView {
  /** What the flight does not have yet for this bundle ("The photos are not made yet."), or null. */
  missing: string | null;
  /** Why this bundle cannot be sold for this flight at all (no footage to make it from), or null. */
  unavailable: string | null;
  /** Its price for this flight now, under the price rules (computed in main; the screen shows it as is). */
  quote: PriceQuote;
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
  /** What the price rule took off the list price; 0 when none applied. */
  discountCents: number;
  /** The rule as the receipt prints it ("Sunset flight −10 %"), or null. */
  priceRuleName: string | null;
  /** An admin's reason for charging another amount than the price; null when the price was charged. */
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

export interface SaleListItem {
  id: string;
  recordingId: string;
  passengerNames: string;
  bundle: string;
  bundleLabel: string;
  amountCents: number;
  currency: string;
  paymentMethod: string;
  status: string;
  staffMemberId: string | null;
  staffMemberName: string | null;
  saleDate: string;
}

const reasonSchema = z
  .string()
  .trim()
  .min(3, 'Say in a few words why.')
  .max(300, 'Keep the reason under 300 characters.');

export const salesChannels = {
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
    example: { recordingId: EXAMPLE_ID },
  }),
  'sales.create': channel<SaleView>()({
    summary:
      'Sells a bundle for a flight and marks it sold. The amount is the price checkout quoted (catalogue price less the best price rule); only an admin may charge another amount, with a reason.',
    input: z.strictObject({
      recordingId: idSchema,
      bundle: z.string().trim().min(1).max(40),
      paymentMethod: z.enum(PAYMENT_METHODS, 'Pick cash, card terminal or other.'),
      amountCents: centsSchema('The amount').optional(),
      priceChangeReason: reasonSchema.optional(),
      /** The price checkout showed: refused with a plain message when the rules now give another. */
      quotedPriceCents: centsSchema('The quoted price').optional(),
      staffMemberId: idSchema.optional(),
      customerEmail: emailSchema.optional(),
      customerPhone: phoneSchema.optional(),
    }),
    access: GROUND_CREW,
    example: {
      recordingId: EXAMPLE_ID,
      bundle: 'video_photos',
      paymentMethod: 'card',
      customerEmail: 'anna@example.com',
    },
  }),
  'sales.get': channel<SaleView>()({
    summary: 'One sale with its receipt details. Crew see the sales they made; admins every sale.',
    input: z.strictObject({ saleId: idSchema }),
    access: GROUND_CREW,
    example: { saleId: EXAMPLE_ID },
  }),
  'sales.void': channel<SaleView>()({
    summary:
      'Voids (never charged) or refunds (money returned) a completed sale, with a reason; the flight is unsold again unless another sale stands.',
    input: z.strictObject({
      saleId: idSchema,
      status: z.enum(['voided', 'refunded'], 'Pick void or refund.'),
      reason: reasonSchema,
    }),
    access: ADMIN_ONLY,
    example: { saleId: EXAMPLE_ID, status: 'refunded', reason: 'Customer changed their mind' },
  }),
  'sales.list': channel<Page<SaleListItem>>()({
    summary: 'Sales, newest first. Admins see all; crew the sales they made.',
    input: z.strictObject({ ...pageInput, recordingId: idSchema.optional() }),
    access: GROUND_CREW,
    example: { limit: 20, offset: 0 },
  }),
};
