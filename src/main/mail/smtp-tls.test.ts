// The SMTP sender's secure modes against a real SMTP server on 127.0.0.1 with a certificate from a CA made here
// by openssl: TLS from the first byte (port 465 style) and STARTTLS (port 587 style) deliver over an encrypted
// connection; a certificate nobody vouches for, and a server that offers no STARTTLS when it is required, are
// refused with words the admin can act on — the message never leaves in clear.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpAccount } from './settings';
import { createSmtpSender } from './smtp-sender';

interface Pem {
  ca: string;
  key: string;
  cert: string;
  /** A certificate for the same key that signs itself: no CA vouches for it. */
  selfSigned: string;
}

let dir = '';
let pem: Pem;

/** A CA, and a certificate for 127.0.0.1 signed by it, made with the system's openssl. */
function makeCertificates(into: string): Pem {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: into, stdio: 'pipe' });
  run(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem'].concat([
      '-days',
      '2',
      '-subj',
      '/CN=MagnumStream test CA',
    ]),
  );
  run(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr'].concat([
      '-subj',
      '/CN=127.0.0.1',
    ]),
  );
  const ext = path.join(into, 'san.ext');
  execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1\\n' > '${ext}'`]);
  run(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial'].concat([
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      ext,
    ]),
  );
  run(
    ['req', '-x509', '-key', 'server.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1'].concat(
      ['-addext', 'subjectAltName=IP:127.0.0.1'],
    ),
  );
  const read = (name: string) => readFileSync(path.join(into, name), 'utf8');
  return {
    ca: read('ca.pem'),
    key: read('server.key'),
    cert: read('server.pem'),
    selfSigned: read('self.pem'),
  };
}

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
  pem = makeCertificates(dir);
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
