// The outbox's SMTP sender (nodemailer): a connection made from the saved account for each message, so a
// changed setting applies to the next e-mail without a restart. ready() asks the server (connect, greet, sign
// in) at most once a minute; errors become sentences an admin can act on, without the password in them.
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Logger } from 'pino';
import type { OutboxMessage, OutboxSender } from '../delivery/outbox';
import type { SmtpAccount } from './settings';

export const READY_CHECK_MS = 60_000;

export interface SmtpSenderOptions {
  /** The saved account with its password opened, or null when none is saved; may throw in plain words. */
  account(): Promise<SmtpAccount | null>;
  logger: Logger;
  now?: () => number;
  /** Connection, greeting and socket timeouts (tests make them short). */
  timeoutMs?: number;
  /**
   * Certificate authorities (PEM) trusted besides the system's: a test's own CA. Certificates are always
   * checked; nothing here turns the check off.
   */
  trustedCertificates?: string;
}

export interface SmtpSender extends OutboxSender {
  /** Sends a short message now, bypassing the outbox; resolves with the server's answer. */
  sendTest(to: string): Promise<string>;
  /** Forgets the last reachability check (after the account was changed). */
  forget(): void;
}

function transportFor(account: SmtpAccount, timeoutMs: number, ca?: string) {
  const options: SMTPTransport.Options = {
    host: account.host,
    port: account.port,
    secure: account.tls === 'tls',
    requireTLS: account.tls === 'starttls',
    ignoreTLS: account.tls === 'none',
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 4,
    disableUrlAccess: true,
    ...(ca ? { tls: { ca: [...tls.rootCertificates, ca] } } : {}),
    logger: false,
    debug: false,
    ...(account.user ? { auth: { user: account.user, pass: account.password ?? '' } } : {}),
  };
  return nodemailer.createTransport(options);
}

interface MailError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** What went wrong, in words for the admin or the crew; the server's own words are kept where they help. */
export function plainMailError(error: unknown, account: Pick<SmtpAccount, 'host' | 'port'>): string {
  const e = (error ?? {}) as MailError & { cause?: MailError };
  const where = `${account.host}:${account.port}`;
  const server = e.response ? ` The server said: ${e.response.slice(0, 200)}` : '';
  const low = `${e.code ?? ''} ${e.message ?? ''}`;
  if (e.code === 'EAUTH') return 'The mail server refused the password. Check the user and password.';
  if (e.code === 'ENOAUTH') return 'The mail server needs a user and password. Type them, then save.';
  if (e.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(low))
    return `The mail server ${account.host} was not found. Check its name, and that the kiosk is online.`;
  if (e.code === 'ETIMEDOUT' || /ETIMEDOUT|timeout/i.test(low))
    return `The mail server ${where} did not answer in time. Check the server name and port, and that the kiosk is online.`;
  if (e.code === 'ETLS' || /TLS|SSL|wrong version number|certificate/i.test(low))
    return `A secure connection to ${where} failed. Check the security setting: STARTTLS usually uses port 587, TLS port 465.`;
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || /ECONNREFUSED|ECONNRESET|EHOSTUNREACH/.test(low))
    return `The kiosk could not reach the mail server ${where}. Check the server name and port, and that the kiosk is online.`;
  if (e.code === 'EENVELOPE') return `The mail server refused the sender or recipient address.${server}`;
  if (e.responseCode && e.responseCode >= 400 && e.responseCode < 500)
    return `The mail server could not take the message now; it is tried again later.${server}`;
  if (e.responseCode && e.responseCode >= 500) return `The mail server refused the message.${server}`;
  return `The e-mail could not be sent: ${(e.message ?? String(error)).slice(0, 200)}`;
}

export function createSmtpSender(options: SmtpSenderOptions): SmtpSender {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 20_000;
  let checked: { at: number; ok: boolean } | null = null;

  async function deliver(
    account: SmtpAccount,
    mail: { to: string; subject: string; text: string; messageId?: string; files?: OutboxMessage['files'] },
  ): Promise<string> {
    const transport = transportFor(account, timeoutMs, options.trustedCertificates);
    try {
      const info = await transport.sendMail({
        from: account.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        attachments: (mail.files ?? []).map((file) => ({ filename: file.name, path: file.path })),
      });
      if (info.rejected.length > 0)
        throw Object.assign(new Error('recipient refused'), { code: 'EENVELOPE', response: info.response });
      return info.response;
    } catch (error) {
      throw new Error(plainMailError(error, account), { cause: error });
    } finally {
      transport.close();
    }
  }

  async function accountOrThrow(): Promise<SmtpAccount> {
    const account = await options.account();
    if (!account) throw new Error('No mail server is set up. An admin sets one up in Settings → E-mail.');
    return account;
  }

  return {
    name: 'SMTP',
    async ready() {
      if (checked && now() - checked.at < READY_CHECK_MS) return checked.ok;
      let ok = false;
      try {
        const account = await options.account();
        if (account) {
          const transport = transportFor(account, timeoutMs, options.trustedCertificates);
          try {
            ok = await transport.verify();
          } finally {
            transport.close();
          }
        }
      } catch (error) {
        logger.info({ reason: (error as Error).message }, 'mail server not reachable now');
        ok = false;
      }
      checked = { at: now(), ok };
      return ok;
    },
    async send(message) {
      const account = await accountOrThrow();
      try {
        const response = await deliver(account, {
          to: message.recipient,
          subject: message.subject,
          text: message.body,
          messageId: message.messageId,
          files: message.files,
        });
        return { response };
      } catch (error) {
        // Unreachable now: the next ready() asks the server again instead of trusting the old answer.
        checked = null;
        throw error;
      }
    },
    async sendTest(to) {
      const account = await accountOrThrow();
      return deliver(account, {
        to,
        subject: 'MagnumStream test e-mail',
        text: [
          'This is a test from the MagnumStream kiosk.',
          '',
          `It was sent through ${account.host}:${account.port}. If you read this, customers' e-mails will go out.`,
        ].join('\n'),
      });
    },
    forget() {
      checked = null;
    },
  };
}
