// The admin's e-mail channels behind the real dispatcher (roles and input checks apply), with a real SMTP
// server for "Send a test": the password goes in, never comes out, and never reaches the log or the audit trail.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { Result } from '../../shared/errors';
import type { MailSettingsView, MailTestResult } from '../../shared/mail';
import { createDataAccess } from '../data-access';
import { createDispatcher, type SessionUser } from '../ipc/dispatch';
import { handlersWith, valueOf } from '../ipc/test-support';
import { mailHandlers } from './handlers';
import { createLocalKeyBox } from './secret-box';
import { createMailService } from './service';
import { readSmtpAccount, type SecretBoxes } from './settings';
import { createSmtpSender } from './smtp-sender';
import { startTestSmtpServer, type TestSmtpServer } from './test-support';

const PASSWORD = 'Kestrel-Over-Ridge-42';
let t: TempDatabase | undefined;
let server: TestSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  await t?.dispose();
  server = undefined;
  t = undefined;
});

async function openMailBench() {
  t = await openTempDatabase();
  server = await startTestSmtpServer({ user: 'kiosk', password: PASSWORD });
  const f = fixtures(t.sqlite);
  const admin: SessionUser = {
    id: f.user({ name: 'Maria Lopez', role: 'admin' }).id,
    name: 'Maria Lopez',
    role: 'admin',
  };
  const crew: SessionUser = {
    id: f.user({ name: 'Tom Reed', role: 'crew' }).id,
    name: 'Tom Reed',
    role: 'crew',
  };
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(line) });
  const data = createDataAccess({ handle: t }, { now: () => new Date('2026-12-02T10:00:00.000Z') });
  const box = createLocalKeyBox(t.dir);
  const boxes: SecretBoxes = { preferred: box, all: [box] };
  const sender = createSmtpSender({
    account: () => readSmtpAccount(data.db(), boxes),
    logger,
    timeoutMs: 3_000,
  });
  let kicked = 0;
  const service = createMailService({ data, boxes, sender, logger, kickOutbox: () => (kicked += 1) });
  const users = new Map([
    ['admin', admin],
    ['crew', crew],
  ]);
  const dispatch = createDispatcher({
    handlers: handlersWith(mailHandlers(service)),
    logger,
    resolveUser: (session) => users.get(session) ?? null,
  });
  const call = async <T>(channel: string, input: unknown, session = 'admin') =>
    (await dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;
  const value = async <T>(channel: string, input: unknown, session = 'admin') =>
    valueOf(await call<T>(channel, input, session));
  const account = {
    host: '127.0.0.1',
    port: server.port,
    tls: 'none',
    user: 'kiosk',
    password: PASSWORD,
    from: 'kiosk@airfield.example',
    followUpEnabled: true,
    followUpHours: 24,
  };
  return { t, server, call, value, logs, account, kicked: () => kicked };
}

describe('the mail channels', () => {
  it('are for admins only', async () => {
    const b = await openMailBench();
    for (const [channel, input] of [
      ['mail.settings', {}],
      ['mail.saveSettings', b.account],
      ['mail.sendTest', { to: 'a@example.com' }],
    ] as const) {
      const result = await b.call(channel, input, 'crew');
      expect(result.ok ? 'ok' : result.error.code, channel).toBe('FORBIDDEN');
    }
  });

  it('say passwordSet instead of the password, keep it when none is typed, and clear it when asked', async () => {
    const b = await openMailBench();
    expect(await b.value<MailSettingsView>('mail.settings', {})).toMatchObject({
      configured: false,
      passwordSet: false,
    });
    const saved = await b.value<MailSettingsView>('mail.saveSettings', b.account);
    expect(saved).toMatchObject({
      configured: true,
      passwordSet: true,
      passwordKeptBy: 'local-key',
      port: b.server.port,
    });
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    expect(b.kicked()).toBe(1);
    const { password: _typed, ...withoutPassword } = b.account;
    await b.value('mail.saveSettings', { ...withoutPassword, followUpHours: 48 });
    expect(await b.value<MailSettingsView>('mail.settings', {})).toMatchObject({
      passwordSet: true,
      followUpHours: 48,
    });
    expect(
      (await b.value<MailTestResult>('mail.sendTest', { to: 'maria@example.com' })).serverAnswer,
    ).toMatch(/^250 /);
    await b.value('mail.saveSettings', { ...withoutPassword, clearPassword: true });
    expect(await b.value<MailSettingsView>('mail.settings', {})).toMatchObject({ passwordSet: false });
  });

  it('sends a test and shows the server’s answer', async () => {
    const b = await openMailBench();
    await b.value('mail.saveSettings', b.account);
    const result = await b.value<MailTestResult>('mail.sendTest', { to: 'maria@example.com' });
    expect(result).toEqual({
      recipient: 'maria@example.com',
      serverAnswer: expect.stringContaining('queued as Q1'),
    });
    expect(b.server.accepted).toHaveLength(1);
    expect(b.server.accepted[0]!.to).toEqual(['maria@example.com']);
    expect(b.server.accepted[0]!.raw).toMatch(/^Subject: MagnumStream test e-mail/m);
  });

  it('says in plain words when the password is wrong, the server cannot be reached, or nothing is saved yet', async () => {
    const b = await openMailBench();
    const first = await b.call('mail.sendTest', { to: 'maria@example.com' });
    expect(!first.ok && first.error).toMatchObject({
      code: 'CONFLICT',
      message: 'Save the mail server first, then send a test.',
    });
    await b.value('mail.saveSettings', { ...b.account, password: 'Not-The-Password' });
    const refused = await b.call('mail.sendTest', { to: 'maria@example.com' });
    expect(!refused.ok && refused.error.message).toBe(
      'The mail server refused the password. Check the user and password.',
    );
    await b.server.close();
    server = undefined;
    const unreachable = await b.call('mail.sendTest', { to: 'maria@example.com' });
    expect(!unreachable.ok && unreachable.error.message).toMatch(
      /could not reach the mail server 127\.0\.0\.1:\d+/,
    );
  });

  it('refuses a server name with spaces or a port out of range before saving anything', async () => {
    const b = await openMailBench();
    for (const change of [
      { host: 'smtp example.com' },
      { port: 0 },
      { port: 70000 },
      { from: 'not an address' },
    ]) {
      const result = await b.call('mail.saveSettings', { ...b.account, ...change });
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(change)).toBe('VALIDATION');
    }
    expect(await b.value<MailSettingsView>('mail.settings', {})).toMatchObject({ configured: false });
  });

  it('keeps the password out of the log and the audit trail', async () => {
    const b = await openMailBench();
    await b.value('mail.saveSettings', b.account);
    await b.value('mail.sendTest', { to: 'maria@example.com' });
    await b.call('mail.saveSettings', { ...b.account, password: 'Second-Secret-99' });
    await b.call('mail.sendTest', { to: 'maria@example.com' });
    await b.call('mail.saveSettings', { ...b.account, port: 0, password: 'Second-Secret-99' });
    const audit = JSON.stringify(b.t.sqlite.prepare('SELECT * FROM audit_logs').all());
    expect(audit).toContain('mail.settings_saved');
    for (const secret of [PASSWORD, 'Second-Secret-99']) {
      expect(b.logs.join('')).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });
});
