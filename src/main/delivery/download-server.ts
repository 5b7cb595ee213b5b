// The kiosk's download service for customers' phones on its network: `GET /d/<token>` is a page listing one
// sale's files, `GET /d/<token>/<n>` is file n of them (Range, HEAD). Nothing else is served — not the app, not
// the media route, not another sale's files — and every request looks the link up again, so a revoked or
// expired link, or a voided sale, stops at once. The path is matched as sent, never decoded, so no spelling of
// `..` can reach a file: the file itself comes from the sale's rows, not from the URL. A download already
// running looks its link up again every second and is cut off once the link no longer works.
// A download is counted once per link and file, when the file's last byte has gone out (see countDownload).
// Phones are not trusted: how many connections one address (and all together) may hold, and for how long, is
// bounded (security/connection-limits.ts), since this server shares its process with filming.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import type { SaleDownload } from '../../../db/schema';
import type { DataAccess } from '../data-access';
import { mediaContentType } from '../media/mime';
import { parseRange } from '../media/range';
import {
  CONNECTIONS_PER_ADDRESS,
  CONNECTIONS_TOTAL,
  IDLE_CONNECTION_MS,
  limitConnections,
  type ConnectionLimits,
} from '../security/connection-limits';
import { realPathInside } from '../security/paths';
import { saleFiles } from '../sales/files';
import { kioskTime, filesPage, messagePage, PAGE_CSP } from './download-page';
import { linkState, tokenHash } from './links';
import { deliveryFileNames } from './names';
import { readDeliverySale } from './sale';
import { lanAddress } from './network';

const ROUTE = /^\/d\/([A-Za-z0-9_-]{43})(?:\/([1-9][0-9]{0,3}))?\/?$/;

const HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  // The token is in the URL: it must never leave in a Referer header.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
};

export const EXPIRED_TEXT = 'This download link has expired. Ask the crew at the desk for a new one.';
const WITHDRAWN_TEXT = 'This download link was switched off. Ask the crew at the desk for a new one.';
const CANCELLED_TEXT =
  'This purchase was cancelled, so its files are no longer offered. Ask the crew at the desk.';
const NOT_FOUND_TEXT = 'There is nothing at this address. Scan the QR code at the desk again.';
export const TOO_MANY_CONNECTIONS =
  'Too many downloads at once from this phone, or the kiosk is busy. Wait a moment and try again.';
/** How often a running download looks its link up again: switching a link off stops it within this time. */
const RECHECK_MS = 1_000;

export interface DownloadServerOptions {
  data: DataAccess;
  dataDir: string;
  logger: Logger;
  /** 0 picks a free port (tests). A busy port falls back to a free one: the link carries the port anyway. */
  port: number;
  /** Where to listen; every interface by default, since phones come from the network. */
  listenHost?: string;
  /** The address put in links instead of the kiosk's LAN address (tests, or a kiosk behind a fixed name). */
  advertisedHost?: string;
  /** Connection limits; the defaults in security/connection-limits.ts (tests lower them). */
  limits?: Partial<Pick<ConnectionLimits, 'perAddress' | 'total' | 'idleMs'>>;
}

export type DownloadBase = { ok: true; url: string } | { ok: false; problem: string };

export interface DownloadServer {
  start(): Promise<void>;
  /** Where links point now: the kiosk's LAN address can change while it runs (it joined the Wi-Fi). */
  base(): DownloadBase;
  close(): Promise<void>;
}

export const NO_NETWORK =
  'The kiosk is not on a network, so phones cannot reach it. Connect it to the Wi-Fi, or copy to a USB drive instead.';
