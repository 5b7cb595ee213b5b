// Serves the built renderer. Only files inside the renderer folder are reachable, whatever the URL says.
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { appContentType } from '../media/mime';
import { SECURITY_HEADERS } from '../security/csp';
import { resolveInside } from '../security/paths';

export const CLIENT_SCRIPT = 'magnum-client.js';

/** The page gets the WebSocket client before the app, so window.magnum exists when the app starts. */
export function injectClientScript(html: string): string {
  return html.replace(/<head>/i, `<head>\n    <script src="./${CLIENT_SCRIPT}"></script>`);
}

export async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD are served here.', {
      Allow: 'GET, HEAD',
    });
    return;
  }
  const pathname = new URL(request.url ?? '/', 'http://kiosk').pathname;
  const file = resolveInside(root, pathname);
  if (!file) {
    send(response, 404, 'text/plain; charset=utf-8', 'Not found.');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (path.basename(file) === 'index.html') {
      send(
        response,
        503,
        'text/plain; charset=utf-8',
        'The kiosk screens are not built yet. Run "npm run build", then start the kiosk again.',
      );
    } else {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found.');
    }
    return;
  }
  let body: Buffer | string = await readFile(file);
  if (path.basename(file) === 'index.html') body = injectClientScript(body.toString('utf8'));
  const cache = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  send(response, 200, appContentType(file), request.method === 'HEAD' ? '' : body, {
    'Cache-Control': cache,
  });
}

export function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, ...headers });
  response.end(body);
}
