// The admin's e-mail setup: read and save the SMTP account (the password only ever goes in), and send a test
// through it. Saving forgets the sender's last reachability check and wakes the outbox, so e-mails that were
// waiting for an account leave at once.
import type { Logger } from 'pino';
import type { MailSettingsView, MailTestResult } from '../../shared/mail';
import { writeAuditLog } from '../../../db/audit';
import type { DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import { readMailSettings, saveMailSettings, type MailSettingsInput, type SecretBoxes } from './settings';
import type { SmtpSender } from './smtp-sender';

export interface MailServiceOptions {
  data: DataAccess;
  boxes: SecretBoxes;
  sender: Pick<SmtpSender, 'sendTest' | 'forget'>;
  logger: Logger;
  /** Wakes the outbox after the account changed. */
  kickOutbox?: () => void;
}

export interface MailService {
  settings(): Promise<MailSettingsView>;
  saveSettings(input: MailSettingsInput, by: string): Promise<MailSettingsView>;
  sendTest(to: string, by: string): Promise<MailTestResult>;
}

export function createMailService(options: MailServiceOptions): MailService {
  const { data, boxes, sender, logger } = options;
  return {
    settings: () => readMailSettings(data.db()),
    async saveSettings(input, by) {
      // Which fields changed, never their values: the password must not reach the log or the audit trail.
      const saved = await data
        .db()
        .transaction()
        .execute(async (trx) => {
          const before = await readMailSettings(trx);
          const after = await saveMailSettings(trx, boxes, input, by, data.now());
          const summary = (settings: MailSettingsView) => ({
            host: settings.host,
            port: settings.port,
            tls: settings.tls,
            user: settings.user,
            from: settings.from,
            passwordSet: settings.passwordSet,
            followUpEnabled: settings.followUpEnabled,
            followUpHours: settings.followUpHours,
          });
          await writeAuditLog(trx, {
            userId: by,
            action: 'mail.settings_saved',
            entityType: 'mail_settings',
            entityId: '1',
            before: before.configured ? summary(before) : null,
            after: { ...summary(after), passwordChanged: !!input.password || !!input.clearPassword },
          });
          return after;
        });
      sender.forget();
      logger.info({ by, host: saved.host, port: saved.port, tls: saved.tls }, 'mail settings saved');
      options.kickOutbox?.();
      return saved;
    },
    async sendTest(to, by) {
      const settings = await readMailSettings(data.db());
      if (!settings.configured) {
        throw new AppFailure('CONFLICT', 'Save the mail server first, then send a test.');
      }
      try {
        const serverAnswer = await sender.sendTest(to);
        logger.info({ by }, 'mail test sent');
        return { serverAnswer, recipient: to };
      } catch (error) {
        logger.info({ by, reason: (error as Error).message }, 'mail test failed');
        throw new AppFailure('UNAVAILABLE', (error as Error).message);
      }
    },
  };
}
