// What the sales screens show: the flights ready to sell, one flight at checkout, and a sale with its receipt.
// Rows are read through the same access rules as everywhere else (access/rules.ts): crew sell the flights they
// may open and see the sales they made; admins see all.
import type { Kysely } from 'kysely';
import type { Bundle, Database } from '../../../db/schema';
import type { BundleOffer, CheckoutView, ReadyFlight, SaleView } from '../../shared/sales';
import type { BundleView } from '../../shared/bundles';
import { localDay, type Viewer } from '../access/rules';
import { listBundles } from '../bundles/service';
import { quoteFlight } from '../pricing/quote';
import { AppFailure } from '../errors';
import { posterPathOf } from '../exports/jobs';
import { mediaUrl } from '../media/url';
import { listRecordings, type KioskClock } from '../recordings/list';
import { readRecordingDetail } from '../recordings/views';
import { readRoster } from '../users/roster';
import { readKioskSettings } from '../settings/service';
import { visibleSalesQuery } from './list';
import { bundleUnavailable, flightDeliverables, missingForBundle, type FlightDeliverables } from './files';
import { getCurrency } from './service';

export function bundleView(row: Bundle, soldCount = 0): BundleView {
  return {
    code: row.code,
    label: row.label,
    priceCents: row.price_cents,
    includesVideo: row.includes_video === 1,
    includesPhotos: row.includes_photos === 1,
    includesAirtourPhotos: row.includes_airtour_photos === 1,
    active: row.active === 1,
    sortOrder: row.sort_order,
    soldCount,
  };
}

/** Completed sales per bundle code, for the catalogue screen. */
export async function soldCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('sales')
    .select((eb) => ['bundle', eb.fn.countAll<number>().as('sold')])
    .where('status', '=', 'completed')
    .groupBy('bundle')
    .execute();
  return new Map(rows.map((row) => [row.bundle, Number(row.sold)]));
}

/**
 * Unsold flights with footage, newest flight first, for the sales screen. The dashboard's own list (same rules,
 * same poster) narrowed to filmed flights, with each one's video and photo counts.
 */
export async function readyFlights(
  db: Kysely<Database>,
  viewer: Viewer,
  input: { search?: string | undefined; limit: number },
  clock: KioskClock,
): Promise<ReadyFlight[]> {
  const page = await listRecordings(
    db,
    viewer,
    { limit: input.limit, offset: 0, status: 'unsold', ...(input.search ? { search: input.search } : {}) },
    clock,
  );
  // The dashboard puts today's flights first; the desk wants the one that just landed on top.
  const filmed = page.items
    .filter((item) => item.recordedSceneCount > 0)
    .sort((a, b) => b.flightAt.localeCompare(a.flightAt));
  const contacts = filmed.length
    ? await db
        .selectFrom('flight_recordings')
        .select(['id', 'customer_email', 'customer_phone'])
        .where(
          'id',
          'in',
          filmed.map((item) => item.id),
        )
        .execute()
    : [];
  const contactOf = new Map(contacts.map((row) => [row.id, row]));
  return Promise.all(
    filmed.map(async (item) => {
      const deliverables = await flightDeliverables(db, item.id);
      const contact = contactOf.get(item.id);
      return readyFlight(
        {
          recordingId: item.id,
          passengerNames: item.passengerNames,
          flightAt: item.flightAt,
          pilotName: item.pilotName,
          staffMemberName: item.staffMemberName,
          posterUrl: item.videoPosterUrl ?? item.posterUrl,
          customerEmail: contact?.customer_email ?? null,
          customerPhone: contact?.customer_phone ?? null,
        },
        deliverables,
      );
    }),
  );
}

function readyFlight(
  flight: Omit<ReadyFlight, 'videoUrl' | 'stillCount' | 'airtourPhotoCount'>,
  deliverables: FlightDeliverables,
): ReadyFlight {
  return {
    ...flight,
    videoUrl: deliverables.video ? mediaUrl(deliverables.video.path) : null,
    stillCount: deliverables.stills.length,
    airtourPhotoCount: deliverables.airtourPhotos.length,
  };
}

