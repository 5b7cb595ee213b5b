// The services process (dist/main/services.mjs): the database, export jobs, thumbnails and file copies, off the
// thread that serves the screens. Electron's main process starts it as a utilityProcess; the browser kiosk host
// forks it with Node's IPC channel. Both speak services/protocol.ts; this file only picks the channel.
import type { FromServices, ToServices } from './protocol';
import { serveOverPort, type ServicesPort } from './serve';
import { keepServingOnUnexpectedErrors } from '../system/unexpected-errors';
import type { Logger } from 'pino';

/** Electron's utilityProcess gives `process.parentPort`; Node's `fork` gives `process.send`. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function hostPort(): ServicesPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as ToServices)),
      // A utilityProcess ends with its Electron main process; nothing to watch.
      onHostGone: () => undefined,
    };
  }
  if (!process.send) {
    console.error(
      'The services process is started by the kiosk (npm run kiosk or npm start), not on its own.',
    );
    process.exit(2);
  }
  return {
    post: (message: FromServices) => {
      if (process.connected) process.send?.(message);
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as ToServices)),
    onHostGone: (listener) => process.once('disconnect', listener),
  };
}

let logger: Logger | undefined;
// A failed write or a broken call anywhere must not end the services (issue 15): log it, serve on.
keepServingOnUnexpectedErrors({ logger: () => logger });
const services = serveOverPort({
  port: hostPort(),
  exit: (code) => process.exit(code),
  onStarted: (app) => (logger = app.logger),
});
// The host stops this process by message; a Ctrl+C in the terminal reaches both, and the host says when.
process.on('SIGINT', () => undefined);
// Stopped on its own (a service manager, `kill`): closed whole, like a stop from the host.
process.on('SIGTERM', () => void services.close());
