// The browser kiosk host's network side: the renderer over http, recorded media at /media/, scene thumbnails
// at /thumbs/ (both for the session cookie that /session sets) and the contract over a WebSocket at /ipc.
// It carries calls to the same dispatcher Electron uses and contains no business logic of its own.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { fail } from '../../shared/errors';
import { isKioskMachine } from '../auth/kiosk-machine';
import { IDLE_CONNECTION_MS, limitConnections } from '../security/connection-limits';
import { decodeMessage, encodeMessage, WireError, type WireMessage } from '../../shared/wire';
import type { Dispatch, Peer } from '../ipc/dispatch';
import {
  createConnectionSession,
  deliverEvents,
  type Audience,
  type ConnectionSession,
  type EventFeed,
} from '../ipc/audience';
import { serveMediaOverHttp } from '../media/http';
import { rawPathname } from '../media/request-path';
import type { FileRoute } from '../media/serve';
import { THUMBS_ROUTE } from '../media/thumb-url';
import { MEDIA_ROUTE } from '../media/url';
import { SESSION_ROUTE } from '../../shared/session-route';
import { isAllowedHost, isSameOrigin } from './origin';
import { BYTES_FRAME_BYTES, createSocketLimits } from './socket-limits';
import { answerSessionRequest, viewerOfFileRequest } from './session-cookie';
import { send, serveStatic } from './static';

export const IPC_PATH = '/ipc';
/** The largest legitimate frame (a 16 MiB camera chunk + header); tighter limits per socket: socket-limits.ts. */
export const MAX_FRAME_BYTES = BYTES_FRAME_BYTES;
const HEARTBEAT_MS = 30_000;
/**
 * Connections one other machine may hold (a tablet's browser: 6 for files plus a socket per tab), and all of
 * them together; the kiosk machine's own screen is never counted (security/connection-limits.ts).
 */
export const HOST_CONNECTIONS_PER_ADDRESS = 32;
export const HOST_CONNECTIONS_TOTAL = 512;
const TOO_MANY_CONNECTIONS =
  'Too many connections from this device, or the kiosk is busy. Close other kiosk tabs, wait a moment and try again.';

const callEnvelope = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.string().max(200),
  input: z.unknown(),
  session: z.string().max(512).optional(),
});

export interface KioskServerOptions {
  host: string;
  port: number;
  rendererDir: string;
  dispatch: Dispatch;
  /** The services' events, each with who may receive it (ipc/audience.ts). */
  events: EventFeed;
  /** Who a session cookie or a socket's session belongs to. */
  audience: Pick<Audience, 'userOf'>;
  logger: Logger;
  /** Recorded footage and photos at /media/; without it (socket-only tests) /media/ is just another 404. */
  media?: FileRoute;
  /** Scene posters and timeline strips at /thumbs/ (thumbnails/service.ts), served like media. */
  thumbnails?: FileRoute;
}

export interface KioskServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startKioskServer(options: KioskServerOptions): Promise<KioskServer> {
  const { dispatch, events, audience, logger, media, thumbnails, rendererDir } = options;
  let port = options.port;

  const server = createServer((request, response) => {
    if (gate.refused(request)) return; // already answered 503; the connection is closing
    if (!isAllowedHost(request.headers.host, options.host, port)) {
      send(response, 421, 'text/plain; charset=utf-8', 'This kiosk answers only to its own address.');
      return;
    }
    // Before static files, so nothing under /media/ or /thumbs/ can ever come from the renderer folder, and on
    // the raw URL, so the media and thumbnail checks see `..` and `%2f` exactly as they were sent.
    const files = request.url?.startsWith(MEDIA_ROUTE)
      ? media
      : request.url?.startsWith(THUMBS_ROUTE)
        ? thumbnails
        : undefined;
    if (rawPathname(request.url ?? '/') === SESSION_ROUTE) {
      answerSessionRequest(request, response, audience).catch((error: unknown) => {
        logger.error({ err: error }, 'session cookie request failed');
        if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Try signing in again.');
      });
      return;
    }
    if (files) {
      viewerOfFileRequest(request, audience)
        .then((viewer) => serveMediaOverHttp(files, request, response, logger, viewer))
        .catch((error: unknown) => {
          logger.error({ err: error, url: request.url }, 'media request failed');
          if (!response.headersSent)
            send(response, 500, 'text/plain; charset=utf-8', 'The kiosk could not read that file.');
          else response.destroy();
        });
      return;
    }
    serveStatic(rendererDir, request, response).catch((error: unknown) => {
      logger.error({ err: error, url: request.url }, 'static file failed');
      if (!response.headersSent)
        send(response, 500, 'text/plain; charset=utf-8', 'The kiosk could not read that file.');
    });
  });

  // Before anything listens: a machine on the network must not hold the host's connections without end.
  const gate = limitConnections(server, {
    perAddress: HOST_CONNECTIONS_PER_ADDRESS,
    total: HOST_CONNECTIONS_TOTAL,
    idleMs: IDLE_CONNECTION_MS,
    refusal: TOO_MANY_CONNECTIONS,
    exempt: (address) => isKioskMachine({ address }),
  });

