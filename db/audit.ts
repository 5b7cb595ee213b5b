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

/** Call inside the transaction that makes the change, so the log and the change commit together. */
export async function writeAuditLog(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_logs')
    .values({
      id: randomUUID(),
      user_id: entry.userId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      before_summary: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_summary: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/**
 * Insertion order of audit entries, for entries written in the same millisecond (a sign-in right after
 * setup): ids are random, so only SQLite's rowid remembers which came first. `alias` names audit_logs.
 */
export function auditInsertionOrder(alias: string): RawBuilder<number> {
  return sql<number>`${sql.ref(`${alias}.rowid`)}`;
}
