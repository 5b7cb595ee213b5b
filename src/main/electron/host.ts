// Wiring of the Electron host, each piece taking the Electron objects it acts on, so tests can hand it mocks.
import { readFile } from 'node:fs/promises';
import {
  BrowserWindow,
  type IpcMain,
  type IpcMainInvokeEvent,
  type Protocol,
  type Session,
  type WebContents,
} from 'electron';
import { fail, type Result } from '../../shared/errors';
import { IPC_CALL, IPC_EVENT } from '../../shared/ipc-channels';
import type { Logger } from 'pino';
import type { Viewer } from '../access/rules';
import { deliverEvents, type Audience, type ConnectionSession } from '../ipc/audience';
import type { Dispatch } from '../ipc/dispatch';
import type { EventHub } from '../ipc/events';
import { appContentType } from '../media/mime';
import type { MediaService } from '../media/serve';
import { THUMBS_ROUTE } from '../media/thumb-url';
import { MEDIA_ROUTE } from '../media/url';
import { SECURITY_HEADERS } from '../security/csp';
import { resolveInside } from '../security/paths';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  isAppUrl,
  isPermissionAllowed,
  isTrustedSender,
  mainWindowOptions,
} from './security';

/**
 * Serves the built renderer at app://magnum/ with our security headers on every response, recorded media at
 * app://magnum/media/ through the media service, and scene thumbnails at app://magnum/thumbs/ through the
 * thumbnail service (same origin, so the CSP's media-src and img-src 'self' cover them). Files are asked for
 * as `viewer`: the window's signed-in person (only our own page can load app:// URLs).
 */
export function serveRenderer(
  protocol: Protocol,
  rendererDir: string,
  media: MediaService,
  thumbnails: MediaService,
  viewer: () => Promise<Viewer | null>,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    // The route is chosen on the parsed path, but each service checks the raw URL itself (`..`, `%2f`).
    const files = !isAppUrl(request.url)
      ? null
      : url.pathname.startsWith(MEDIA_ROUTE)
        ? media
        : url.pathname.startsWith(THUMBS_ROUTE)
          ? thumbnails
          : null;
    if (files) {
      return files.respond({
        method: request.method,
        url: request.url,
        range: request.headers.get('range'),
        viewer: await viewer(),
      });
    }
    const file = isAppUrl(request.url) ? resolveInside(rendererDir, url.pathname) : null;
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!file || !body) return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } });
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': appContentType(file) },
    });
  });
}

/** No navigation away from the app, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}

/** Calls from the window go to the dispatcher; `session` learns whose the window is, for its events and files. */
export function handleContractCalls(ipcMain: IpcMain, dispatch: Dispatch, session: ConnectionSession): void {
  ipcMain.handle(IPC_CALL, async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) {
      return fail('FORBIDDEN', 'Calls are accepted only from the MagnumStream window.');
    }
    const call = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
    const result = await dispatch({
      channel: call.channel,
      input: call.input,
      session: call.session,
      transport: 'electron',
      peer: { connection: `window:${event.sender.id}`, address: 'local' },
      onCaller: (user) => session.caller(call.session, user),
    });
    session.answered(call.channel, call.session, result);
    return result;
  });
}

/** Events reach the window only when its signed-in person may see them (ipc/audience.ts). */
export function forwardEvents(
  events: EventHub,
  window: BrowserWindow,
  audience: Audience,
  session: ConnectionSession,
  logger: Logger,
): () => void {
  const recipient = {
    session,
    // As handleContractCalls names the window's calls' peer: a restore started at first start reports here.
    connection: `window:${window.webContents.id}`,
    send: (event: string, payload: unknown) => {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, { event, payload });
    },
  };
  return deliverEvents(events, audience, () => [recipient], logger);
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