  // No per-message deflate: a small compressed frame could inflate past every limit below.
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
  });
  const limits = createSocketLimits();
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (gate.refused(request)) {
      socket.destroy();
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://kiosk').pathname;
    const trusted =
      pathname === IPC_PATH &&
      isAllowedHost(request.headers.host, options.host, port) &&
      isSameOrigin(request.headers.origin, request.headers.host);
    if (!trusted) {
      logger.warn(
        { origin: request.headers.origin, host: request.headers.host, url: request.url },
        'refused socket',
      );
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!limits.hasRoomFor(request.socket.remoteAddress ?? 'unknown')) {
      logger.warn({ address: request.socket.remoteAddress }, 'refused socket: too many not signed in');
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  const alive = new WeakSet<WebSocket>();
  const peers = new WeakMap<WebSocket, Peer>();
  /** Whose events each socket receives (ipc/audience.ts): none until a call of it resolves to a user. */
  const sessions = new WeakMap<WebSocket, ConnectionSession>();
  let connections = 0;
  sockets.on('connection', (ws: WebSocket, request: IncomingMessage) => {
    alive.add(ws);
    connections += 1;
    peers.set(ws, {
      connection: `socket:${connections}`,
      address: request.socket.remoteAddress ?? 'unknown',
    });
    sessions.set(ws, createConnectionSession());
    ws.on('pong', () => alive.add(ws));
    if (!limits.admit(ws, request.socket.remoteAddress ?? 'unknown')) {
      ws.close(1013, 'Too many connections that have not signed in. Try again later.');
      return;
    }
    ws.on('close', () => limits.forget(ws));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (ws.readyState !== ws.OPEN) return; // closing: nothing more is read from it
      const frame = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(data);
      const refused = limits.refuseFrame(ws, frame.byteLength, isBinary);
      if (refused) {
        logger.warn(
          { bytes: frame.byteLength, isBinary, peer: peers.get(ws) },
          'closed socket: frame too large',
        );
        limits.forget(ws); // closing: it no longer takes one of its address's places
        ws.close(1009, refused);
        return;
      }
      limits.callStarted(ws, frame.byteLength);
      answer(ws, frame, isBinary)
        .catch((error: unknown) => logger.error({ err: error }, 'answering a socket call failed'))
        .finally(() => limits.callFinished(ws, frame.byteLength));
    });
    ws.on('error', (error) => {
      // Also a frame over the socket's limit (ws closes it with 1009): it no longer takes a place.
      limits.forget(ws);
      logger.warn({ err: error }, 'socket error');
    });
  });

  async function answer(ws: WebSocket, bytes: Buffer, isBinary: boolean): Promise<void> {
    let message: unknown;
    try {
      message = decodeMessage(
        isBinary ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.toString('utf8'),
      );
    } catch (error) {
      const reason = error instanceof WireError ? error.message : 'The message could not be read.';
      reply(ws, { type: 'result', id: null, result: fail('VALIDATION', `${reason} Nothing was changed.`) });
      return;
    }
    const envelope = callEnvelope.safeParse(message);
    if (!envelope.success) {
      const id = (message as { id?: unknown } | null)?.id;
      reply(ws, {
        type: 'result',
        id: Number.isSafeInteger(id) ? (id as number) : null,
        result: fail('VALIDATION', 'The message is not a call the kiosk understands. Nothing was changed.'),
      });
      return;
    }
    const { id, channel, input, session } = envelope.data;
    const tooLarge = limits.refuseChannel(ws, channel, bytes.byteLength);
    if (tooLarge) {
      reply(ws, { type: 'result', id, result: fail('VALIDATION', `${tooLarge} Nothing was changed.`) });
      return;
    }
    const result = await dispatch({
      channel,
      input,
      session,
      transport: 'websocket',
      peer: peers.get(ws),
      onCaller: (user) => {
        sessions.get(ws)?.caller(session, user);
        limits.setCaller(ws, user !== null);
      },
    });
    sessions.get(ws)?.answered(channel, session, result);
    reply(ws, { type: 'result', id, result });
  }

  function reply(ws: WebSocket, message: WireMessage): void {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(encodeMessage(message));
  }

  const unsubscribe = deliverEvents(
    events,
    audience,
    function* () {
      for (const client of sockets.clients) {
        const session = sessions.get(client);
        if (!session || client.readyState !== client.OPEN) continue;
        yield {
          session,
          connection: peers.get(client)?.connection,
          send: (event, payload) => reply(client, { type: 'event', event, payload }),
        };
      }
    },
    logger,
  );

  const heartbeat = setInterval(() => {
    for (const client of sockets.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${shownHost}:${port}/`,
    port,
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const client of sockets.clients) client.close(1001, 'The kiosk is shutting down.');
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
