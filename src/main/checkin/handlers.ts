// The `checkin` channels. The passenger ones (form, submit) are public: the service refuses them without a live
// check-in screen's device token.
import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { CheckinService } from './service';

export type CheckinHandlers = Pick<
  Handlers,
  | 'checkin.lockScreen'
  | 'checkin.unlockScreen'
  | 'checkin.screens'
  | 'checkin.stopScreens'
  | 'checkin.form'
  | 'checkin.submit'
  | 'checkin.waiting'
  | 'checkin.unsignedFlights'
  | 'checkin.convert'
  | 'checkin.dismiss'
  | 'checkin.waivers'
  | 'checkin.publishWaiver'
>;

const NO_CHECKIN =
  'Passenger check-in is not available because the kiosk database is not open. The home screen says why; tell a manager.';

/** Without a check-in service (a host whose database did not open, some tests) the channels say so. */
export function checkinHandlers(service: CheckinService | undefined): CheckinHandlers {
  if (!service) {
    const refuse = async (): Promise<never> => {
      throw new AppFailure('UNAVAILABLE', NO_CHECKIN);
    };
    return {
      'checkin.lockScreen': refuse,
      'checkin.unlockScreen': refuse,
      'checkin.screens': refuse,
      'checkin.stopScreens': refuse,
      'checkin.form': refuse,
      'checkin.submit': refuse,
      'checkin.waiting': refuse,
      'checkin.unsignedFlights': refuse,
      'checkin.convert': refuse,
      'checkin.dismiss': refuse,
      'checkin.waivers': refuse,
      'checkin.publishWaiver': refuse,
    };
  }
  return {
    'checkin.lockScreen': (_input, context) => service.lockScreen(context.user, context.session),
    'checkin.unlockScreen': (input, context) => service.unlockScreen(input.deviceToken, context.user),
    'checkin.screens': () => service.screens(),
    'checkin.stopScreens': (_input, context) => service.stopScreens(context.user),
    'checkin.form': (input) => service.form(input.deviceToken),
    'checkin.submit': (input) => service.submit(input),
    'checkin.waiting': () => service.waiting(),
    'checkin.unsignedFlights': (_input, context) => service.unsignedFlights(context.user),
    'checkin.convert': (input, context) => service.convert(input, context.user),
    'checkin.dismiss': (input, context) => service.dismiss(input.id, context.user),
    'checkin.waivers': () => service.waivers(),
    'checkin.publishWaiver': (input, context) => service.publishWaiver(input.text, context.user),
  };
}
