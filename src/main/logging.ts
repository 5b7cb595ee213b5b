// Logs go to <data>/logs/magnum.log, rotated daily or at 10 MB, keeping two weeks; warnings also to stderr.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export interface AppLogger {
  logger: Logger;
  close(): Promise<void>;
}

export const LOG_FILE = 'magnum.log';

export function createAppLogger(dataDir: string, level: pino.Level = 'info'): AppLogger {
  const logsDir = path.join(dataDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const file = createStream(LOG_FILE, { path: logsDir, size: '10M', interval: '1d', maxFiles: 14 });
  const logger = pino(
    { level, timestamp: pino.stdTimeFunctions.isoTime },
    pino.multistream([
      { stream: file, level },
      { stream: process.stderr, level: 'warn' },
    ]),
  );
  return {
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        logger.flush();
        file.end(() => resolve());
      }),
  };
}
