// Logs go to <data>/logs/magnum.log, rotated daily or at 10 MB, keeping two weeks; warnings also to stderr.
// The logger outlives a restart of the main services (a restore moves the data folder, logs and all, aside):
// the file is let go while the folder is switched and opened again in the new one, and the lines written
// meanwhile are kept in memory and written there first.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

export interface AppLogger {
  logger: Logger;
  /** Lets go of the log file (the data folder is about to move); lines are held until `resume`. */
  pause(): Promise<void>;
  /** Opens the log file again (in the data folder now at the same path) and writes the held lines. */
  resume(): void;
  close(): Promise<void>;
}

export const LOG_FILE = 'magnum.log';
/** Lines held while paused; a switch takes seconds, so this is never reached unless something is stuck. */
const MAX_HELD_LINES = 5_000;

export function createAppLogger(dataDir: string, level: pino.Level = 'info'): AppLogger {
  const logsDir = path.join(dataDir, 'logs');
  const open = (): RotatingFileStream => {
    mkdirSync(logsDir, { recursive: true });
    return createStream(LOG_FILE, { path: logsDir, size: '10M', interval: '1d', maxFiles: 14 });
  };
  let file: RotatingFileStream | null = open();
  const held: string[] = [];
  const toFile = {
    write(line: string) {
      if (file) file.write(line);
      else if (held.length < MAX_HELD_LINES) held.push(line);
    },
  };
  const logger = pino(
    { level, timestamp: pino.stdTimeFunctions.isoTime },
    pino.multistream([
      { stream: toFile, level },
      { stream: process.stderr, level: 'warn' },
    ]),
  );
  const end = (stream: RotatingFileStream) =>
    new Promise<void>((resolve) => {
      logger.flush();
      stream.end(() => resolve());
    });
  return {
    logger,
    async pause() {
      const stream = file;
      file = null;
      if (stream) await end(stream);
    },
    resume() {
      if (file) return;
      file = open();
      for (const line of held.splice(0)) file.write(line);
    },
    async close() {
      const stream = file;
      file = null;
      held.length = 0;
      if (stream) await end(stream);
    },
  };
}
