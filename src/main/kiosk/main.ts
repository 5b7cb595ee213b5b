// `npm run kiosk`: the same main services as Electron, served to any Chromium over http + WebSocket.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { startMainApp } from '../app';
import { parseKioskArgs, UsageError, type KioskOptions } from '../config';
import { loadDemoOnFirstStart } from '../demo/first-start';
import { createMediaService } from '../media/serve';
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

let appLogger: Logger | undefined;
// First thing: a failed write or a broken socket anywhere must not end the host (issue 15).
keepServingOnUnexpectedErrors({ logger: () => appLogger });

async function main(): Promise<void> {
  const options = readOptions();
  const app = await startMainApp({
    dataDir: options.dataDir,
    host: 'browser',
    downloadPort: options.downloadPort,
    ...(options.downloadHost ? { advertisedHost: options.downloadHost } : {}),
  });
  appLogger = app.logger;
  let server: KioskServer | undefined;

  // Installed before anything is announced: whoever reads our output may signal us at once, and a signal
  // during start-up must still close the database cleanly.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    await server?.close();
    await app.close();
    console.log('MagnumStream kiosk stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    server = await startKioskServer({
      host: options.host,
      port: options.port,
      rendererDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
      dispatch: app.dispatch,
      events: app.events,
      audience: app.audience,
      logger: app.logger,
      media: createMediaService({
        dataDir: app.dataDir,
        // Read per request: a kiosk whose database did not open still serves its screens, and media says 503.
        db: () => app.database.handle?.db ?? null,
        logger: app.logger,
      }),
      thumbnails: app.thumbnails,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${options.port} is already in use. Is another kiosk running? Start with --port <another port>.`
        : `The kiosk could not start its web server: ${(error as Error).message}`,
    );
    await app.close();
    process.exit(1);
  }

  console.log(`MagnumStream kiosk ready at ${server.url}  (data: ${options.dataDir})`);
  app.logger.info({ url: server.url }, 'kiosk host listening');
  if (options.demo) await loadDemoOnFirstStart(app, (line) => console.log(line));
}

main().catch((error: unknown) => {
  console.error(`The kiosk stopped on an unexpected error: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
