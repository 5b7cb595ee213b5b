// Audit entries past their retention leave the table only after they are safe in a file: gzip'd JSON lines
// (one entry per line, the table's columns, summaries as JSON) under <dataDir>/archive/, written under a temporary
// name, flushed, renamed, and the folder flushed, so a power cut leaves either no file or a whole one. A cut
// between the rename and the delete archives those entries again next time: an entry may then be in two files
// (same id), never in none.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { AuditLog } from './schema';

/** The folder under the data folder that holds the archives (the backup copies it like any other file). */
export const ARCHIVE_FOLDER = 'archive';

export interface ArchivedAuditEntry {
  id: string;
  user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  created_at: string;
}

function parseSummary(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // the table checks json_valid; a hand-edited row is still kept, as text
  }
}

export function archivedEntry(row: AuditLog): ArchivedAuditEntry {
  return {
    id: row.id,
    user_id: row.user_id,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: parseSummary(row.before_summary),
    after: parseSummary(row.after_summary),
    created_at: row.created_at,
  };
}

/** 'audit-2025-06-01T12-00-00-000Z-1-9f3a.jsonl.gz': sorts by when it was written; never overwrites another. */
export function archiveFileName(writtenAt: Date, batch: number): string {
  const stamp = writtenAt.toISOString().replace(/[:.]/g, '-');
  return `audit-${stamp}-${batch}-${randomBytes(2).toString('hex')}.jsonl.gz`;
}

async function syncPath(target: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(target, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes the entries as one whole archive file in `archiveDir` and returns its path. */
export async function writeAuditArchive(
  archiveDir: string,
  rows: readonly AuditLog[],
  fileName: string,
): Promise<string> {
  await mkdir(archiveDir, { recursive: true });
  const final = path.join(archiveDir, fileName);
  const temporary = path.join(archiveDir, `.${fileName}.tmp-${randomBytes(4).toString('hex')}`);
  try {
    await pipeline(
      Readable.from(rows.map((row) => `${JSON.stringify(archivedEntry(row))}\n`)),
      createGzip(),
      createWriteStream(temporary, { flags: 'wx' }),
    );
    await syncPath(temporary, 'r+');
    await rename(temporary, final);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  // The rename is kept across a power cut only once the folder is flushed; some file systems refuse that.
  if (process.platform !== 'win32') await syncPath(archiveDir, 'r').catch(() => undefined);
  return final;
}

/** Reads an archive back, entry by entry (tests, and support looking for an old entry). */
export async function readAuditArchive(file: string): Promise<ArchivedAuditEntry[]> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const entries: ArchivedAuditEntry[] = [];
  for await (const line of lines) if (line.trim()) entries.push(JSON.parse(line) as ArchivedAuditEntry);
  return entries;
}
