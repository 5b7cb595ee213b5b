// `npm run kiosk`: the same main services as Electron, served to any Chromium over http + WebSocket. This
// process keeps the network side (the screens' files, media and calls); the services run in a process of their
// own (services/entry.ts), as in Electron, so a long database query or a file copy never stalls the screens.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { parseKioskArgs, UsageError, type KioskOptions } from '../config';
import { createHostLog } from '../services/host-log';
import { forkServices, servicesEntry } from '../services/node-child';
import { startServicesProcess, type ServicesProcess } from '../services/process';
import { keepServingOnUnexpectedErrors } from '../system/unexpected-errors';
import { startKioskServer, type KioskServer } from './server';

function readOptions(): KioskOptions {
  try {
    return parseKioskArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

let hostLogger: Logger | undefined;
// First thing: a failed write or a broken socket anywhere must not end the host (issue 15).
keepServingOnUnexpectedErrors({ logger: () => hostLogger });

async function main(): Promise<void> {
  const options = readOptions();
  // The host's lines (refused sockets, the services process's restarts) go into the services' log.
  const hostLog = createHostLog();
  const { logger } = hostLog;
  hostLogger = logger;
  let services: ServicesProcess | undefined;
  let server: KioskServer | undefined;

  // Installed before anything is announced: whoever reads our output may signal us at once, and a signal
  // during start-up must still close the database cleanly.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await server?.close();
    await services?.close();
    console.log('MagnumStream kiosk stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    services = await startServicesProcess({
      spawn: () => forkServices(servicesEntry(import.meta.url)),
      start: {
        dataDir: options.dataDir,
        host: 'browser',
        downloadPort: options.downloadPort,
        ...(options.downloadHost ? { advertisedHost: options.downloadHost } : {}),
      },
      logger,
    });
  } catch (error) {
    console.error(`The kiosk could not start its services: ${(error as Error).message}`);
    process.exit(1);
  }
  const running = services;
  hostLog.sendTo((line) => running.log(line));

  try {
    server = await startKioskServer({
      host: options.host,
      port: options.port,
      rendererDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
      dispatch: services.dispatch,
      events: services.feed,
      audience: services.audience,
      logger,
      media: services.media,
      thumbnails: services.thumbnails,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${options.port} is already in use. Is another kiosk running? Start with --port <another port>.`
        : `The kiosk could not start its web server: ${(error as Error).message}`,
    );
    await services.close();
    process.exit(1);
  }

  console.log(
    `MagnumStream kiosk ready at ${server.url}  (data: ${options.dataDir}; services process ${services.pid()})`,
  );
  logger.info({ url: server.url, servicesPid: services.pid() }, 'kiosk host listening');
  if (options.demo) services.loadDemo();
}

main().catch((error: unknown) => {
  console.error(`The kiosk stopped on an unexpected error: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
