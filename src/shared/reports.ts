// The `reports` area: the manager's sales report over a range of local calendar days, its CSV files, and the
// same figures for every airfield of the fleet (read from the central database, when one is set).
// Flights count on the local day they flew, sales on the local day they were made; only completed sales are
// revenue, so voiding or refunding a sale changes the report at once. Amounts are integer cents.
import { z } from 'zod';
import { ADMIN_ONLY, channel } from './define';

/** A year and a day: enough for "this year so far" and last year's same season, short enough to stay fast. */
export const REPORT_MAX_DAYS = 366;
/** Non-purchasers shown on screen; the CSV has all of them. */
export const NON_PURCHASER_LIMIT = 200;

export const REPORT_CSV_KINDS = ['sales', 'daily', 'non_purchasers'] as const;
export type ReportCsvKind = (typeof REPORT_CSV_KINDS)[number];

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00.000Z`) / DAY_MS;

/** 'YYYY-MM-DD' that is a real calendar day (no 31 June). */
export const reportDaySchema = z
  .string('Give the day as year-month-day, e.g. 2026-12-02.')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the day as year-month-day, e.g. 2026-12-02.')
  .refine((day) => {
    const parsed = new Date(`${day}T00:00:00.000Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
  }, 'That day is not on the calendar.');

const rangeFields = { from: reportDaySchema, to: reportDaySchema };
type RangeFields = { from: string; to: string };
const inOrder = (range: RangeFields) => range.from <= range.to;
const shortEnough = (range: RangeFields) =>
  dayNumber(range.to) - dayNumber(range.from) + 1 <= REPORT_MAX_DAYS;
const ORDER_MESSAGE = { message: 'The first day must not be after the last day.', path: ['to'] };
const LENGTH_MESSAGE = {
  message: `A report covers at most ${REPORT_MAX_DAYS} days. Pick a shorter range.`,
  path: ['to'],
};

export const reportRangeInput = z
  .strictObject(rangeFields)
  .refine(inOrder, ORDER_MESSAGE)
  .refine(shortEnough, LENGTH_MESSAGE);
export type ReportRangeInput = z.output<typeof reportRangeInput>;

export const reportCsvInput = z
  .strictObject({
    ...rangeFields,
    kind: z.enum(REPORT_CSV_KINDS, 'Pick the sales, the daily totals or the non-purchasers.'),
  })
  .refine(inOrder, ORDER_MESSAGE)
  .refine(shortEnough, LENGTH_MESSAGE);

/** Figures for a stretch of time (a day, a week, a weekday, an hour). */
export interface PeriodFigures {
  /** Flights that flew in it. */
  flights: number;
  /** Of those flights, the ones with a completed sale (whenever it was made). */
  flightsSold: number;
  /** Completed sales made in it. */
  sales: number;
  revenueCents: number;
}

export interface DayFigures extends PeriodFigures {
  /** 'YYYY-MM-DD', local. */
  day: string;
}

export interface WeekFigures extends PeriodFigures {
  /** ISO week, e.g. '2026-W49'. */
  week: string;
  /** The week's Monday ('YYYY-MM-DD'); it may be before the range starts. */
  monday: string;
  /** Days of this week inside the range (fewer than 7 at the range's ends). */
  days: number;
}

export interface WeekdayFigures extends PeriodFigures {
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  label: string;
}

export interface HourFigures extends PeriodFigures {
  /** 0–23, local: sales by the hour they were made, flights by the hour they flew. */
  hour: number;
}

export interface BundleFigures {
  code: string;
  /** The catalogue's name; the code when the bundle has been removed. */
  label: string;
  sales: number;
  revenueCents: number;
  /** Of the period's revenue, 0–1. */
  share: number;
}

export interface PersonFigures {
  /** users.id; null for sales or flights with nobody recorded. */
  id: string | null;
  name: string;
  sales: number;
  revenueCents: number;
}

export interface PilotFigures extends PersonFigures {
  flights: number;
  flightsSold: number;
}

/** What a flight had to sell, and what its passengers bought. */
export const MEDIA_MIXES = ['both', 'video', 'photos', 'nothing'] as const;
export type MediaMix = (typeof MEDIA_MIXES)[number];

export interface AvailabilityRow {
  /** What the flight has now: the video, photos (stills or air-tour photos), both or nothing yet. */
  available: MediaMix;
  flights: number;
  /** Of those flights, what their completed sales included together. */
  bought: Record<MediaMix, number>;
}

export interface BestOffer {
  code: string;
  label: string;
  priceCents: number;
}

export interface NonPurchaser {
  recordingId: string;
  passengerNames: string;
  flightAt: string;
  customerEmail: string | null;
  customerPhone: string | null;
  contactConsent: boolean;
  pilotName: string | null;
  staffMemberName: string | null;
  hasVideo: boolean;
  stillCount: number;
  airtourPhotoCount: number;
  /** The highest-priced bundle on sale that the flight can deliver now; null when it has nothing to sell yet. */
  bestOffer: BestOffer | null;
}

export interface CancelledFigures {
  count: number;
  cents: number;
}

