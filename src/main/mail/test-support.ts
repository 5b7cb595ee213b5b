// For the mail tests: a real SMTP server (the smtp-server package) on 127.0.0.1 and a random port, which keeps
// every message it accepted, can ask for a user and password, refuse the first tries, or hold a message
// unanswered (a kiosk that stops mid-send).
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  /** Messages the server answered "250" to, in order. */
  accepted: ReceivedMail[];
  /** Messages whose whole text arrived, accepted or not. */
  arrived: number;
  /** Answer the next n messages with 451 (try again later). */
  failNext(n: number): void;
  /** Keep the next message unanswered until release() is called; resolves when its text has arrived. */
  holdNext(): Promise<void>;
  /** Answers the held message: with a refusal (the sender never saw "250"). */
  release(): void;
  close(): Promise<void>;
}

export async function startTestSmtpServer(
  options: { user?: string; password?: string } = {},
): Promise<TestSmtpServer> {
  const accepted: ReceivedMail[] = [];
  let failing = 0;
  let arrived = 0;
  let hold: { arrived: () => void; answer: (() => void) | null } | null = null;
  const server = new SMTPServer({
    disabledCommands: options.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.user,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }));
      }
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        arrived += 1;
        if (hold) {
          const held = hold;
          hold = null;
          held.answer = () =>
            callback(Object.assign(new Error('4.4.2 Connection dropped'), { responseCode: 421 }));
          held.arrived();
          return;
        }
        if (failing > 0) {
          failing -= 1;
          callback(Object.assign(new Error('4.3.0 Mailbox busy, try again later'), { responseCode: 451 }));
          return;
        }
        accepted.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null, `Ok: queued as Q${accepted.length}`);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  let released: (() => void) | null = null;
  return {
    port,
    accepted,
    get arrived() {
      return arrived;
    },
    failNext(n) {
      failing = n;
    },
    holdNext() {
      return new Promise<void>((resolve) => {
        const entry = { arrived: resolve, answer: null as (() => void) | null };
        hold = entry;
        released = () => entry.answer?.();
      });
    },
    release() {
      released?.();
      released = null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
