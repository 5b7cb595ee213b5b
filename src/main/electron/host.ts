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
import { IPC_CALL } from '../../shared/ipc-channels';
import type { Logger } from 'pino';
import type { Viewer } from '../access/rules';
import { deliverEvents, type Audience, type EventFeed } from '../ipc/audience';
import type { Dispatch } from '../ipc/dispatch';
import { appContentType } from '../media/mime';
import type { FileRoute } from '../media/serve';
import { THUMBS_ROUTE } from '../media/thumb-url';
import { MEDIA_ROUTE } from '../media/url';
import { SECURITY_HEADERS } from '../security/csp';
import { resolveInside } from '../security/paths';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  isAppUrl,
  isTrustedSender,
  mainWindowOptions,
  permissionRefusal,
} from './security';
import { loadFailedResponse } from './load-failed';
import type { RefusalLog } from './refusals';
import type { WindowOpenHandler } from './customer-window';
import type { AppWindows } from './windows';

/**
 * Serves the built renderer at app://magnum/ with our security headers on every response, recorded media at
 * app://magnum/media/ through the media service, and scene thumbnails at app://magnum/thumbs/ through the
 * thumbnail service (same origin, so the CSP's media-src and img-src 'self' cover them). Files are asked for
 * as `viewer`: the window's signed-in person (only our own page can load app:// URLs).
 */
export function serveRenderer(
  protocol: Protocol,
  rendererDir: string,
  media: FileRoute,
  thumbnails: FileRoute,
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
    // The error page is made here, not read from the build: it must show when the build is what failed.
    const errorPage = isAppUrl(request.url) ? loadFailedResponse(url) : null;
    if (errorPage) return errorPage;
    const file = isAppUrl(request.url) ? resolveInside(rendererDir, url.pathname) : null;
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!file || !body) return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } });
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': appContentType(file) },
    });
  });
}

/** No navigation away from the app, no webviews, and no new window but those `openWindow` allows. */
export function hardenWebContents(
  contents: WebContents,
  openWindow: WindowOpenHandler = () => ({ action: 'deny' }),
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(openWindow);
}

/** Camera (video) for the app's own pages, nothing else; each refusal is logged (rate-limited) with its reason. */
export function installPermissionHandlers(session: Session, refused: RefusalLog = () => {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const reason = permissionRefusal(permission, details.requestingUrl, mediaTypes);
    if (reason) refused({ kind: 'permission-request', what: permission, url: details.requestingUrl, reason });
    callback(reason === null);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const reason = permissionRefusal(
      permission,
      requestingOrigin,
      details?.mediaType ? [details.mediaType] : undefined,
    );
    if (reason) refused({ kind: 'permission-check', what: permission, url: requestingOrigin, reason });
    return reason === null;
  });
}

/**
 * Calls from a window go to the dispatcher; the sending window's own session learns whose the window is, for
 * its events (and, for the kiosk window, its files).
 */
export function handleContractCalls(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  windows: Pick<AppWindows, 'sessionOf'>,
  refused: RefusalLog = () => {},
): void {
  ipcMain.handle(IPC_CALL, async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
    const call = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
    const trusted = isTrustedSender(event.senderFrame);
    const session = trusted ? windows.sessionOf(event.sender.id) : undefined;
    if (!session) {
      refused({
        kind: 'ipc-sender',
        what: typeof call.channel === 'string' ? call.channel : '(no channel)',
        url: event.senderFrame?.url,
        reason: trusted ? 'a page of ours in a window main did not open' : 'not the top frame of an app page',
      });
      return fail('FORBIDDEN', 'Calls are accepted only from the MagnumStream windows.');
    }
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

/** Events reach each open window only when its own signed-in person may see them (ipc/audience.ts). */
export function forwardEvents(
  events: EventFeed,
  windows: Pick<AppWindows, 'recipients'>,
  audience: Pick<Audience, 'userOf'>,
  logger: Logger,
): () => void {
  return deliverEvents(events, audience, () => windows.recipients(), logger);
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
