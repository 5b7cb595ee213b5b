// The Electron window's security settings and decisions, kept free of Electron calls so they can be unit-tested.
import type { BrowserWindowConstructorOptions, Privileges, Rectangle, WebPreferences } from 'electron';
import { CUSTOMER_SCREEN_HASH } from '../../shared/delivery';

export const APP_SCHEME = 'app';
export const APP_HOST = 'magnum';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * What app:// may do. `standard` gives the window an origin of its own and Web storage, which Electron turns
 * off for other custom schemes: the session token kept through a reload lives in its sessionStorage.
 * `secure` makes it a secure context (cameras); fetch and streaming serve the footage.
 */
export const APP_SCHEME_PRIVILEGES: Privileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
};

/** Only the app's own pages: `app://magnum/...`. (WHATWG gives custom schemes an opaque origin, so compare parts.) */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Every window of ours: the page isolated from the preload, sandboxed, without Node. */
function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'MagnumStream',
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#f4f1ea',
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

/** The one address a window of ours may open: the app's page at its customer screen, nothing added. */
export const CUSTOMER_SCREEN_URL = `${APP_ENTRY_URL}${CUSTOMER_SCREEN_HASH}`;

/** Exactly the customer screen: not another route, file, query, user name or lookalike host. */
export function isCustomerScreenUrl(url: string | undefined | null): boolean {
  if (!isAppUrl(url)) return false;
  const parsed = new URL(url as string);
  return (
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    `${APP_SCHEME}://${APP_HOST}${parsed.pathname}` === APP_ENTRY_URL &&
    parsed.search === '' &&
    parsed.hash === CUSTOMER_SCREEN_HASH
  );
}

export interface DisplayArea {
  id: number;
  bounds: Rectangle;
}

/** The display facing the customer: any but the kiosk's (the primary one), or none when there is one display. */
export function customerDisplay(
  displays: readonly DisplayArea[],
  kioskDisplayId: number,
): DisplayArea | null {
  return displays.find((display) => display.id !== kioskDisplayId) ?? null;
}

/**
 * The customer screen's window: full screen on the customer's display, or, with one display, a normal window
 * to move where the customer sees it. Same hardened page settings as the kiosk window.
 */
export function customerWindowOptions(
  preloadPath: string,
  display: DisplayArea | null,
): BrowserWindowConstructorOptions {
  const placement = display
    ? { ...display.bounds, fullscreen: true }
    : { width: 1280, height: 800, fullscreen: false };
  return {
    title: 'MagnumStream customer screen',
    ...placement,
    autoHideMenuBar: true,
    backgroundColor: '#f4f1ea',
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

/**
 * Why a permission is refused, or null when it is granted. Granted: the camera (video only) for the app's own
 * pages; the kiosk films, it never records sound, so the microphone is refused with everything else. `media` is
 * what the page asks for (a request's mediaTypes, a check's one mediaType); an ask that names nothing is refused.
 */
export function permissionRefusal(
  permission: string,
  requestingUrl: string | undefined,
  media: readonly string[] | undefined,
): string | null {
  if (permission !== 'media') return 'only the camera is ever allowed';
  if (!isAppUrl(requestingUrl)) return "not one of the app's own pages";
  if (!media || media.length === 0 || media.some((type) => type !== 'video')) {
    return 'camera (video) only, never the microphone';
  }
  return null;
}

export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** An IPC call is answered only when it comes from the top frame of one of our own pages. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
