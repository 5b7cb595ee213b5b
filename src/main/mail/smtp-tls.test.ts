// The SMTP sender's secure modes against a real SMTP server on 127.0.0.1 with a certificate from a CA made here
// by openssl: TLS from the first byte (port 465 style) and STARTTLS (port 587 style) deliver over an encrypted
// connection; a certificate nobody vouches for, and a server that offers no STARTTLS when it is required, are
// refused with words the admin can act on — the message never leaves in clear.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpAccount } from './settings';
import { makeTestCertificates, type TestCertificates } from '../security/test-certificates';
import { createSmtpSender } from './smtp-sender';

let dir = '';
let pem: TestCertificates;

interface Received {
  to: string[];
  secure: boolean;
}

let server: SMTPServer | undefined;

async function startServer(options: { secure: boolean; starttls: boolean; cert?: string }) {
  const received: Received[] = [];
  server = new SMTPServer({
    secure: options.secure,
    key: pem.key,
    cert: options.cert ?? pem.cert,
    disabledCommands: options.starttls ? ['AUTH'] : ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), secure: session.secure });
        callback(null, 'Ok: queued');
      });
    },
  });
  // A client that refuses the certificate drops the connection mid-handshake: the server reports it, as
  // expected here, and serves on.
  server.on('error', () => undefined);
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return { port: (listening.server.address() as AddressInfo).port, received };
}

/** A sender that trusts the test CA, or (null) only the system's authorities. */
const sender = (account: SmtpAccount, trusted: string | null = pem.ca) =>
  createSmtpSender({
    account: async () => account,
    logger: pino({ level: 'silent' }),
    timeoutMs: 5_000,
    ...(trusted ? { trustedCertificates: trusted } : {}),
  });

const account = (port: number, tlsMode: SmtpAccount['tls']): SmtpAccount => ({
  host: '127.0.0.1',
  port,
  tls: tlsMode,
  user: '',
  password: null,
  from: 'kiosk@airfield.example',
});

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'magnum-smtp-tls-'));
  pem = makeTestCertificates(dir);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  const closing = server;
  server = undefined;
  if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
});

describe('the SMTP sender over TLS', () => {
  it('delivers with TLS from the first byte (port 465 style), over an encrypted connection', async () => {
    const { port, received } = await startServer({ secure: true, starttls: false });
    const answer = await sender(account(port, 'tls')).sendTest('manager@example.com');
    expect(answer).toMatch(/^250 /);
    expect(received).toEqual([{ to: ['manager@example.com'], secure: true }]);
  });

  it('delivers with STARTTLS (port 587 style), upgraded before the message is sent', async () => {
    const { port, received } = await startServer({ secure: false, starttls: true });
    await sender(account(port, 'starttls')).sendTest('manager@example.com');
    expect(received).toEqual([{ to: ['manager@example.com'], secure: true }]);
  });

  it('refuses a server whose certificate no authority vouches for, and sends nothing', async () => {
    const { port, received } = await startServer({ secure: true, starttls: false, cert: pem.selfSigned });
    await expect(sender(account(port, 'tls')).sendTest('manager@example.com')).rejects.toThrow(
      /A secure connection to 127\.0\.0\.1:\d+ failed\. Check the security setting/,
    );
    expect(received).toEqual([]);
  });

  it('refuses to send in clear when STARTTLS is required and the server does not offer it', async () => {
    const { port, received } = await startServer({ secure: false, starttls: false });
    await expect(sender(account(port, 'starttls')).sendTest('manager@example.com')).rejects.toThrow(
      /A secure connection to 127\.0\.0\.1:\d+ failed/,
    );
    expect(received).toEqual([]);
  });

  it('answers ready() only when the secure connection can be made', async () => {
    const { port } = await startServer({ secure: true, starttls: false });
    expect(await sender(account(port, 'tls')).ready()).toBe(true);
    expect(await sender(account(port, 'tls'), null).ready()).toBe(false);
  });
});