const NOT_RUNNING =
  'The kiosk’s download service is not running, so a link would not work. Restart the kiosk, or copy to a USB drive instead.';

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function createDownloadServer(options: DownloadServerOptions): DownloadServer {
  const { data, logger } = options;
  const root = path.resolve(options.dataDir);
  let gate: ReturnType<typeof limitConnections> | undefined;
  let server: Server | null = null;
  let port: number | null = null;
  /**
   * The link-and-file pairs already counted. A phone's video player fetches one file in many Range requests,
   * may fetch it again from the start, and may read the end first (an MP4's index): counting each request
   * that reaches the end would count one download many times. Kept in memory, not in the database: the count
   * tells the crew whether the customer got the files, and after a restart a link that is used again may
   * count once more, which says the same. Bounded by the links crew made times their files.
   */
  const counted = new Set<string>();

  /** Counts a download of this file by this link, the first time only. */
  async function countDownload(link: SaleDownload, filePath: string): Promise<void> {
    const key = `${link.id}\n${filePath}`;
    if (counted.has(key)) return;
    counted.add(key);
    try {
      await data
        .db()
        .updateTable('sale_downloads')
        .set((eb) => ({
          download_count: eb('download_count', '+', 1),
          last_download_at: data.now().toISOString(),
        }))
        .where('id', '=', link.id)
        .execute();
      logger.info({ linkId: link.id, path: filePath }, 'download counted');
    } catch (error) {
      // The phone has its file; only the crew's figure is behind. Let a later download count it.
      counted.delete(key);
      logger.warn({ err: error, linkId: link.id }, 'download not counted');
    }
  }

  function sendPage(response: ServerResponse, status: number, html: string, head: boolean) {
    response.writeHead(status, {
      ...HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(html)),
    });
    response.end(head ? undefined : html);
  }

  const notFound = (response: ServerResponse, head: boolean) =>
    sendPage(response, 404, messagePage('Not found', NOT_FOUND_TEXT), head);
  const gone = (response: ServerResponse, head: boolean, title: string, text: string) =>
    sendPage(response, 410, messagePage(title, text), head);

  async function serveFile(
    request: IncomingMessage,
    response: ServerResponse,
    link: SaleDownload,
    file: { path: string; name: string },
  ): Promise<void> {
    const head = request.method === 'HEAD';
    const real = await realPathInside(root, file.path);
    if (!real?.exists) {
      logger.warn({ linkId: link.id, path: file.path }, 'download file missing or outside the data folder');
      notFound(response, head);
      return;
    }
    const handle = await open(real.path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => null);
    if (!handle) {
      notFound(response, head);
      return;
    }
    let streaming = false;
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        notFound(response, head);
        return;
      }
      const size = info.size;
      const headers: Record<string, string> = {
        ...HEADERS,
        'Accept-Ranges': 'bytes',
        'Content-Type': mediaContentType(file.path),
        'Content-Disposition': contentDisposition(file.name),
      };
      const wanted = parseRange(request.headers.range, size);
      if (wanted.kind === 'unsatisfiable') {
        response.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
        response.end();
        return;
      }
      const [start, end] = wanted.kind === 'partial' ? [wanted.start, wanted.end] : [0, size - 1];
      if (wanted.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
      headers['Content-Length'] = String(Math.max(0, end - start + 1));
      response.writeHead(wanted.kind === 'partial' ? 206 : 200, headers);
      if (head) {
        response.end();
        return;
      }
      if (size === 0) {
        response.end();
        await countDownload(link, file.path);
        return;
      }
      streaming = true;
      // The stream owns the handle from here and closes it at the end, on error, or when the phone goes away.
      // pipeline resolves only once the response has finished: every byte asked for was handed to the network.
      const stopWatching = watchLink(link, response);
      const sent = await pipeline(handle.createReadStream({ start, end }), response)
        .then(
          () => true,
          (error: unknown) => {
            logger.debug({ err: error, linkId: link.id }, 'download ended early');
            return false;
          },
        )
        .finally(stopWatching);
      if (sent && end === size - 1) {
        await countDownload(link, file.path);
        logger.debug({ linkId: link.id, path: file.path }, 'file sent to its last byte');
      }
    } finally {
      if (!streaming) await handle.close().catch(() => undefined);
    }
  }

  /** The link's sale while the link works; otherwise why not (its 410 page). Read again for every use. */
  async function linkInUse(
    link: SaleDownload,
  ): Promise<
    | { works: true; sale: NonNullable<Awaited<ReturnType<typeof readDeliverySale>>> }
    | { works: false; title: string; text: string }
  > {
    const state = linkState(link, data.now());
    if (state === 'expired') return { works: false, title: 'Link expired', text: EXPIRED_TEXT };
    if (state === 'revoked') return { works: false, title: 'Link switched off', text: WITHDRAWN_TEXT };
    const sale = await readDeliverySale(data.db(), link.sale_id);
    if (!sale || sale.status !== 'completed')
      return { works: false, title: 'Purchase cancelled', text: CANCELLED_TEXT };
    return { works: true, sale };
  }

  /**
   * Cuts a running download off once its link stops working (switched off, expired, sale voided): the phone
   * keeps the bytes it has, and the rest is refused like any new request. Returns the stop for the timer.
   */
  function watchLink(link: SaleDownload, response: ServerResponse): () => void {
    const timer = setInterval(() => {
      void data
        .db()
        .selectFrom('sale_downloads')
        .selectAll()
        .where('id', '=', link.id)
        .executeTakeFirst()
        .then(async (now) => (now ? await linkInUse(now) : { works: false, text: 'link deleted' }))
        .then((use) => {
          if (use.works) return;
          logger.info({ linkId: link.id, reason: use.text }, 'download cut off: the link no longer works');
          response.destroy();
        })
        .catch((error: unknown) => logger.warn({ err: error, linkId: link.id }, 'could not re-check a link'));
    }, RECHECK_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const head = method === 'HEAD';
    const rawPath = (request.url ?? '/').split('?')[0]!;
    const match = ROUTE.exec(rawPath);
    if ((method !== 'GET' && !head) || !match) {
      notFound(response, head);
      return;
    }
    const [, token, index] = match as unknown as [string, string, string | undefined];
    const db = data.db();
    const link = await db
      .selectFrom('sale_downloads')
      .selectAll()
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!link) {
      notFound(response, head);
      return;
    }
    const use = await linkInUse(link);
    if (!use.works) return gone(response, head, use.title, use.text);
    const { sale } = use;
    const { files } = await saleFiles(db, sale.id);
    const names = deliveryFileNames(files, sale.passengerNames);
    if (index === undefined) {
      const html = filesPage({
        passengerNames: sale.passengerNames,
        files: files.map((file, i) => ({ name: names[i]!, bytes: file.bytes, href: `/d/${token}/${i + 1}` })),
        validUntil: kioskTime(new Date(link.expires_at), data.utcOffsetMinutes(new Date(link.expires_at))),
      });
      sendPage(response, 200, html, head);
      return;
    }
    const n = Number(index);
    const file = files[n - 1];
    if (!file) {
      notFound(response, head);
      return;
    }
    await serveFile(request, response, link, { path: file.path, name: names[n - 1]! });
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    if (gate?.refused(request)) return; // already answered 503; the connection is closing
    respond(request, response).catch((error: unknown) => {
      logger.error({ err: error, url: request.url }, 'download request failed');
      if (!response.headersSent) {
        sendPage(
          response,
          503,
          messagePage(
            'Not available',
            'The kiosk cannot hand out files right now. Ask the crew at the desk.',
          ),
          request.method === 'HEAD',
        );
      } else {
        response.destroy();
      }
    });
  }

  const listen = (candidate: Server, at: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      candidate.once('error', onError);
      candidate.listen(at, options.listenHost ?? '0.0.0.0', () => {
        candidate.off('error', onError);
        resolve((candidate.address() as AddressInfo).port);
      });
    });

  return {
    async start() {
      const candidate = createServer(handle);
      candidate.on('clientError', (_error, socket) => socket.destroy());
      gate = limitConnections(candidate, {
        perAddress: options.limits?.perAddress ?? CONNECTIONS_PER_ADDRESS,
        total: options.limits?.total ?? CONNECTIONS_TOTAL,
        idleMs: options.limits?.idleMs ?? IDLE_CONNECTION_MS,
        refusal: TOO_MANY_CONNECTIONS,
      });
      try {
        port = await listen(candidate, options.port);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port === 0) {
          logger.error({ err: error, port: options.port }, 'download service could not start');
          return;
        }
        // Another kiosk (or anything else) holds the port; the links carry the port, so any free one works.
        logger.warn({ port: options.port }, 'download port in use; using a free port instead');
        try {
          port = await listen(candidate, 0);
        } catch (again) {
          logger.error({ err: again }, 'download service could not start');
          return;
        }
      }
      server = candidate;
      logger.info({ port }, 'download service listening');
    },

    base() {
      if (!server || port === null) return { ok: false, problem: NOT_RUNNING };
      const host = options.advertisedHost ?? lanAddress();
      if (!host) return { ok: false, problem: NO_NETWORK };
      return { ok: true, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
    },

    async close() {
      const closing = server;
      server = null;
      port = null;
      if (!closing) return;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        // A phone halfway through a video would otherwise hold the kiosk's shutdown open.
        closing.closeAllConnections();
      });
    },
  };
}
