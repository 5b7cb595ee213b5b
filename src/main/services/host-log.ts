// The host process's log lines go into the services' log (one file, <data>/logs/magnum.log, which the services
// let go of while a restore switches the data folder), marked as the host's. Lines from before the services
// first started are held and written once they run; while they are down after a fault, warnings and errors go
// to stderr, so nothing about that fault is lost.
import { pino, type Logger } from 'pino';

export interface HostLog {
  logger: Logger;
  /** Where lines go from now on: `send` returns false when it could not take the line. */
  sendTo(send: (line: string) => boolean): void;
}

const MAX_HELD_LINES = 1_000;
const WARN = 40;

export function createHostLog(level: pino.Level = 'info'): HostLog {
  const held: string[] = [];
  let send: ((line: string) => boolean) | null = null;
  const logger = pino(
    { level, timestamp: pino.stdTimeFunctions.isoTime, base: { process: 'host' } },
    {
      write(line: string) {
        if (!send) {
          if (held.length < MAX_HELD_LINES) held.push(line);
          else process.stderr.write(line);
        } else if (!send(line) && levelOf(line) >= WARN) {
          process.stderr.write(line);
        }
      },
    },
  );
  return {
    logger,
    sendTo(next) {
      send = next;
      for (const line of held.splice(0)) if (!next(line)) process.stderr.write(line);
    },
  };
}

function levelOf(line: string): number {
  const match = /"level":(\d+)/.exec(line);
  return match ? Number(match[1]) : WARN;
}

const LEVELS: Record<number, pino.Level> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** In the services process: one host line written to the services' own log at its level. */
export function writeHostLine(logger: Logger, line: string): void {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    logger.warn({ line: line.slice(0, 2_000) }, 'unreadable log line from the host');
    return;
  }
  const { level, msg, time: _time, pid: _pid, hostname: _hostname, ...fields } = record;
  const label = LEVELS[Number(level)] ?? 'info';
  logger[label](fields, typeof msg === 'string' ? msg : 'host');
}