export interface ReportKpis {
  flights: number;
  flightsSold: number;
  /** flightsSold / flights, 0–1; null with no flights (nothing to convert). */
  conversion: number | null;
  sales: number;
  revenueCents: number;
  /** revenueCents / sales, rounded to a cent; null with no sales. */
  averageOrderCents: number | null;
  /** The completed sales' list prices added up: what they would have brought in without any discount. */
  listPriceCents: number;
  /** What price rules took off those list prices. */
  ruleDiscountCents: number;
  /** What admins' manual changes took off on top (negative when they charged more). */
  manualDiscountCents: number;
  voided: CancelledFigures;
  refunded: CancelledFigures;
}

/** One price rule's part of the discounts, by the name its sales' receipts printed. */
export interface PriceRuleFigures {
  name: string;
  sales: number;
  discountCents: number;
}

export interface SalesReportView {
  from: string;
  to: string;
  days: number;
  /** The kiosk's currency: every money figure is in it. */
  currency: string;
  kpis: ReportKpis;
  byDay: DayFigures[];
  byWeek: WeekFigures[];
  /** Highest revenue first. */
  byBundle: BundleFigures[];
  /** Largest discount first. */
  byPriceRule: PriceRuleFigures[];
  byStaff: PersonFigures[];
  byPilot: PilotFigures[];
  byHour: HourFigures[];
  byWeekday: WeekdayFigures[];
  availability: AvailabilityRow[];
  nonPurchasers: {
    /** Every flight in the range without a completed sale. */
    total: number;
    /** Of those, the ones with something to sell now. */
    withOffer: number;
    /** The best offers added up: what following them up could bring in. */
    offerValueCents: number;
    /** Newest flight first, at most NON_PURCHASER_LIMIT. */
    items: NonPurchaser[];
  };
  /**
   * Completed sales recorded in another currency (the setting was changed): kept out of every money figure
   * above rather than added to the wrong money, and shown so the manager knows.
   */
  otherCurrencies: Array<{ currency: string; sales: number; revenueCents: number }>;
}

export interface ReportCsvFile {
  fileName: string;
  csv: string;
}

/** Completed sales in one currency. */
export interface MoneyFigures {
  currency: string;
  sales: number;
  revenueCents: number;
}

/**
 * One airfield of the fleet report, read from the central database: the figures its kiosk's own report shows
 * for the same days (its local days, in its time zone; its money in its currency).
 */
export interface FleetAirfield {
  /** The kiosk's station id in the central database. */
  stationId: string;
  name: string;
  /** IANA zone ('Europe/Zurich'): the airfield's days are its local days. */
  timeZone: string;
  /** The kiosk's currency: every money figure of the airfield is in it. */
  currency: string;
  kpis: ReportKpis;
  byDay: DayFigures[];
  nonPurchasers: { total: number; withOffer: number; offerValueCents: number };
  /**
   * Completed sales the kiosk recorded in another currency (its currency setting was changed), kept out of its
   * figures as its own report does; the fleet's totals of that currency count them.
   */
  otherCurrencies: Array<
    MoneyFigures & { byDay: Array<{ day: string; sales: number; revenueCents: number }> }
  >;
}

/**
 * The fleet's figures in one currency, never mixed with another: flights, sales and money of the airfields
 * selling in it, plus what other airfields recorded in it (their otherCurrencies).
 */
export interface FleetTotals extends PeriodFigures {
  currency: string;
  /** Airfields whose currency this is. */
  airfields: number;
  conversion: number | null;
  averageOrderCents: number | null;
  voided: CancelledFigures;
  refunded: CancelledFigures;
  /** Local days of the airfields added up day by day ('1 Dec' at each airfield is one day here). */
  byDay: DayFigures[];
}

export interface FleetReportView {
  from: string;
  to: string;
  days: number;
  /** By name. */
  airfields: FleetAirfield[];
  /** One per currency: the one most airfields sell in first. */
  totals: FleetTotals[];
  /** Every airfield's flights together (a flight has no currency). */
  flights: { flights: number; flightsSold: number; conversion: number | null };
}

export interface FleetReportStatus {
  /** A central database is set for this kiosk, so the report can show all airfields. */
  available: boolean;
}

export const reportsChannels = {
  'reports.sales': channel<SalesReportView>()({
    summary:
      'The sales report over local calendar days (inclusive, at most 366): flights, sales, revenue, conversion, breakdowns and the flights nobody bought.',
    input: reportRangeInput,
    access: ADMIN_ONLY,
    example: { from: '2026-11-03', to: '2026-12-02' },
  }),
  'reports.csv': channel<ReportCsvFile>()({
    summary:
      'One part of the sales report as a CSV file for a spreadsheet: every sale, the daily totals, or the non-purchasers.',
    input: reportCsvInput,
    access: ADMIN_ONLY,
    example: { from: '2026-11-03', to: '2026-12-02', kind: 'sales' },
  }),
  'reports.fleetStatus': channel<FleetReportStatus>()({
    summary: 'Whether this kiosk can show the report of all airfields (a central database is set).',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'reports.fleet': channel<FleetReportView>()({
    summary:
      'The sales report of every airfield of the fleet over local calendar days (inclusive, at most 366), read from the central database: per airfield and per currency.',
    input: reportRangeInput,
    access: ADMIN_ONLY,
    example: { from: '2026-11-03', to: '2026-12-02' },
  }),
};
