import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { DeliveryService } from './service';

export type DeliveryHandlers = Pick<
  Handlers,
  | 'delivery.targets'
  | 'delivery.copy'
  | 'delivery.createLink'
  | 'delivery.showLink'
  | 'delivery.clearCustomerScreen'
  | 'delivery.links'
  | 'delivery.revokeLink'
  | 'delivery.queueEmail'
  | 'delivery.outbox'
  | 'delivery.cancelEmail'
>;

const NO_DELIVERY = 'Delivery is not available on this kiosk host. Restart the kiosk app.';

/** Without a delivery service (a host whose database did not open, some tests) the channels say so. */
export function deliveryHandlers(service: DeliveryService | undefined): DeliveryHandlers {
  if (!service) {
    const refuse = async (): Promise<never> => {
      throw new AppFailure('UNAVAILABLE', NO_DELIVERY);
    };
    return {
      'delivery.targets': refuse,
      'delivery.copy': refuse,
      'delivery.createLink': refuse,
      'delivery.showLink': refuse,
      'delivery.clearCustomerScreen': refuse,
      'delivery.links': refuse,
      'delivery.revokeLink': refuse,
      'delivery.queueEmail': refuse,
      'delivery.outbox': refuse,
      'delivery.cancelEmail': refuse,
    };
  }
  return {
    'delivery.targets': () => service.targets(),
    'delivery.copy': (input, context) => service.copy(input, context.user),
    'delivery.createLink': (input, context) => service.createLink(input.saleId, context.user),
    'delivery.showLink': (input, context) => service.showLink(input.saleId, context.user),
    'delivery.clearCustomerScreen': async () => service.clearCustomerScreen(),
    'delivery.links': (input, context) => service.links(input.saleId, context.user),
    'delivery.revokeLink': (input, context) => service.revokeLink(input.linkId, context.user),
    'delivery.queueEmail': (input, context) => service.queueEmail(input, context.user),
    'delivery.outbox': (input, context) => service.outbox(input, context.user),
    'delivery.cancelEmail': (input, context) => service.cancelEmail(input.id, context.user),
  };
}
