// Refused sign-ins that never reached a PIN check (an unknown name, a locked person, too many tries) cost
// the sender nothing, so a burst of them must not cost the kiosk a row and a disk sync each. Per kind and
// per person (or, without one, per address) the first refusal of a minute writes an audit entry and the
// rest of that minute only raise its count.
import type { Kysely } from 'kysely';
import { updateAuditSummary, writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import type { UncheckedReason } from './pin-attempts';

export const REFUSAL_ENTRY_MINUTES = 1;
const WINDOW_MS = REFUSAL_ENTRY_MINUTES * 60_000;
/** Open entries remembered at most; past it the oldest are forgotten (their source may then get a second entry). */
const MAX_OPEN_ENTRIES = 10_000;

export type RefusalReason = UncheckedReason | 'too_many_attempts';

export interface Refusal {
  reason: RefusalReason;
  /** The person whose name was tapped, when that name exists. */
  userId: string | null;
  address: string;
  /** What the minute's first refusal looked like, e.g. which id was tried. */
  details?: Record<string, unknown>;
}

interface OpenEntry {
  startedAt: number;
  attempts: number;
  summary: Record<string, unknown>;
  id: Promise<string>;
  /** A count update already queued: it will write the latest count, so no second one is needed. */
  updating: Promise<void> | null;
}

export type RefusalLog = ReturnType<typeof createRefusalLog>;

export function createRefusalLog() {
  const open = new Map<string, OpenEntry>();

  function makeRoom(at: number): void {
    if (open.size < MAX_OPEN_ENTRIES) return;
    for (const [key, entry] of open) if (at - entry.startedAt >= WINDOW_MS) open.delete(key);
    for (const key of open.keys()) {
      if (open.size < MAX_OPEN_ENTRIES) break;
      open.delete(key);
    }
  }

  return {
    /** Writes or counts one refused sign-in ('sign_in_failed'). */
    async record(db: Kysely<Database>, refusal: Refusal, now: Date): Promise<void> {
      const at = now.getTime();
      const key = `${refusal.reason}|${refusal.userId ?? `address:${refusal.address}`}`;
      const current = open.get(key);
      if (current && at - current.startedAt < WINDOW_MS) {
        current.attempts += 1;
        current.updating ??= (async () => {
          const id = await current.id;
          current.updating = null;
          const summary = { ...current.summary, attempts: current.attempts, last_at: now.toISOString() };
          await updateAuditSummary(db, id, summary);
        })();
        return current.updating;
      }

      makeRoom(at);
      const summary = { reason: refusal.reason, ...refusal.details, address: refusal.address, attempts: 1 };
      const id = writeAuditLog(db, {
        userId: refusal.userId,
        action: 'sign_in_failed',
        entityType: 'session',
        after: summary,
      });
      const entry: OpenEntry = { startedAt: at, attempts: 1, summary, id, updating: null };
      open.set(key, entry);
      try {
        await id;
      } catch (error) {
        // Not written: the next refusal tries again instead of counting into a row that does not exist.
        if (open.get(key) === entry) open.delete(key);
        throw error;
      }
    },
  };
}
