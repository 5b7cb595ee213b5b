import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { MailService } from './service';

export type MailHandlers = Pick<Handlers, 'mail.settings' | 'mail.saveSettings' | 'mail.sendTest'>;

const NO_MAIL = 'E-mail setup is not available on this kiosk host. Restart the kiosk app.';

/** Without a mail service (a host whose database did not open, some tests) the channels say so. */
export function mailHandlers(service: MailService | undefined): MailHandlers {
  if (!service) {
    const refuse = async (): Promise<never> => {
      throw new AppFailure('UNAVAILABLE', NO_MAIL);
    };
    return { 'mail.settings': refuse, 'mail.saveSettings': refuse, 'mail.sendTest': refuse };
  }
  return {
    'mail.settings': () => service.settings(),
    'mail.saveSettings': (input, context) => service.saveSettings(input, context.user.id),
    'mail.sendTest': (input, context) => service.sendTest(input.to, context.user.id),
  };
}
