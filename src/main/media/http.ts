// The browser host's side of the media route: a node:http request in, the media service's Response out,
// streamed with back-pressure, and the file closed when the client goes away mid-video.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Logger } from 'pino';
import type { Viewer } from '../access/rules';
import type { FileRoute } from './serve';

export async function serveMediaOverHttp(
  media: FileRoute,
  request: IncomingMessage,
  response: ServerResponse,
  logger: Logger,
  /** Who asks, from the request's session cookie (kiosk/session-cookie.ts); null when nobody signed in. */
  viewer: Viewer | null,
): Promise<void> {
  const answer = await media.respond({
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    range: request.headers.range ?? null,
    viewer,
  });
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  if (!answer.body || request.method === 'HEAD') {
    await answer.body?.cancel();
    response.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>), response);
  } catch (error) {
    // Almost always a viewer seeking or leaving the screen, which closes the connection mid-file.
    logger.debug({ err: error, url: request.url }, 'media stream ended early');
  }
}
