// The `mail` area (admin): the SMTP account the outbox sends e-mail with, the follow-up to passengers who did
// not buy, and "Send a test". The password goes in and never comes back out: screens only learn whether one
// is set and where it is kept.
import { z } from 'zod';
import { ADMIN_ONLY, channel } from './define';

export const TLS_MODES = ['none', 'starttls', 'tls'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** The port each way of securing the connection usually uses. */
export const DEFAULT_PORTS: Record<TlsMode, number> = { none: 25, starttls: 587, tls: 465 };

export interface MailSettingsView {
  /** False until an admin saved an account; the other fields are then the defaults. */
  configured: boolean;
  host: string;
  port: number;
  tls: TlsMode;
  user: string;
  from: string;
  passwordSet: boolean;
  /** Where the password is kept: the computer's keychain, or the kiosk's own key file. */
  passwordKeptBy: 'os-keychain' | 'local-key' | null;
  followUpEnabled: boolean;
  followUpHours: number;
  updatedAt: string | null;
}

export interface MailTestResult {
  /** What the mail server answered when it took the message, e.g. "250 2.0.0 Ok: queued as 4F2A". */
  serverAnswer: string;
  recipient: string;
}

const plainText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `The ${label} can be at most ${max} characters.`)
    .regex(/^[^\p{Cc}]*$/u, `The ${label} cannot hold control characters.`);

const address = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'That is not an e-mail address.');

export const mailChannels = {
  'mail.settings': channel<MailSettingsView>()({
    summary: 'The SMTP account e-mails are sent with (never its password) and the follow-up rule.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'mail.saveSettings': channel<MailSettingsView>()({
    summary:
      'Saves the SMTP account and the follow-up rule; the password is encrypted, and kept as it was when none is typed.',
    input: z.strictObject({
      host: plainText('server name', 253)
        .min(1, 'Type the mail server’s name, for example smtp.example.com.')
        .regex(
          /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/,
          'The server name is letters, digits, dots and dashes.',
        ),
      port: z.number().int().min(1, 'The port is 1 to 65535.').max(65535, 'The port is 1 to 65535.'),
      tls: z.enum(TLS_MODES),
      user: plainText('user name', 254),
      /** Absent: keep the stored one. */
      password: z.string().max(500, 'The password can be at most 500 characters.').optional(),
      /** Removes the stored password (an account without sign-in). */
      clearPassword: z.boolean().optional(),
      from: address,
      followUpEnabled: z.boolean(),
      followUpHours: z
        .number()
        .int()
        .min(1)
        .max(336, 'The follow-up is sent at most 14 days (336 hours) later.'),
    }),
    access: ADMIN_ONLY,
    // A server on this computer: the tests call every channel with its example (mail.sendTest then tries it),
    // and must not look up or reach another machine.
    example: {
      host: '127.0.0.1',
      port: 587,
      tls: 'starttls',
      user: 'kiosk@example.com',
      password: 'example-password',
      from: 'kiosk@example.com',
      followUpEnabled: true,
      followUpHours: 24,
    },
  }),
  'mail.sendTest': channel<MailTestResult>()({
    summary: 'Sends a short test e-mail with the saved account now, and says what the mail server answered.',
    input: z.strictObject({ to: address }),
    access: ADMIN_ONLY,
    example: { to: 'manager@example.com' },
  }),
};
