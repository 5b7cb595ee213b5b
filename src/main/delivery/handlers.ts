import { signedInUser } from '../data-access';
import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { DeliveryService } from './service';

export type DeliveryHandlers = Pick<
  Handlers,
  | 'delivery.targets'
  | 'delivery.copy'
  | 'delivery.createLink'
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
      'delivery.links': refuse,
      'delivery.revokeLink': refuse,
      'delivery.queueEmail': refuse,
      'delivery.outbox': refuse,
      'delivery.cancelEmail': refuse,
    };
  }
  return {
    'delivery.targets': (_input, context) => {
      signedInUser(context);
      return service.targets();
    },
    'delivery.copy': (input, context) => service.copy(input, signedInUser(context)),
    'delivery.createLink': (input, context) => service.createLink(input.saleId, signedInUser(context)),
    'delivery.links': (input, context) => service.links(input.saleId, signedInUser(context)),
    'delivery.revokeLink': (input, context) => service.revokeLink(input.linkId, signedInUser(context)),
    'delivery.queueEmail': (input, context) => service.queueEmail(input, signedInUser(context)),
    'delivery.outbox': (input, context) => service.outbox(input, signedInUser(context)),
    'delivery.cancelEmail': (input, context) => service.cancelEmail(input.id, signedInUser(context)),
  };
}
