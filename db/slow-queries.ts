// Records statements that took longer than a threshold into slow_queries, for the admin's Kiosk health screen.
// It sits in kysely's `log` hook, so every query costs one comparison; the rare slow one is queued and written
// on the raw handle a moment later, when no transaction is open: it never joins (or dies with) the work it
// timed, and the insert itself never passes through the hook, so it cannot record itself.
import type Sqlite from 'better-sqlite3';
import type { LogEvent } from 'kysely';

/** Slower than this is worth an admin's look: a kiosk screen's queries take a few milliseconds. */
export const SLOW_QUERY_MS = 100;
/** The table keeps the newest this many: enough to see a pattern, never a growing table. */
export const SLOW_QUERIES_KEPT = 500;
/** The column's CHECK. */
const STATEMENT_MAX = 4000;
/** A write waits this long for a transaction in progress to end, then tries again. */
const RETRY_MS = 25;
/** More than this many queued (a storm of slow queries) and the oldest queued are dropped. */
const QUEUE_MAX = 100;

export interface SlowQueryRecorderOptions {
  thresholdMs?: number;
  kept?: number;
}

export interface SlowQueryRecorder {
  /** Kysely's `log` option. */
  log(event: LogEvent): void;
  /** Recording starts once the schema has the table (after migrations). */
  start(): void;
  /** Writes what is queued now (if it can) and stops recording: call before closing the handle. */
  stop(): void;
}

interface Pending {
  statement: string;
  durationMs: number;
  recordedAt: string;
}

export function createSlowQueryRecorder(
  sqlite: Sqlite.Database,
  options: SlowQueryRecorderOptions = {},
): SlowQueryRecorder {
  const thresholdMs = options.thresholdMs ?? SLOW_QUERY_MS;
  const kept = Math.max(1, Math.trunc(options.kept ?? SLOW_QUERIES_KEPT));
  let recording = false;
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let insert: Sqlite.Statement | null = null;
  let trim: Sqlite.Statement | null = null;

  const write = (): void => {
    timer = null;
    if (queue.length === 0 || !sqlite.open) return;
    if (sqlite.inTransaction) {
      schedule(RETRY_MS);
      return;
    }
    const batch = queue;
    queue = [];
    try {
      insert ??= sqlite.prepare(
        'INSERT INTO slow_queries (statement, duration_ms, recorded_at) VALUES (?, ?, ?)',
      );
      trim ??= sqlite.prepare(
        'DELETE FROM slow_queries WHERE id <= (SELECT id FROM slow_queries ORDER BY id DESC LIMIT 1 OFFSET ?)',
      );
      const add = insert;
      const keepNewest = trim;
      sqlite.transaction(() => {
        for (const row of batch) add.run(row.statement, row.durationMs, row.recordedAt);
        keepNewest.run(kept);
      })();
    } catch {
      // A health figure, not data: a full disk or a lock held by another program loses it, nothing else.
    }
  };

  function schedule(delayMs: number): void {
    if (timer) return;
    timer = setTimeout(write, delayMs);
    // A queued figure must not keep a finished process (a test, a CLI) alive.
    timer.unref();
  }

  return {
    log(event) {
      if (!recording || event.level !== 'query' || event.queryDurationMillis < thresholdMs) return;
      if (queue.length >= QUEUE_MAX) queue.shift();
      queue.push({
        statement: event.query.sql.slice(0, STATEMENT_MAX),
        durationMs: Math.round(event.queryDurationMillis * 10) / 10,
        recordedAt: new Date().toISOString(),
      });
      schedule(0);
    },
    start() {
      recording = true;
    },
    stop() {
      recording = false;
      if (timer) clearTimeout(timer);
      timer = null;
      if (!sqlite.inTransaction) write();
      queue = [];
    },
  };
}
