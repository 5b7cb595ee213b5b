// `npm start`: the Electron product. Kiosk window, single instance, the shared main services behind ipcMain.
// This process keeps the windows, the app:// protocol and the forwarding of calls and events; the services
// (database, export jobs, thumbnails, file copies) run in a utilityProcess (services/entry.ts). Unattended: a
// crashed, hung or unloaded page is brought back (recovery.ts), the display stays awake (power.ts), the kiosk
// may start at login (autostart.ts), and refusals are logged (refusals.ts). main.test.ts runs this file with
// the electron module mocked.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  type BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  screen,
  session,
} from 'electron';
import type { Logger } from 'pino';
import { dataDirFromElectronArgv, downloadPortFromElectronArgv, resolveDownloadPort } from '../config';
import { createConnectionSession } from '../ipc/audience';
import { createHostLog } from '../services/host-log';
import { startServicesProcess, type ServicesProcess } from '../services/process';
import { keepServingOnUnexpectedErrors } from '../system/unexpected-errors';
import {
  createMainWindow,
  forwardEvents,
  handleContractCalls,
  hardenWebContents,
  installPermissionHandlers,
  serveRenderer,
} from './host';
import { electronStartAtLogin } from './autostart';
import { customerScreenOpener } from './customer-window';
import { keepDisplayAwake } from './power';
import { installRecovery, logChildProcessesGone } from './recovery';
import { createRefusalLog } from './refusals';
import { osKeychainBox } from './safe-storage';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, CUSTOMER_SCREEN_URL } from './security';
import { forkUtilityServices } from './utility-child';
import { createAppWindows } from './windows';

const here = path.dirname(fileURLToPath(import.meta.url));

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

let services: ServicesProcess | undefined;
let logger: Logger | undefined;
/** A second start brings this one to the front: the kiosk window, not the customer screen. */
let kioskWindow: BrowserWindow | undefined;
// A failed write or a broken call anywhere must not close the kiosk window (issue 15): log it, serve on.
keepServingOnUnexpectedErrors({ logger: () => logger });
// A GPU, network or utility process (the services among them) that dies says so in the log.
logChildProcessesGone(app, () => logger);

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
  const hostLog = createHostLog();
  logger = hostLog.logger;
  // After app ready (start runs from whenReady): safeStorage needs it to reach the keychain.
  const running = await startServicesProcess({
    spawn: () => forkUtilityServices(path.join(here, 'services.mjs')),
    start: { dataDir, host: 'electron', downloadPort },
    offers: { keychain: osKeychainBox(), startAtLogin: electronStartAtLogin() },
    logger,
  });
  services = running;
  hostLog.sendTo((line) => running.log(line));
  const preloadPath = path.join(here, '..', 'preload', 'index.cjs');
  // Each window its own session (windows.ts); the customer screen is the one window a page may open.
  const windows = createAppWindows();
  const log = () => logger;
  const refused = createRefusalLog(log);
  const openWindow = customerScreenOpener({
    preloadPath,
    windows,
    screen,
    // The customer screen reloads its own address after a crash, without a notice: the crew is not there.
    watch: (window) =>
      installRecovery({ window, logger: log, entryUrl: CUSTOMER_SCREEN_URL, tellAfterReload: false }),
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openWindow));
  installPermissionHandlers(session.defaultSession, refused);
  // The kiosk window's session: whose its files are (ipc/audience.ts). The app protocol does not say which
  // window asks; the customer screen asks for no footage or thumbnails.
  const kioskSession = createConnectionSession();
  serveRenderer(protocol, path.join(here, '..', 'renderer'), running.media, running.thumbnails, () =>
    running.audience.userOf(kioskSession.current()),
  );
  handleContractCalls(ipcMain, running.dispatch, windows, refused);
  forwardEvents(running.feed, windows, running.audience, logger);
  kioskWindow = createMainWindow(preloadPath);
  windows.add(kioskWindow, kioskSession);
  installRecovery({ window: kioskWindow, logger: log, entryUrl: APP_ENTRY_URL });
  keepDisplayAwake({ app, powerSaveBlocker, logger: log });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = kioskWindow;
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!services) return;
    event.preventDefault();
    const closing = services;
    services = undefined;
    void closing.close().finally(() => app.exit(0));
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = `MagnumStream could not start: ${(error as Error).message}`;
      console.error(message);
      // A kiosk has no terminal to read: the reason is shown on screen before the app ends.
      dialog.showErrorBox(
        'MagnumStream could not start',
        `${message}\n\nRestart the computer. If this keeps happening, note this message and call support.`,
      );
      app.exit(1);
    });
}
