// The one second window the Electron product opens: the customer screen (the browser kiosk opens it as a pop-up).
// Opened by the page's window.open and not by main, so that Chromium gives it a copy of the kiosk window's
// sessionStorage, where the session token is kept (src/preload/index.ts): it is signed in as the kiosk is, and
// the token never travels in an address.
import { BrowserWindow, type HandlerDetails, type Screen, type WindowOpenHandlerResponse } from 'electron';
import { customerDisplay, customerWindowOptions, isCustomerScreenUrl } from './security';
import type { AppWindows } from './windows';

export type WindowOpenHandler = (details: HandlerDetails) => WindowOpenHandlerResponse;

export interface CustomerScreenOptions {
  preloadPath: string;
  windows: AppWindows;
  /** Electron's `screen`, asked at each opening: a display may have been plugged in since. */
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  /** Watches each customer window once built, as the kiosk window is watched (recovery.ts: reload after a crash). */
  watch?: (window: BrowserWindow) => void;
}

/**
 * The window-open handler of every page of ours: the customer screen's address opens it, as one window at most
 * (asked again, the open one comes to the front); every other address is refused.
 */
export function customerScreenOpener({
  preloadPath,
  windows,
  screen,
  watch = () => {},
}: CustomerScreenOptions): WindowOpenHandler {
  let shown: BrowserWindow | null = null;
  // Between allowing a window and Electron building it, a second request must not allow another.
  let opening = false;
  return (details) => {
    if (!isCustomerScreenUrl(details.url)) return { action: 'deny' };
    if (shown && !shown.isDestroyed()) {
      if (shown.isMinimized()) shown.restore();
      shown.focus();
      return { action: 'deny' };
    }
    if (opening) return { action: 'deny' };
    opening = true;
    const display = customerDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
    return {
      action: 'allow',
      overrideBrowserWindowOptions: customerWindowOptions(preloadPath, display),
      // Electron passes our options with the page's own webContents (the one holding the copied storage).
      createWindow: (options) => {
        opening = false;
        const window = new BrowserWindow(options);
        shown = window;
        window.removeMenu();
        windows.add(window);
        watch(window);
        window.once('closed', () => {
          if (shown === window) shown = null;
        });
        return window.webContents;
      },
    };
  };
}
