// The Electron window's security settings and decisions, kept free of Electron calls so they can be unit-tested.
import type { BrowserWindowConstructorOptions, Privileges } from 'electron';

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

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'MagnumStream',
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#f4f1ea',
    webPreferences: {
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
    },
  };
}

/** Camera (and microphone) access for the app's own pages; every other permission and origin is refused. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'media' && isAppUrl(requestingUrl);
}

export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** An IPC call is answered only when it comes from the top frame of one of our own pages. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
