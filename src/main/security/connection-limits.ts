// How many connections a network-facing http server holds, and for how long. Every open connection costs the
// process a file descriptor (a download also an open file), and the download server shares its process with
// filming and the database: a phone on the airfield's Wi-Fi that opens thousands of connections, or opens them
// and then never sends a request or never reads the answer, must not run the kiosk out of them.
//
// A connection past a limit gets a plain 503 and is closed; past twice the limits it is closed without a word,
// so that refusing costs no more than accepting. Node's own timeouts end a request that trickles in
// (headersTimeout, requestTimeout) and a connection that sends and reads nothing (the socket's idle timeout).
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

/** A phone's video player or browser opens a handful (Chromium: 6 per host); 16 leaves room for two tabs. */
export const CONNECTIONS_PER_ADDRESS = 16;
/** All addresses together: a busy afternoon is a few dozen phones, each with a few connections. */
export const CONNECTIONS_TOTAL = 256;
/** A connection that neither sends nor reads for this long is closed; a video player reconnects with a Range. */
export const IDLE_CONNECTION_MS = 60_000;
/** The request's headers must have arrived by then (a slowloris trickling one byte at a time is cut off). */
const REQUEST_HEADERS_MS = 20_000;
/** Refusals with words being sent at once; past it a connection over a limit is closed at once. */
const REFUSING_AT_ONCE = 64;
/** How long a refused connection may take to read its 503 before it is closed for good. */
const REFUSAL_LINGER_MS = 1_000;

export interface ConnectionLimits {
  perAddress: number;
  total: number;
  idleMs: number;
  /** The 503's text, for a person: what happened and what to do. */
  refusal: string;
  /** Addresses never counted or refused (the kiosk machine's own screen, for the kiosk host). */
  exempt?: (address: string) => boolean;
}

export interface ConnectionGate {
  /** Whether this request came on a connection that was refused (already answered 503): ignore it. */
  refused(request: IncomingMessage): boolean;
}

export function limitConnections(server: Server, limits: ConnectionLimits): ConnectionGate {
  const byAddress = new Map<string, number>();
  let total = 0;
  let refusing = 0;
  const refusedSockets = new WeakSet<Socket>();

  server.headersTimeout = Math.min(REQUEST_HEADERS_MS, limits.idleMs);
  server.requestTimeout = server.headersTimeout + 10_000;
  // Without a 'timeout' listener on the server, Node destroys a socket idle this long.
  server.setTimeout(limits.idleMs);

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (limits.exempt?.(address)) {
      socket.setTimeout(0); // trusted: its screen may leave a video paused as long as it likes
      return;
    }
    const held = byAddress.get(address) ?? 0;
    if (held >= limits.perAddress || total >= limits.total) {
      refuse(socket);
      return;
    }
    byAddress.set(address, held + 1);
    total += 1;
    socket.once('close', () => {
      total -= 1;
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left > 0) byAddress.set(address, left);
      else byAddress.delete(address);
    });
  });

  function refuse(socket: Socket): void {
    refusedSockets.add(socket);
    socket.on('error', () => undefined);
    if (refusing >= REFUSING_AT_ONCE) {
      socket.destroy();
      return;
    }
    refusing += 1;
    socket.once('close', () => (refusing -= 1));
    const body = `${limits.refusal}\n`;
    socket.end(
      'HTTP/1.1 503 Service Unavailable\r\n' +
        'Content-Type: text/plain; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Retry-After: 10\r\n' +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
    setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS).unref();
  }

  return { refused: (request) => refusedSockets.has(request.socket) };
}
