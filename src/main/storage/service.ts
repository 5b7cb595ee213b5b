// The Storage screen's service: the overview of the disk, the retention rules with their preview and applying
// them, and the files check with what to do about orphans. Removing footage and acting on orphans run one at a
// time, and both report progress; nothing is removed that the rules do not allow at the moment it is applied.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ARCHIVE_FOLDER } from '../../../db/audit-archive';
import type {
  FilesCheck,
  OrphansResult,
  RetentionApplyResult,
  RetentionFlight,
  RetentionPreview,
  RetentionRules,
  StorageOverview,
  StorageProgress,
} from '../../shared/storage';
import { DATABASE_FILE } from '../config';
import type { DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import type { EventHub } from '../ipc/events';
import { readKioskSettings } from '../settings/service';
import { readStorageStatus } from '../system/storage-status';
import { checkFiles } from './files-check';
import { readGrowthInput, storageGrowth } from './growth';
import { applyRetention } from './apply';
import { resolveOrphans } from './orphans';
import { rawFilesOf } from './removal';
import {
  flownBeforeFor,
  readFlightFacts,
  readRetentionRules,
  retentionVerdict,
  updateRetentionRules,
} from './retention';
import { usageByFlight, usageByKind, removedSoFar } from './usage';
import type { VerifiedFiles } from './verified-files';

export interface StorageServiceOptions {
  dataDir: string;
  data: DataAccess;
  logger: Logger;
  events: EventHub;
  /** The newest verified backup's files, or null when there is none (then nothing goes without names typed). */
  verifiedFiles(): Promise<VerifiedFiles | null>;
}

export interface StorageService {
  overview(page: { limit: number; offset: number }): Promise<StorageOverview>;
  rules(): Promise<RetentionRules>;
  setRules(change: Partial<RetentionRules>, userId: string): Promise<RetentionRules>;
  preview(): Promise<RetentionPreview>;
  apply(
    flights: ReadonlyArray<{ recordingId: string; typedNames?: string }>,
    userId: string,
  ): Promise<RetentionApplyResult>;
  check(): Promise<FilesCheck>;
  resolveOrphans(
    action: 'delete' | 'adopt',
    paths: readonly string[],
    userId: string,
  ): Promise<OrphansResult>;
}

const PROGRESS_EVERY_MS = 200;

async function folderBytes(folder: string): Promise<number> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    if (entry.isFile()) total += (await stat(path.join(folder, entry.name)).catch(() => null))?.size ?? 0;
  }
  return total;
}

async function fileBytes(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.size ?? 0;
}

