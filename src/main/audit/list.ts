// The audit log for the admin screen: newest first, filtered by action, kind of record or person, with the
// person's name and the before/after summaries as values rather than JSON text.
import type { Kysely } from 'kysely';
import { auditInsertionOrder } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import type { AuditEntryView } from '../../shared/audit';
import type { Page } from '../../shared/define';

export interface AuditQuery {
  limit: number;
  offset: number;
  action?: string | undefined;
  entityType?: string | undefined;
  userId?: string | undefined;
}

/** A summary that is not valid JSON (the column CHECK forbids it, but a restored backup might) shows as text. */
function parseSummary(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function listAuditEntries(
  db: Kysely<Database>,
  { limit, offset, action, entityType, userId }: AuditQuery,
): Promise<Page<AuditEntryView>> {
  const filtered = db
    .selectFrom('audit_logs as a')
    .$if(action !== undefined, (qb) => qb.where('a.action', '=', action ?? ''))
    .$if(entityType !== undefined, (qb) => qb.where('a.entity_type', '=', entityType ?? ''))
    .$if(userId !== undefined, (qb) => qb.where('a.user_id', '=', userId ?? ''));
  const [rows, count] = await Promise.all([
    filtered
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select([
        'a.id',
        'a.created_at',
        'a.user_id',
        'u.name as user_name',
        'a.action',
        'a.entity_type',
        'a.entity_id',
        'a.before_summary',
        'a.after_summary',
      ])
      .orderBy('a.created_at', 'desc')
      .orderBy(auditInsertionOrder('a'), 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      userId: row.user_id,
      userName: row.user_name,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: parseSummary(row.before_summary),
      after: parseSummary(row.after_summary),
    })),
    total: Number(count.total),
  };
}
