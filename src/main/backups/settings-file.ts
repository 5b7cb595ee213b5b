// <dataDir>/backup.json: where backups go, when, how many to keep, and the last runs. A file and not the database,
// so the recovery screen can still read it when the database is damaged. Written whole (temp file, flush,
// rename), so a power cut leaves the old file or the new one, never half of either.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_KEEP_GENERATIONS,
  HISTORY_LENGTH,
  MAX_KEEP_GENERATIONS,
  type BackupRun,
  type BackupSettings,
} from '../../shared/backups';
import { flushFile, syncDirectory } from '../files/durable';

export const BACKUP_SETTINGS_FILE = 'backup.json';

export interface BackupFile extends BackupSettings {
  /** Newest first, at most HISTORY_LENGTH. */
  history: BackupRun[];
}

export const EMPTY_BACKUP_FILE: BackupFile = {
  target: null,
  dailyAt: null,
  keepGenerations: DEFAULT_KEEP_GENERATIONS,
  history: [],
};

const text = z.string().max(2_000);
const count = z.number().int().nonnegative();
const runSchema = z.object({
  id: z.string().min(1).max(100),
  kind: z.enum(['backup', 'restore']),
  trigger: z.enum(['manual', 'daily', 'first-start', 'recovery']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  outcome: z.enum(['verified', 'failed', 'cancelled', 'skipped']),
  root: text,
  generation: text.nullable(),
  generationCreatedAt: z.iso.datetime().nullable(),
  filesCopied: count,
  bytesCopied: count,
  filesTotal: count,
  bytesTotal: count,
  message: text.nullable(),
});

/** Lenient where it can be: a run that does not read is dropped, not the whole file. */
const fileSchema = z.object({
  target: text.nullable().catch(null),
  dailyAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable()
    .catch(null),
  keepGenerations: z.number().int().min(1).max(MAX_KEEP_GENERATIONS).catch(DEFAULT_KEEP_GENERATIONS),
  history: z
    .array(z.unknown())
    .catch([])
    .transform((runs) =>
      runs.flatMap((run) => {
        const parsed = runSchema.safeParse(run);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
});

export function backupFilePath(dataDir: string): string {
  return path.join(dataDir, BACKUP_SETTINGS_FILE);
}

/** The file as saved; the defaults when there is none or it cannot be read (nothing is lost that a backup needs). */
export async function readBackupFile(dataDir: string): Promise<BackupFile> {
  let raw: string;
  try {
    raw = await readFile(backupFilePath(dataDir), 'utf8');
  } catch {
    return { ...EMPTY_BACKUP_FILE, history: [] };
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { ...parsed.data, history: parsed.data.history.slice(0, HISTORY_LENGTH) };
  } catch {
    // Not JSON: treated as no file.
  }
  return { ...EMPTY_BACKUP_FILE, history: [] };
}

export async function writeBackupFile(dataDir: string, file: BackupFile): Promise<void> {
  const final = backupFilePath(dataDir);
  const temporary = `${final}.${randomBytes(4).toString('hex')}.tmp`;
  const body: BackupFile = {
    target: file.target,
    dailyAt: file.dailyAt,
    keepGenerations: file.keepGenerations,
    history: file.history.slice(0, HISTORY_LENGTH),
  };
  try {
    await writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
    await flushFile(temporary);
    await rename(temporary, final);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dataDir);
}

/** Puts a run first in the history, dropping the oldest beyond HISTORY_LENGTH. */
export function withRun(file: BackupFile, run: BackupRun): BackupFile {
  return { ...file, history: mergeHistories([run], file.history) };
}

/** Both lists' runs once each (by id), newest first, at most HISTORY_LENGTH. */
export function mergeHistories(...lists: BackupRun[][]): BackupRun[] {
  const byId = new Map<string, BackupRun>();
  for (const run of lists.flat()) if (!byId.has(run.id)) byId.set(run.id, run);
  return [...byId.values()]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.finishedAt.localeCompare(a.finishedAt))
    .slice(0, HISTORY_LENGTH);
}

/** The newest verified backup in a history, for the status strip, the health screen and retention. */
export function lastVerified(history: readonly BackupRun[]): BackupRun | null {
  return (
    history
      .filter((run) => run.kind === 'backup' && run.outcome === 'verified' && run.generation !== null)
      .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))[0] ?? null
  );
}