export function createStorageService(options: StorageServiceOptions): StorageService {
  const { dataDir, data, logger, events } = options;
  /** Removing footage or acting on orphans: one at a time. */
  let busy = false;

  async function readVerified(): Promise<VerifiedFiles | null> {
    try {
      return await options.verifiedFiles();
    } catch (error) {
      // An unreadable backup counts as none: nothing goes unless the admin types the names.
      logger.warn({ err: error }, 'the newest verified backup could not be read');
      return null;
    }
  }

  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (busy) {
      throw new AppFailure(
        'CONFLICT',
        'Files are being removed or checked already. Wait until that has finished, then try again.',
      );
    }
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  }

  function progressEmitter(operation: StorageProgress['operation']) {
    let last = 0;
    return (progress: Omit<StorageProgress, 'operation'>) => {
      const now = Date.now();
      if (!progress.done && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      events.emit('storage.progress', { operation, ...progress });
    };
  }

  return {
    async overview(page) {
      const db = data.db();
      const now = data.now();
      const utcOffsetMinutes = data.utcOffsetMinutes(now);
      const lowBytes = (await readKioskSettings(db)).minFreeDiskGb * 1024 ** 3;
      const [byKind, flights, disk, growthInput, removed, databaseBytes, archiveBytes] = await Promise.all([
        usageByKind(db),
        usageByFlight(db, page),
        readStorageStatus(dataDir, lowBytes),
        readGrowthInput(db, now, utcOffsetMinutes),
        removedSoFar(db),
        Promise.all(
          ['', '-wal'].map((suffix) => fileBytes(path.join(dataDir, `${DATABASE_FILE}${suffix}`))),
        ).then(([main = 0, wal = 0]) => main + wal),
        folderBytes(path.join(dataDir, ARCHIVE_FOLDER)),
      ]);
      return {
        totalBytes: byKind.reduce((sum, kind) => sum + kind.bytes, 0),
        files: byKind.reduce((sum, kind) => sum + kind.files, 0),
        byKind,
        flights,
        disk: { freeBytes: disk.freeBytes, totalBytes: disk.totalBytes, lowBytes },
        growth: storageGrowth({ ...growthInput, now, utcOffsetMinutes, freeBytes: disk.freeBytes, lowBytes }),
        databaseBytes,
        archiveBytes,
        removed,
      };
    },

    rules: () => readRetentionRules(data.db()),

    setRules: (change, userId) => updateRetentionRules(data.db(), change, userId),

    async preview() {
      const db = data.db();
      const now = data.now();
      const rules = await readRetentionRules(db);
      const verified = await readVerified();
      const backup = verified ? { generation: verified.generation, createdAt: verified.createdAt } : null;
      const flownBefore = flownBeforeFor(rules, now);
      const preview: RetentionPreview = { rules, backup, flights: [], heldBack: [], bytes: 0 };
      if (!flownBefore) return preview;
      const facts = await readFlightFacts(db, { flownBefore });
      const files = await rawFilesOf(
        db,
        facts.map((fact) => fact.recordingId),
      );
      for (const fact of facts) {
        const rows = files.get(fact.recordingId) ?? [];
        const verdict = retentionVerdict(fact, rules, now);
        const flight = {
          recordingId: fact.recordingId,
          passengerNames: fact.passengerNames,
          flightAt: fact.flightAt,
        };
        if (!verdict.due) {
          if (verdict.heldBack) {
            preview.heldBack.push({
              ...flight,
              bytes: rows.reduce((sum, row) => sum + row.bytes, 0),
              reason: verdict.heldBack,
            });
          }
          continue;
        }
        const listed: RetentionFlight['files'] = [];
        for (const row of rows) {
          // The size on disk now; the row's when the file is gone. The SHA-256 is compared when applying.
          const size = (await stat(path.join(dataDir, ...row.path.split('/'))).catch(() => null))?.size;
          const bytes = size ?? row.bytes;
          const entry = verified?.files.get(row.path);
          listed.push({ path: row.path, bytes, inBackup: size !== undefined && entry?.bytes === size });
        }
        const bytes = listed.reduce((sum, file) => sum + file.bytes, 0);
        preview.flights.push({
          ...flight,
          rule: verdict.rule,
          reason: verdict.reason,
          files: listed,
          bytes,
          allInBackup: listed.every((file) => file.inBackup),
        });
        preview.bytes += bytes;
      }
      return preview;
    },

    apply: (picked, userId) =>
      exclusive(async () => {
        const result = await applyRetention({
          db: data.db(),
          dataDir,
          now: data.now(),
          picked,
          userId,
          verified: await readVerified(),
          onProgress: progressEmitter('apply'),
        });
        logger.info(
          {
            flights: picked.length,
            removedFiles: result.removedFiles,
            removedBytes: result.removedBytes,
            by: userId,
          },
          'retention rules applied',
        );
        return result;
      }),

    async check() {
      const emit = progressEmitter('check');
      const result = await checkFiles(data.db(), dataDir, data.now(), (count) =>
        emit({ filesDone: count, filesTotal: 0, bytesDone: 0, bytesTotal: 0, done: false }),
      );
      emit({
        filesDone: result.filesOnDisk,
        filesTotal: result.filesOnDisk,
        bytesDone: 0,
        bytesTotal: 0,
        done: true,
      });
      return {
        ...result,
        orphans: result.orphans.map(({ adopt: _adopt, ...orphan }) => orphan),
      };
    },

    resolveOrphans: (action, paths, userId) =>
      exclusive(async () => {
        const result = await resolveOrphans(data.db(), dataDir, data.now(), { action, paths, userId });
        logger.info({ action, files: result.done, bytes: result.bytes, by: userId }, 'orphan files resolved');
        return result;
      }),
  };
}
