// `npm start`: the Electron product. Kiosk window, single instance, the shared main services behind ipcMain.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import { startMainApp, type MainApp } from '../app';
import { dataDirFromElectronArgv, downloadPortFromElectronArgv, resolveDownloadPort } from '../config';
import { createConnectionSession } from '../ipc/audience';
import { createMediaService } from '../media/serve';
import { keepServingOnUnexpectedErrors } from '../system/unexpected-errors';
import {
  createMainWindow,
  forwardEvents,
  handleContractCalls,
  hardenWebContents,
  installPermissionHandlers,
  serveRenderer,
} from './host';
import { osKeychainBox } from './safe-storage';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

let mainApp: MainApp | undefined;
// A failed write or a broken call anywhere must not close the kiosk window (issue 15): log it, serve on.
keepServingOnUnexpectedErrors({ logger: () => mainApp?.logger });

async function start(): Promise<void> {
  Menu.setApplicationMenu(null);
  const dataDir = path.resolve(
    dataDirFromElectronArgv(process.argv) || process.env.MAGNUM_DATA_DIR || app.getPath('userData'),
  );
  let downloadPort: number | undefined;
  try {
    downloadPort = resolveDownloadPort(downloadPortFromElectronArgv(process.argv));
  } catch (error) {
    // A mistyped port must not keep the kiosk from starting: the default is used and the log says why.
    console.error((error as Error).message);
  }
  // After app ready (start runs from whenReady): safeStorage needs it to reach the keychain.
  mainApp = await startMainApp({ dataDir, host: 'electron', downloadPort, keychain: osKeychainBox() });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  installPermissionHandlers(session.defaultSession);
  const media = createMediaService({
    dataDir,
    // Read per request: null once quitting has begun, or when the database did not open (media says 503).
    db: () => mainApp?.database.handle?.db ?? null,
    logger: mainApp.logger,
  });
  // The one window's session: whose its events and its files are (ipc/audience.ts).
  const windowSession = createConnectionSession();
  const { audience } = mainApp;
  serveRenderer(protocol, path.join(here, '..', 'renderer'), media, mainApp.thumbnails, () =>
    audience.userOf(windowSession.current()),
  );
  handleContractCalls(ipcMain, mainApp.dispatch, windowSession);
  const window = createMainWindow(path.join(here, '..', 'preload', 'index.cjs'));
  forwardEvents(mainApp.events, window, audience, windowSession, mainApp.logger);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!mainApp) return;
    event.preventDefault();
    const closing = mainApp;
    mainApp = undefined;
    void closing.close().finally(() => app.exit(0));
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(`MagnumStream could not start: ${(error as Error).message}`);
      app.exit(1);
    });
}
