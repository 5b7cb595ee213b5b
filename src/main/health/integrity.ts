// The database's full integrity check: on demand from the health screen and weekly on a timer of its own. The
// last result is kept in the settings table, so the screen can say when the file was last found sound even
// after a restart. Only one check runs at a time; asking while one runs waits for that one.
import type { Kysely } from 'kysely';
import { checkDatabaseIntegrity, type IntegrityCheckResult } from '../../../db/integrity-check';
import type { Database } from '../../../db/schema';
import {
  INTEGRITY_CHECK_EVERY_DAYS,
  type IntegrityCheckView,
  type IntegrityStatus,
} from '../../shared/health';

/** The settings row holding the last check (JSON, like every setting). */
export const INTEGRITY_SETTING = 'integrity_check';
const WEEK_MS = INTEGRITY_CHECK_EVERY_DAYS * 86_400_000;

export async function readLastIntegrityCheck(db: Kysely<Database>): Promise<IntegrityCheckView | null> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', INTEGRITY_SETTING)
    .executeTakeFirst();
  if (!row) return null;
  try {
    const value = JSON.parse(row.value) as Partial<IntegrityCheckView>;
    // A hand-edited or half-written row reads as "never checked", which only makes the schedule check again.
    if (typeof value.checkedAt !== 'string' || Number.isNaN(Date.parse(value.checkedAt))) return null;
    if (value.outcome !== 'ok' && value.outcome !== 'damaged' && value.outcome !== 'not-run') return null;
    return {
      checkedAt: value.checkedAt,
      outcome: value.outcome,
      problems: Array.isArray(value.problems) ? value.problems.map(String).slice(0, 20) : [],
      durationMs: typeof value.durationMs === 'number' ? value.durationMs : 0,
      trigger: value.trigger === 'weekly' ? 'weekly' : 'admin',
    };
  } catch {
    return null;
  }
}

async function saveIntegrityCheck(db: Kysely<Database>, view: IntegrityCheckView): Promise<void> {
  const value = JSON.stringify(view);
  await db
    .insertInto('settings')
    .values({ key: INTEGRITY_SETTING, value, updated_at: view.checkedAt })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: view.checkedAt }))
    .execute();
}

export interface IntegrityCheckerOptions {
  db(): Kysely<Database>;
  /** The database file (the check opens a connection of its own). */
  databasePath: string;
  now(): Date;
  /** Told every finished check (the app logs it; a damaged file as an error). */
  onChecked?(view: IntegrityCheckView): void;
  /** The check itself; tests may point it at another file. */
  check?(path: string): Promise<IntegrityCheckResult>;
}

export interface IntegrityChecker {
  status(): Promise<IntegrityStatus>;
  /** Runs a check now, or waits for the one running; resolves with the status after it. */
  run(trigger: IntegrityCheckView['trigger']): Promise<IntegrityStatus>;
  /** Resolves when no check is running. */
  idle(): Promise<void>;
}

export function createIntegrityChecker(options: IntegrityCheckerOptions): IntegrityChecker {
  const check = options.check ?? ((path: string) => checkDatabaseIntegrity(path));
  let running: Promise<void> | null = null;

  async function status(): Promise<IntegrityStatus> {
    const last = await readLastIntegrityCheck(options.db());
    const nextWeekly = last ? Date.parse(last.checkedAt) + WEEK_MS : options.now().getTime();
    return { last, running: running !== null, nextWeeklyAt: new Date(nextWeekly).toISOString() };
  }

  async function runOnce(trigger: IntegrityCheckView['trigger']): Promise<void> {
    const started = performance.now();
    let view: IntegrityCheckView;
    try {
      const result = await check(options.databasePath);
      view = {
        checkedAt: options.now().toISOString(),
        outcome: result.ok ? 'ok' : 'damaged',
        problems: result.problems,
        durationMs: Math.round(performance.now() - started),
        trigger,
      };
    } catch (error) {
      view = {
        checkedAt: options.now().toISOString(),
        outcome: 'not-run',
        problems: [(error as Error).message],
        durationMs: Math.round(performance.now() - started),
        trigger,
      };
    }
    // Kept even when damaged: the result is what the admin needs to see. A write that fails (the damage may be
    // in the settings table itself) leaves the result unsaved, and the error reaches the screen.
    try {
      await saveIntegrityCheck(options.db(), view);
    } finally {
      options.onChecked?.(view);
    }
  }

  return {
    status,
    async run(trigger) {
      running ??= runOnce(trigger).finally(() => {
        running = null;
      });
      await running;
      return status();
    },
    idle: async () => {
      await running?.catch(() => undefined);
    },
  };
}

export interface WeeklyIntegrityCheck {
  /** Runs the check if a week has passed since the last one (or there was none); true when it ran. */
  tick(): Promise<boolean>;
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * Looks every `pollMs` (an hour) whether a check is due, first `firstPollMs` after start: a kiosk switched off
 * every night still gets its weekly check, and the morning start is not slowed by one. Timers are unref'd.
 */
export function startWeeklyIntegrityCheck({
  checker,
  now,
  onError,
  pollMs = HOUR_MS,
  firstPollMs = 10 * 60_000,
}: {
  checker: IntegrityChecker;
  now(): Date;
  onError?(error: unknown): void;
  pollMs?: number;
  firstPollMs?: number;
}): WeeklyIntegrityCheck {
  let stopped = false;
  const tick = async (): Promise<boolean> => {
    if (stopped) return false;
    const current = await checker.status();
    if (current.running || Date.parse(current.nextWeeklyAt) > now().getTime()) return false;
    await checker.run('weekly');
    return true;
  };
  const poll = () => {
    tick().catch((error: unknown) => onError?.(error));
  };
  let interval: NodeJS.Timeout | null = null;
  const first = setTimeout(() => {
    poll();
    interval = setInterval(poll, pollMs);
    interval.unref();
  }, firstPollMs);
  first.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(first);
      if (interval) clearInterval(interval);
      await checker.idle();
    },
  };
}
