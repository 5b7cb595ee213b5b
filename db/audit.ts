// Writes audit_logs rows: who changed what, with small before/after summaries (not whole rows).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema';

export interface AuditEntry {
  userId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Call inside the transaction that makes the change, so the log and the change commit together. Returns the
 * entry's id.
 */
export async function writeAuditLog(db: Kysely<Database>, entry: AuditEntry): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('audit_logs')
    .values({
      id,
      user_id: entry.userId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      before_summary: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_summary: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
  return id;
}

/** Replaces an entry's after summary: for entries that count repeats (refused sign-ins) instead of adding rows. */
export async function updateAuditSummary(db: Kysely<Database>, id: string, after: unknown): Promise<void> {
  await db
    .updateTable('audit_logs')
    .set({ after_summary: JSON.stringify(after) })
    .where('id', '=', id)
    .execute();
}

/**
 * Insertion order of audit entries, for entries written in the same millisecond (a sign-in right after
 * setup): ids are random, so only SQLite's rowid remembers which came first. `alias` names audit_logs.
 */
export function auditInsertionOrder(alias: string): RawBuilder<number> {
  return sql<number>`${sql.ref(`${alias}.rowid`)}`;
}
