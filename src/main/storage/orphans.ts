// Acting on the files check's orphans, after the admin confirmed the list: delete the files nothing uses, or give
// the files the database points at their storage row back ("adopt"). The check runs again first, so only files
// that are still orphans of that sort are touched; the rest are named with why they were left. The audit entry is
// written before any file is deleted (one entry per call, with the first hundred paths).
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import type { OrphansResult } from '../../shared/storage';
import { checkFiles, type ClassifiedOrphan } from './files-check';

const AUDITED_PATHS = 100;

export async function resolveOrphans(
  db: Kysely<Database>,
  dataDir: string,
  now: Date,
  { action, paths, userId }: { action: 'delete' | 'adopt'; paths: readonly string[]; userId: string },
): Promise<OrphansResult> {
  const check = await checkFiles(db, dataDir, now);
  const orphans = new Map(check.orphans.map((orphan) => [orphan.path, orphan]));
  const result: OrphansResult = { done: 0, bytes: 0, skipped: [] };
  const verb = (a: 'delete' | 'adopt') => (a === 'adopt' ? 'adopted' : 'deleted');
  const chosen: ClassifiedOrphan[] = [];
  for (const wanted of new Set(paths)) {
    const orphan = orphans.get(wanted);
    if (!orphan) {
      result.skipped.push({ path: wanted, reason: 'It is not an orphan now (or it is gone already).' });
    } else if (orphan.action === 'none') {
      result.skipped.push({ path: wanted, reason: 'It is a working file the kiosk looks after itself.' });
    } else if (orphan.action !== action) {
      result.skipped.push({
        path: wanted,
        reason: `This file is to be ${verb(orphan.action)}, not ${verb(action)}.`,
      });
    } else {
      chosen.push(orphan);
    }
  }
  if (chosen.length === 0) return result;

  const bytes = chosen.reduce((sum, orphan) => sum + orphan.bytes, 0);
  await db.transaction().execute(async (trx) => {
    if (action === 'adopt') {
      for (const orphan of chosen) {
        const adopt = orphan.adopt!;
        await trx
          .insertInto('storage_usage')
          .values({
            id: randomUUID(),
            recording_id: adopt.recordingId,
            scene_id: adopt.sceneId,
            kind: adopt.kind,
            path: orphan.path,
            bytes: orphan.bytes,
          })
          .execute();
      }
    }
    await writeAuditLog(trx, {
      userId,
      action: action === 'adopt' ? 'adopt_files' : 'delete_orphan_files',
      entityType: 'storage',
      after: { files: chosen.length, bytes, paths: chosen.slice(0, AUDITED_PATHS).map((o) => o.path) },
    });
  });
  if (action === 'adopt') return { ...result, done: chosen.length, bytes };

  for (const orphan of chosen) {
    // The walk listed this path without following a symlink or entering a linked folder, so removing it removes
    // the file (or the link itself) inside media/, never what a link points at.
    const removed = await rm(path.join(dataDir, ...orphan.path.split('/')), { force: true }).then(
      () => true,
      () => false,
    );
    if (removed) {
      result.done += 1;
      result.bytes += orphan.bytes;
    } else {
      result.skipped.push({ path: orphan.path, reason: 'It could not be deleted from the disk.' });
    }
  }
  return result;
}
