// Removing one flight's raw footage under the retention rules. A file goes when the newest verified backup holds
// it — the same path with the same size and SHA-256 as the file on disk now — or, failing that, when the admin
// typed the flight's passenger names. The database is changed first, in one transaction (storage rows out,
// media_removals rows in, one audit entry), and the files are deleted after it commits: a file that then cannot
// be deleted is left as an orphan the files check lists, and no file is ever gone without its audit entry.
import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import type { RemovalOutcome } from '../../shared/storage';
import { realPathInside } from '../security/paths';
import { sha256OfFile, type VerifiedFiles } from './verified-files';

export const REMOVE_FOOTAGE_ACTION = 'remove_footage';

export interface RawFileRow {
  id: string;
  path: string;
  bytes: number;
}

export interface RemovalRequest {
  dataDir: string;
  recordingId: string;
  passengerNames: string;
  rule: 'sold' | 'unsold';
  files: readonly RawFileRow[];
  verified: VerifiedFiles | null;
  /** The admin typed the passenger names: files the backup does not hold may go too. */
  confirmedByName: boolean;
  removedBy: string;
  now: Date;
  /** Hears the bytes of each file as it is hashed or passed over. */
  onBytes?(bytes: number): void;
}

interface Checked extends RawFileRow {
  /** The file on disk, symlinks followed; null when the row leads out of the data folder (never deleted). */
  absolute: string | null;
  /** Bytes on disk now (the row's when the file is already gone). */
  size: number;
  present: boolean;
  inBackup: boolean;
}

/** Whether the file on disk is the one the backup holds: same size first (cheap), then the same SHA-256. */
async function checkAgainstBackup(
  dataDir: string,
  row: RawFileRow,
  verified: VerifiedFiles | null,
  onBytes?: (bytes: number) => void,
): Promise<Checked> {
  const real = await realPathInside(dataDir, path.join(...row.path.split('/')));
  const info = real?.exists ? await stat(real.path).catch(() => null) : null;
  if (!real || !info?.isFile()) {
    onBytes?.(row.bytes);
    return { ...row, absolute: real?.path ?? null, size: row.bytes, present: false, inBackup: false };
  }
  const listed = verified?.files.get(row.path);
  if (!listed || listed.bytes !== info.size) {
    onBytes?.(info.size);
    return { ...row, absolute: real.path, size: info.size, present: true, inBackup: false };
  }
  const sha256 = await sha256OfFile(real.path, onBytes);
  return { ...row, absolute: real.path, size: info.size, present: true, inBackup: sha256 === listed.sha256 };
}

export async function removeFlightFootage(
  db: Kysely<Database>,
  request: RemovalRequest,
): Promise<RemovalOutcome> {
  const checked: Checked[] = [];
  for (const row of request.files) {
    checked.push(await checkAgainstBackup(request.dataDir, row, request.verified, request.onBytes));
  }
  // A row whose file is already gone goes with the rest: the footage is not there either way. A row that leads
  // out of the data folder (a hand-edited path, a symlink) is never acted on.
  const backedUp = checked.filter((file) => file.inBackup);
  const byName = request.confirmedByName
    ? checked.filter((file) => !file.inBackup && file.absolute !== null)
    : [];
  const kept = checked.length - backedUp.length - byName.length;
  const going = [...backedUp, ...byName];
  const outcome: RemovalOutcome = {
    recordingId: request.recordingId,
    passengerNames: request.passengerNames,
    removedFiles: 0,
    removedBytes: 0,
    keptFiles: kept,
    problem:
      kept > 0
        ? `${kept === 1 ? '1 file is' : `${kept} files are`} not in the newest verified backup, so ${kept === 1 ? 'it was' : 'they were'} kept. Back up first, or type the passenger names to remove ${kept === 1 ? 'it' : 'them'} anyway.`
        : null,
  };
  if (going.length === 0) return outcome;

  const bytesOf = (files: Checked[]) => files.reduce((sum, file) => sum + file.size, 0);
  const now = request.now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('storage_usage')
      .where(
        'id',
        'in',
        going.map((file) => file.id),
      )
      .execute();
    const removals: Array<[Checked[], string | null]> = [
      [backedUp, request.verified?.generation ?? null],
      [byName, null],
    ];
    for (const [files, generation] of removals) {
      if (files.length === 0) continue;
      await trx
        .insertInto('media_removals')
        .values({
          id: randomUUID(),
          recording_id: request.recordingId,
          kind: 'raw',
          files: files.length,
          bytes: bytesOf(files),
          backup_generation: generation,
          removed_by: request.removedBy,
          removed_at: now,
        })
        .execute();
    }
    // No passenger names in the entry: the flight's id says which, and names are the customer's.
    await writeAuditLog(trx, {
      userId: request.removedBy,
      action: REMOVE_FOOTAGE_ACTION,
      entityType: 'recording',
      entityId: request.recordingId,
      before: { rawFiles: checked.length, bytes: bytesOf(checked) },
      after: {
        rule: request.rule,
        removedFiles: going.length,
        removedBytes: bytesOf(going),
        inBackup: backedUp.length,
        backupGeneration: backedUp.length > 0 ? (request.verified?.generation ?? null) : null,
        confirmedByName: byName.length,
        alreadyMissing: going.filter((file) => !file.present).length,
        kept,
      },
    });
  });

  const failed: string[] = [];
  for (const file of going) {
    if (!file.present || !file.absolute) continue;
    await rm(file.absolute, { force: true }).catch(() => failed.push(file.path));
  }
  outcome.removedFiles = going.length - failed.length;
  outcome.removedBytes = bytesOf(going.filter((file) => !failed.includes(file.path)));
  if (failed.length > 0) {
    outcome.problem = [
      outcome.problem,
      `${failed.length === 1 ? '1 file' : `${failed.length} files`} could not be deleted from the disk. Run the files check: it lists ${failed.length === 1 ? 'it' : 'them'} to delete.`,
    ]
      .filter(Boolean)
      .join(' ');
  }
  return outcome;
}

/** Each flight's raw footage rows, by flight. */
export async function rawFilesOf(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, RawFileRow[]>> {
  const byFlight = new Map<string, RawFileRow[]>();
  if (ids.length === 0) return byFlight;
  const rows = await db
    .selectFrom('storage_usage')
    .select(['id', 'recording_id', 'path', 'bytes'])
    .where('kind', '=', 'raw')
    .where('recording_id', 'in', [...ids])
    .orderBy('path')
    .execute();
  for (const row of rows) {
    const list = byFlight.get(row.recording_id) ?? [];
    list.push({ id: row.id, path: row.path, bytes: row.bytes });
    byFlight.set(row.recording_id, list);
  }
  return byFlight;
}
