// The `bundles` and `sales` channels. Policy that depends on who is asking lives here or in the services
// below; the contract has already checked the shapes and the role.
import { localDay } from '../access/rules';
import { getBundle, listBundles, upsertBundle } from '../bundles/service';
import { signedInUser, type DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import { readRecordingDetail } from '../recordings/views';
import { bundleView, checkoutView, readyFlights, saleView, soldCounts } from './checkout';
import { listSales } from './list';
import { createSale, getCurrency, voidSale } from './service';

export type SaleHandlers = Pick<
  Handlers,
  | 'sales.list'
  | 'bundles.list'
  | 'bundles.save'
  | 'sales.ready'
  | 'sales.checkout'
  | 'sales.create'
  | 'sales.get'
  | 'sales.void'
>;

export function saleHandlers(data: DataAccess): SaleHandlers {
  const clock = () => ({ now: data.now(), utcOffsetMinutes: data.utcOffsetMinutes });
  return {
    'sales.list': (input, context) => listSales(data.db(), signedInUser(context), input),
    'bundles.list': async (input, context) => {
      const user = signedInUser(context);
      const db = data.db();
      const [rows, sold, currency] = await Promise.all([
        listBundles(db, { includeInactive: input.includeInactive && user.role === 'admin' }),
        soldCounts(db),
        getCurrency(db),
      ]);
      return { currency, bundles: rows.map((row) => bundleView(row, sold.get(row.code) ?? 0)) };
    },
    'bundles.save': async (input, context) => {
      const db = data.db();
      const row = await upsertBundle(
        db,
        {
          code: input.code,
          label: input.label,
          price_cents: input.priceCents,
          includes_video: input.includesVideo,
          includes_photos: input.includesPhotos,
          includes_airtour_photos: input.includesAirtourPhotos,
          active: input.active,
          ...(input.sortOrder === undefined ? {} : { sort_order: input.sortOrder }),
        },
        signedInUser(context).id,
      );
      return bundleView(row, (await soldCounts(db)).get(row.code) ?? 0);
    },
    'sales.ready': (input, context) => readyFlights(data.db(), signedInUser(context), input, clock()),
    'sales.checkout': (input, context) =>
      checkoutView(data.db(), signedInUser(context), input.recordingId, clock()),
    'sales.create': async (input, context) => {
      const user = signedInUser(context);
      const db = data.db();
      // The flight through the access rules first, so crew cannot sell a flight they may not see.
      const now = data.now();
      await readRecordingDetail(db, input.recordingId, user, localDay(now, data.utcOffsetMinutes(now)));
      if (user.role !== 'admin') {
        const bundle = await getBundle(db, input.bundle);
        if (input.amountCents !== undefined && input.amountCents !== bundle?.price_cents)
          throw new AppFailure('FORBIDDEN', 'Only an admin can change the amount. Ask one to sign in.');
        if (input.staffMemberId !== undefined && input.staffMemberId !== user.id)
          throw new AppFailure('FORBIDDEN', 'Only an admin can record a sale for someone else.');
      }
      const sale = await createSale(
        db,
        {
          recording_id: input.recordingId,
          bundle: input.bundle,
          payment_method: input.paymentMethod,
          ...(input.amountCents === undefined ? {} : { amount_cents: input.amountCents }),
          ...(input.priceChangeReason === undefined ? {} : { price_change_reason: input.priceChangeReason }),
          ...(input.staffMemberId === undefined ? {} : { staff_member: input.staffMemberId }),
          ...(input.customerEmail === undefined ? {} : { customer_email: input.customerEmail }),
          ...(input.customerPhone === undefined ? {} : { customer_phone: input.customerPhone }),
          sale_date: data.now().toISOString(),
        },
        user.id,
      );
      return saleView(db, user, sale.id);
    },
    'sales.get': (input, context) => saleView(data.db(), signedInUser(context), input.saleId),
    'sales.void': async (input, context) => {
      const user = signedInUser(context);
      const db = data.db();
      await voidSale(db, input.saleId, { reason: input.reason, status: input.status }, user.id);
      return saleView(db, user, input.saleId);
    },
  };
}
