// How the app puts the mail pieces together, so app.ts stays a list of services: the secret boxes (the OS
// keychain when the Electron host has one, the local key file always, for passwords it sealed earlier), the
// SMTP sender the outbox uses, and the admin's mail service.
import type { Logger } from 'pino';
import type { DataAccess } from '../data-access';
import { createLocalKeyBox, type SecretBox } from './secret-box';
import { createMailService, type MailService } from './service';
import { readSmtpAccount, type SecretBoxes } from './settings';
import { createSmtpSender, type SmtpSender } from './smtp-sender';

export interface MailWiring {
  boxes: SecretBoxes;
  sender: SmtpSender;
  /** The admin's service; `kickOutbox` wakes the outbox when the account changed. */
  service(kickOutbox: () => void): MailService;
}

export function wireMail(options: {
  data: DataAccess;
  dataDir: string;
  logger: Logger;
  /** The OS keychain (Electron's safeStorage); null or absent on the browser-kiosk host. */
  keychain?: SecretBox | null;
}): MailWiring {
  const { data, logger } = options;
  const local = createLocalKeyBox(options.dataDir);
  const boxes: SecretBoxes = options.keychain
    ? { preferred: options.keychain, all: [options.keychain, local] }
    : { preferred: local, all: [local] };
  const sender = createSmtpSender({ account: () => readSmtpAccount(data.db(), boxes), logger });
  return {
    boxes,
    sender,
    service: (kickOutbox) => createMailService({ data, boxes, sender, logger, kickOutbox }),
  };
}
