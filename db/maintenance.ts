// The data model's maintenance functions (cleanup_expired_sessions, cleanup_old_audit_logs,
// get_recording_storage_usage, database size) as TypeScript over the database: SQLite has no stored functions.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { STORAGE_KINDS } from './schema';
import type { Database, StorageKind } from './schema';

export const AUDIT_LOG_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes sessions whose expiry has passed. Returns how many were removed. */
export async function cleanupExpiredSessions(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('user_sessions')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes audit entries older than the retention window (90 days by default). Returns how many. */
export async function cleanupOldAuditLogs(
  db: Kysely<Database>,
  { now = new Date(), retentionDays = AUDIT_LOG_RETENTION_DAYS }: { now?: Date; retentionDays?: number } = {},
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const result = await db.deleteFrom('audit_logs').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface RecordingStorageUsage {
  recordingId: string;
  totalBytes: number;
  fileCount: number;
  bytesByKind: Record<StorageKind, number>;
}

/** Bytes on disk for one recording, in total and per kind (raw footage, exports, photos, thumbnails). */
export async function getRecordingStorageUsage(
  db: Kysely<Database>,
  recordingId: string,
): Promise<RecordingStorageUsage> {
  const rows = await db
    .selectFrom('storage_usage')
    .select([
      'kind',
      (eb) => eb.fn.sum<number>('bytes').as('bytes'),
      (eb) => eb.fn.countAll<number>().as('files'),
    ])
    .where('recording_id', '=', recordingId)
    .groupBy('kind')
    .execute();
  const bytesByKind = Object.fromEntries(STORAGE_KINDS.map((kind) => [kind, 0])) as Record<
    StorageKind,
    number
  >;
  let totalBytes = 0;
  let fileCount = 0;
  for (const row of rows) {
    bytesByKind[row.kind] = Number(row.bytes);
    totalBytes += Number(row.bytes);
    fileCount += Number(row.files);
  }
  return { recordingId, totalBytes, fileCount, bytesByKind };
}

export interface DatabaseSize {
  /** Pages in use times page size: the database as readers see it, including committed WAL content. */
  bytes: number;
  /** Of which pages on the free list, reclaimable by VACUUM. */
  freeBytes: number;
  pageSize: number;
  pageCount: number;
}

export async function databaseSize(db: Kysely<Database>): Promise<DatabaseSize> {
  const { rows } = await sql<{ page_size: number; page_count: number; freelist_count: number }>`
    SELECT page_size, page_count, freelist_count
    FROM pragma_page_size(), pragma_page_count(), pragma_freelist_count()
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error('SQLite returned no page counts');
  return {
    bytes: row.page_count * row.page_size,
    freeBytes: row.freelist_count * row.page_size,
    pageSize: row.page_size,
    pageCount: row.page_count,
  };
}
