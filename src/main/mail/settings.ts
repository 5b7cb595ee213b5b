// The SMTP account in mail_settings: saved with the password sealed in a SecretBox, shown without it, and
// opened (password in clear, in memory only) just for the sender. The box that sealed a password is stored
// beside it, so a kiosk that moved from the browser host to Electron still opens what it saved before.
import type { Kysely } from 'kysely';
import type { Database, MailSettings, SecretBoxKind } from '../../../db/schema';
import type { MailSettingsView, TlsMode } from '../../shared/mail';
import { DEFAULT_FOLLOW_UP_HOURS } from '../delivery/follow-up';
import { AppFailure } from '../errors';
import type { SecretBox } from './secret-box';

/** The boxes this kiosk can use; `preferred` seals new passwords. */
export interface SecretBoxes {
  preferred: SecretBox;
  all: SecretBox[];
}

/** A password as saved: sealed, and which kind of box sealed it. */
export interface SealedPassword {
  password_encrypted: Uint8Array | null;
  password_box: SecretBoxKind | null;
}

/**
 * Opens a saved password (null when none is saved), in memory only. `name` and `where` say in the error what it
 * was and where to type it again, when the box that sealed it cannot open it on this kiosk now.
 */
export async function openSealedPassword(
  boxes: SecretBoxes,
  sealed: SealedPassword,
  words: { name: string; where: string },
): Promise<string | null> {
  if (!sealed.password_encrypted || !sealed.password_box) return null;
  const box = boxes.all.find((candidate) => candidate.kind === sealed.password_box);
  if (!box) {
    throw new AppFailure(
      'CONFLICT',
      sealed.password_box === 'os-keychain'
        ? `The ${words.name} was saved in the computer’s keychain, which this kiosk cannot use now. Type the password again in ${words.where}.`
        : `The ${words.name} was saved with this kiosk’s key file, which is not available now. Type the password again in ${words.where}.`,
    );
  }
  try {
    return await box.decrypt(Buffer.from(sealed.password_encrypted));
  } catch (error) {
    throw new AppFailure('CONFLICT', (error as Error).message);
  }
}

export interface SmtpAccount {
  host: string;
  port: number;
  tls: TlsMode;
  user: string;
  password: string | null;
  from: string;
}

export interface MailSettingsInput {
  host: string;
  port: number;
  tls: TlsMode;
  user: string;
  password?: string | undefined;
  clearPassword?: boolean | undefined;
  from: string;
  followUpEnabled: boolean;
  followUpHours: number;
}

function view(row: MailSettings | undefined): MailSettingsView {
  if (!row) {
    return {
      configured: false,
      host: '',
      port: 587,
      tls: 'starttls',
      user: '',
      from: '',
      passwordSet: false,
      passwordKeptBy: null,
      followUpEnabled: true,
      followUpHours: DEFAULT_FOLLOW_UP_HOURS,
      updatedAt: null,
    };
  }
  return {
    configured: true,
    host: row.host,
    port: row.port,
    tls: row.tls_mode,
    user: row.username ?? '',
    from: row.from_address,
    passwordSet: row.password_encrypted !== null,
    passwordKeptBy: row.password_box,
    followUpEnabled: row.follow_up_enabled === 1,
    followUpHours: row.follow_up_hours,
    updatedAt: row.updated_at,
  };
}

const readRow = (db: Kysely<Database>) =>
  db.selectFrom('mail_settings').selectAll().where('id', '=', 1).executeTakeFirst();

export async function readMailSettings(db: Kysely<Database>): Promise<MailSettingsView> {
  return view(await readRow(db));
}

export async function saveMailSettings(
  db: Kysely<Database>,
  boxes: SecretBoxes,
  input: MailSettingsInput,
  by: string | null,
  now: Date,
): Promise<MailSettingsView> {
  const before = await readRow(db);
  let sealed: { password_encrypted: Buffer | null; password_box: SecretBoxKind | null } = {
    password_encrypted: before?.password_encrypted ?? null,
    password_box: before?.password_box ?? null,
  };
  if (input.clearPassword) sealed = { password_encrypted: null, password_box: null };
  else if (input.password !== undefined && input.password !== '') {
    sealed = {
      password_encrypted: await boxes.preferred.encrypt(input.password),
      password_box: boxes.preferred.kind,
    };
  }
  const row = {
    host: input.host,
    port: input.port,
    tls_mode: input.tls,
    username: input.user === '' ? null : input.user,
    from_address: input.from,
    ...sealed,
    follow_up_enabled: input.followUpEnabled ? (1 as const) : (0 as const),
    follow_up_hours: input.followUpHours,
    updated_by: by,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('mail_settings')
    .values({ id: 1, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
  return readMailSettings(db);
}

/** The account with its password opened, or null when none is saved. */
export async function readSmtpAccount(db: Kysely<Database>, boxes: SecretBoxes): Promise<SmtpAccount | null> {
  const row = await readRow(db);
  if (!row) return null;
  const password = await openSealedPassword(boxes, row, {
    name: 'mail password',
    where: 'Settings → E-mail',
  });
  return {
    host: row.host,
    port: row.port,
    tls: row.tls_mode,
    user: row.username ?? '',
    password,
    from: row.from_address,
  };
}
