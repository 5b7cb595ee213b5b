// The `sales` channels. Who may charge what is the service's rule (checkSaleTerms); the contract has already
// checked the shapes and the role.
import { kioskToday, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { readRecordingDetail } from '../recordings/views';
import { checkoutView, readyFlights, saleView } from './checkout';
import { listSales } from './list';
import { createSale, voidSale } from './service';

export type SalesHandlers = Pick<
  Handlers,
  'sales.list' | 'sales.ready' | 'sales.checkout' | 'sales.create' | 'sales.get' | 'sales.void'
>;

export function salesHandlers(data: DataAccess): SalesHandlers {
  const clock = () => ({ now: data.now(), utcOffsetMinutes: data.utcOffsetMinutes });
  return {
    'sales.list': (input, context) => listSales(data.db(), context.user, input),
    'sales.ready': (input, context) => readyFlights(data.db(), context.user, input, clock()),
    'sales.checkout': (input, context) => checkoutView(data.db(), context.user, input.recordingId, clock()),
    'sales.create': async (input, context) => {
      const user = context.user;
      const db = data.db();
      // The flight through the access rules first, so crew cannot sell a flight they may not see.
      await readRecordingDetail(db, input.recordingId, user, kioskToday(data));
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
          ...(input.quotedPriceCents === undefined ? {} : { quoted_price_cents: input.quotedPriceCents }),
          sale_date: data.now().toISOString(),
        },
        user,
        data.utcOffsetMinutes,
      );
      return saleView(db, user, sale.id);
    },
    'sales.get': (input, context) => saleView(data.db(), context.user, input.saleId),
    'sales.void': async (input, context) => {
      const user = context.user;
      const db = data.db();
      await voidSale(db, input.saleId, { reason: input.reason, status: input.status }, user.id);
      return saleView(db, user, input.saleId);
    },
  };
}
