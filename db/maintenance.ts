// The data model's maintenance functions (cleanup_expired_sessions, cleanup_old_audit_logs,
// get_recording_storage_usage, database size) as TypeScript over the database: SQLite has no stored functions.
// Old audit entries are archived to a file (audit-archive.ts) before they leave the table.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { archiveFileName, writeAuditArchive } from './audit-archive';
import { auditInsertionOrder } from './audit';
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

/** Entries per archive file: a first run after months of entries stays within bounded memory. */
export const AUDIT_ARCHIVE_BATCH = 10_000;
const DELETE_CHUNK = 500;

export interface AuditCleanupOptions {
  /** Where the archive files go (<dataDir>/archive): entries are deleted only once written there. */
  archiveDir: string;
  now?: Date;
  retentionDays?: number;
  batchSize?: number;
}

/**
 * Moves audit entries older than the retention window (90 days by default) into gzip'd JSON-lines files in
 * `archiveDir`, oldest first, and deletes each batch from the table only after its file is whole on disk.
 * Returns how many entries were archived and deleted, and the files written.
 */
export async function cleanupOldAuditLogs(
  db: Kysely<Database>,
  {
    archiveDir,
    now = new Date(),
    retentionDays = AUDIT_LOG_RETENTION_DAYS,
    batchSize = AUDIT_ARCHIVE_BATCH,
  }: AuditCleanupOptions,
): Promise<{ deleted: number; files: string[] }> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const files: string[] = [];
  let deleted = 0;
  for (let batch = 1; ; batch++) {
    const rows = await db
      .selectFrom('audit_logs')
      .selectAll()
      .where('created_at', '<', cutoff)
      .orderBy('created_at')
      .orderBy(auditInsertionOrder('audit_logs'))
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    files.push(await writeAuditArchive(archiveDir, rows, archiveFileName(now, batch)));
    const ids = rows.map((row) => row.id);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
        const result = await trx
          .deleteFrom('audit_logs')
          .where('id', 'in', ids.slice(i, i + DELETE_CHUNK))
          .executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
    });
    if (rows.length < batchSize) break;
  }
  return { deleted, files };
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
