// What a restored data folder needs before the kiosk starts on it, while the main services are stopped:
//   - nobody stays signed in: sessions in the backup were live when it was made, and screens go back to sign-in;
//   - the audit log says who restored what;
//   - backup.json keeps the newer of the two histories (the copy in the backup was written before that backup
//     finished, so it does not know itself) and the live settings, unless this kiosk had none (first start).
import path from 'node:path';
import type { Logger } from 'pino';
import { writeAuditLog } from '../../../db/audit';
import { openDatabase } from '../../../db/open';
import type { BackupRun } from '../../shared/backups';
import { DATABASE_FILE } from '../config';
import { mergeHistories, readBackupFile, writeBackupFile, type BackupFile } from './settings-file';

export interface AfterRestoreOptions {
  dataDir: string;
  /** backup.json as it was in the data folder that the restore replaced. */
  live: BackupFile;
  run: BackupRun;
  /** The admin who restored (null at first start or recovery); named in the audit entry if the backup knows them. */
  userId: string | null;
  logger: Logger;
}

export async function settleRestoredData({
  dataDir,
  live,
  run,
  userId,
  logger,
}: AfterRestoreOptions): Promise<void> {
  try {
    const database = await openDatabase(path.join(dataDir, DATABASE_FILE));
    try {
      await database.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('user_sessions').execute();
        const known =
          userId !== null &&
          (await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !==
            undefined;
        await writeAuditLog(trx, {
          userId: known ? userId : null,
          action: 'restore',
          entityType: 'backup',
          entityId: null,
          after: {
            generation: run.generation,
            created_at: run.generationCreatedAt,
            from: run.root,
            trigger: run.trigger,
          },
        });
      });
    } finally {
      await database.close();
    }
  } catch (error) {
    // The engine verified this database; if it still cannot be opened, the kiosk's start says so on screen.
    logger.error({ err: error }, 'the restored database could not be prepared');
  }

  const restored = await readBackupFile(dataDir);
  const keepLive = live.target !== null || live.dailyAt !== null;
  const settings = keepLive ? live : restored;
  const file: BackupFile = {
    target: settings.target,
    dailyAt: settings.dailyAt,
    keepGenerations: settings.keepGenerations,
    history: mergeHistories([run], live.history, restored.history),
  };
  await writeBackupFile(dataDir, file);
}
