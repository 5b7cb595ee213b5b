// Applying the retention rules to the flights an admin picked from the preview. Each flight is decided again
// now (the preview may be old: a sale may have been refunded, a video started), and its files go through
// removeFlightFootage, which keeps what the newest verified backup does not hold unless the passenger names were
// typed. Every flight gets an outcome the screen can show: what went, what stayed and why.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import {
  namesMatch,
  type RemovalOutcome,
  type RetentionApplyResult,
  type StorageProgress,
} from '../../shared/storage';
import { rawFilesOf, removeFlightFootage } from './removal';
import { flownBeforeFor, readFlightFacts, readRetentionRules, retentionVerdict } from './retention';
import type { VerifiedFiles } from './verified-files';

export interface ApplyRequest {
  db: Kysely<Database>;
  dataDir: string;
  now: Date;
  picked: ReadonlyArray<{ recordingId: string; typedNames?: string }>;
  userId: string;
  verified: VerifiedFiles | null;
  onProgress?(progress: Omit<StorageProgress, 'operation'>): void;
}

export async function applyRetention(request: ApplyRequest): Promise<RetentionApplyResult> {
  const { db, dataDir, now, picked, userId, verified } = request;
  const ids = picked.map((flight) => flight.recordingId);
  const rules = await readRetentionRules(db);
  const flownBefore = flownBeforeFor(rules, now);
  const facts = new Map(
    (flownBefore ? await readFlightFacts(db, { flownBefore, ids }) : []).map((f) => [f.recordingId, f]),
  );
  const files = await rawFilesOf(db, [...facts.keys()]);
  const names = new Map(
    (
      await db
        .selectFrom('flight_recordings')
        .select(['id', 'passenger_names'])
        .where('id', 'in', ids)
        .execute()
    ).map((row) => [row.id, row.passenger_names]),
  );
  const all = [...files.values()].flat();
  const progress = { filesDone: 0, filesTotal: all.length, bytesDone: 0, bytesTotal: 0, done: false };
  progress.bytesTotal = all.reduce((sum, row) => sum + row.bytes, 0);
  request.onProgress?.({ ...progress });

  const outcomes: RemovalOutcome[] = [];
  for (const { recordingId, typedNames } of picked) {
    const fact = facts.get(recordingId);
    const leftAlone = (problem: string): RemovalOutcome => ({
      recordingId,
      passengerNames: fact?.passengerNames ?? names.get(recordingId) ?? '',
      removedFiles: 0,
      removedBytes: 0,
      keptFiles: 0,
      problem,
    });
    if (!names.has(recordingId)) {
      outcomes.push(leftAlone('That flight is no longer on this kiosk.'));
      continue;
    }
    const verdict = fact ? retentionVerdict(fact, rules, now) : null;
    if (!fact || !verdict?.due) {
      const why = verdict && !verdict.due ? verdict.heldBack : null;
      outcomes.push(
        leftAlone(
          why
            ? `Kept: ${why}`
            : 'Kept: no rule removes its footage now (it has none left, or it is not old enough).',
        ),
      );
      continue;
    }
    const typed = typedNames?.trim() ? typedNames : undefined;
    const confirmedByName = typed !== undefined && namesMatch(typed, fact.passengerNames);
    const rows = files.get(recordingId) ?? [];
    const outcome = await removeFlightFootage(db, {
      dataDir,
      recordingId,
      passengerNames: fact.passengerNames,
      rule: verdict.rule,
      files: rows,
      verified,
      confirmedByName,
      removedBy: userId,
      now,
      onBytes: (bytes) => {
        progress.bytesDone += bytes;
        request.onProgress?.({ ...progress });
      },
    });
    progress.filesDone += rows.length;
    if (typed !== undefined && !confirmedByName && outcome.keptFiles > 0) {
      outcome.problem = `The names typed are not “${fact.passengerNames}”. ${outcome.problem ?? ''}`.trim();
    }
    outcomes.push(outcome);
  }
  request.onProgress?.({
    ...progress,
    filesDone: progress.filesTotal,
    bytesDone: progress.bytesTotal,
    done: true,
  });
  return {
    flights: outcomes,
    removedFiles: outcomes.reduce((sum, o) => sum + o.removedFiles, 0),
    removedBytes: outcomes.reduce((sum, o) => sum + o.removedBytes, 0),
  };
}