/** One flight at checkout: everything the screen needs in one call. */
export async function checkoutView(
  db: Kysely<Database>,
  viewer: Viewer,
  recordingId: string,
  clock: KioskClock,
): Promise<CheckoutView> {
  const today = localDay(clock.now, clock.utcOffsetMinutes(clock.now));
  // The flight as the viewer may open it (NOT_FOUND otherwise), then what checkout adds to it.
  const recording = await readRecordingDetail(db, recordingId, viewer, today);
  const [deliverables, bundles, roster, currency, sales] = await Promise.all([
    flightDeliverables(db, recordingId),
    listBundles(db),
    readRoster(db),
    getCurrency(db),
    saleViews(db, viewer, { recordingId }),
  ]);
  const staff = roster.staff.map(({ id, name }) => ({ id, name }));
  const videoPoster = deliverables.video ? mediaUrl(posterPathOf(deliverables.video.path)) : null;
  const quotes = await quoteFlight(db, recordingId, bundles, clock.utcOffsetMinutes);
  const offers: BundleOffer[] = bundles.map((row) => ({
    ...bundleView(row),
    missing: missingForBundle(deliverables, row),
    unavailable: bundleUnavailable(deliverables, row),
    quote: quotes?.get(row.code) ?? {
      listPriceCents: row.price_cents,
      discountCents: 0,
      priceCents: row.price_cents,
      ruleId: null,
      ruleLabel: null,
    },
  }));
  return {
    flight: readyFlight(
      {
        recordingId: recording.id,
        passengerNames: recording.passengerNames,
        flightAt: recording.flightAt,
        pilotName: recording.pilotName,
        staffMemberName: recording.staffMemberName,
        posterUrl: videoPoster,
        customerEmail: recording.customerEmail,
        customerPhone: recording.customerPhone,
      },
      deliverables,
    ),
    sold: recording.sold,
    bundles: offers,
    // Crew sell as themselves (they see only the sales they made); an admin may record a sale for anyone.
    staff: viewer.role === 'admin' ? staff : staff.filter((person) => person.id === viewer.id),
    currency,
    sales,
  };
}

/** Sales with their receipt details, newest first, as the viewer may see them. */
export async function saleViews(
  db: Kysely<Database>,
  viewer: Viewer,
  filter: { recordingId?: string; saleId?: string },
): Promise<SaleView[]> {
  const [rows, settings] = await Promise.all([
    visibleSalesQuery(db, viewer, filter.recordingId)
      .leftJoin('users as pilot', 'pilot.id', 'r.pilot_id')
      .select([
        's.id',
        's.recording_id',
        'r.passenger_names',
        'r.flight_at',
        'pilot.name as pilot_name',
        's.bundle',
        'b.label as bundle_label',
        'b.includes_video',
        'b.includes_photos',
        'b.includes_airtour_photos',
        's.amount_cents',
        's.list_price_cents',
        's.discount_cents',
        's.price_rule_name',
        's.price_change_reason',
        's.currency',
        's.payment_method',
        's.staff_member',
        'staff.name as staff_name',
        's.customer_email',
        's.customer_phone',
        's.status',
        's.void_reason',
        's.sale_date',
      ])
      .$if(filter.saleId !== undefined, (qb) => qb.where('s.id', '=', filter.saleId ?? ''))
      .orderBy('s.sale_date', 'desc')
      .orderBy('s.id')
      .execute(),
    readKioskSettings(db),
  ]);
  return rows.map((row) => ({
    id: row.id,
    receiptNumber: row.id.slice(0, 8).toUpperCase(),
    recordingId: row.recording_id,
    passengerNames: row.passenger_names,
    flightAt: row.flight_at,
    pilotName: row.pilot_name,
    bundle: row.bundle,
    bundleLabel: row.bundle_label,
    includesVideo: row.includes_video === 1,
    includesPhotos: row.includes_photos === 1,
    includesAirtourPhotos: row.includes_airtour_photos === 1,
    amountCents: row.amount_cents,
    listPriceCents: row.list_price_cents,
    discountCents: row.discount_cents,
    priceRuleName: row.price_rule_name,
    priceChangeReason: manuallyChanged(row) ? row.price_change_reason : null,
    currency: row.currency,
    paymentMethod: row.payment_method,
    staffMemberId: row.staff_member,
    staffMemberName: row.staff_name,
    customerEmail: row.customer_email,
    customerPhone: row.customer_phone,
    status: row.status,
    voidReason: row.void_reason,
    saleDate: row.sale_date,
    operatorName: settings.operatorName,
  }));
}

/**
 * Whether an admin charged another amount than the price: a rule's sale carries the rule's text in
 * price_change_reason too (see migration 11), so the reason is the admin's only when the amount is not
 * the list price less the rule's discount.
 */
function manuallyChanged(row: {
  amount_cents: number;
  list_price_cents: number | null;
  discount_cents: number;
}) {
  return row.list_price_cents !== null && row.amount_cents !== row.list_price_cents - row.discount_cents;
}

/** One sale the viewer may see, or NOT_FOUND (a crew member asking for another's sale learns nothing). */
export async function saleView(db: Kysely<Database>, viewer: Viewer, saleId: string): Promise<SaleView> {
  const [sale] = await saleViews(db, viewer, { saleId });
  if (!sale) throw new AppFailure('NOT_FOUND', 'That sale is not on this kiosk, or not one you made.');
  return sale;
}
