// Restoring a generation: everything is checked present first (a partial backup is refused before a byte is
// copied), then copied beside the data folder into `<dataDir>.restoring-<id>`, each file hashed as it is written
// and compared with its manifest, the database checked with integrity_check; only a copy that passed all of it
// is switched in (switch.ts). The live data is not touched before that.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat, statfs, utimes } from 'node:fs/promises';
import path from 'node:path';
import { DATABASE_FILE } from '../../config';
import { FILES_IN_FLIGHT, createCopyPool, syncDir, syncFile, type CopyPool } from './copy';
import { checkDatabase } from './database';
import { isInside } from './folders';
import { formatBytes } from './format';
import { generationNames, objectProblem, readableGenerations } from './generations';
import { DATABASE_COPY, generationPath, manifestTotals, objectPath, readManifest } from './layout';
import { lockRoot } from './lock';
import { inOrderPool } from './pool';
import { ProgressMeter } from './progress';
import { STAGING_MARK, finishInterruptedRestore, switchInRestored } from './switch';
import { BackupError, type BackupProgress } from './types';

export { finishInterruptedRestore, switchInRestored } from './switch';

export interface RestoreOptions {
  root: string;
  generation?: string /* newest by default */;
  dataDir: string;
  onProgress?: (p: BackupProgress) => void;
  /** true (default, the CLI): switch the restored copy in. false (the app): leave it staged beside dataDir. */
  switchIn?: boolean;
}

export interface RestoreResult {
  generation: string;
  stagedDir: string;
  previousDir: string | null;
  files: number;
  bytes: number;
}

function refuse(name: string, problems: string[]): never {
  const shown = problems.slice(0, 3).join('; ');
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  throw new BackupError(
    `The backup ${name} cannot be restored: ${shown}${more}. Nothing was changed; choose another backup.`,
    problems,
  );
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const root = path.resolve(options.root);
  const dataDir = path.resolve(options.dataDir);
  if (isInside(root, dataDir) || isInside(dataDir, root)) {
    throw new BackupError(
      `The data folder ${dataDir} and the backup folder ${root} overlap. Restore into a folder outside the backup.`,
      ['data folder and backup folder overlap'],
    );
  }
  const rootStats = await stat(root).catch(() => null);
  if (!rootStats?.isDirectory()) {
    throw new BackupError(`There is no backup at ${root}. Check the drive or folder and try again.`, [
      `${root} does not exist`,
    ]);
  }
  await finishInterruptedRestore(dataDir);
  const existing = await stat(dataDir).catch(() => null);
  if (existing && !existing.isDirectory()) {
    throw new BackupError(`${dataDir} is a file, not a folder. Restore into a folder.`, [
      `${dataDir} is not a folder`,
    ]);
  }
  const lock = await lockRoot(root, 'restore');
  let staged: string | null = null;
  let pool: CopyPool | undefined;
  try {
    const { manifests } = await readableGenerations(root);
    const name = options.generation ?? manifests[0]?.name;
    if (!name) {
      throw new BackupError(
        `There is no complete backup in ${root}. Check the drive or folder and try again.`,
        [`no complete generation in ${root}`],
      );
    }
    if (options.generation !== undefined && !(await generationNames(root)).includes(options.generation)) {
      const names = manifests.map((m) => m.name).join(', ') || 'none';
      throw new BackupError(
        `There is no backup called "${options.generation}" in ${root} (backups: ${names}).`,
        [`no generation "${options.generation}"`],
      );
    }
    const manifest = await readManifest(root, name);
    const totals = manifestTotals(manifest);

    // Everything present before anything is copied: a partial backup is refused at once, whole.
    const missing: string[] = [];
    const databaseFile = path.join(generationPath(root, name), DATABASE_COPY);
    const databaseStats = await stat(databaseFile).catch(() => null);
    if (!databaseStats) missing.push('missing database: the generation has no magnum.db');
    else if (databaseStats.size !== manifest.database.bytes) {
      missing.push(
        `damaged database: the copy has ${databaseStats.size} bytes, not ${manifest.database.bytes}`,
      );
    }
    for (const file of manifest.files) {
      const problem = await objectProblem(root, file);
      if (problem) missing.push(problem);
    }
    if (missing.length > 0) refuse(name, missing);
    const free = await statfs(path.dirname(dataDir))
      .then((fs) => fs.bavail * fs.bsize)
      .catch(() => Number.POSITIVE_INFINITY);
    if (free < totals.bytes) {
      throw new BackupError(
        `The backup needs ${formatBytes(totals.bytes)} beside ${dataDir} and only ${formatBytes(free)} is free. Free some space and try again; nothing was changed.`,
        [`needs ${totals.bytes} bytes, ${free} free`],
      );
    }

    staged = `${dataDir}${STAGING_MARK}${randomBytes(6).toString('hex')}`;
    await mkdir(staged, { recursive: true });
    const meter = new ProgressMeter(options.onProgress);
    const problems: string[] = [];
    const copies = createCopyPool();
    pool = copies;

    meter.start('database', manifest.database.bytes, 1);
    const database = await copies.copy(databaseFile, path.join(staged, DATABASE_FILE), (bytes) =>
      meter.advance(bytes),
    );
    if (database.sha256 !== manifest.database.sha256) {
      problems.push('damaged database: magnum.db does not match its sha256 (hash mismatch)');
    }
    await syncFile(path.join(staged, DATABASE_FILE));
    meter.finish();

    meter.start('files', totals.bytes - manifest.database.bytes, manifest.files.length);
    const dirs = new Set<string>([staged]);
    await inOrderPool(manifest.files, FILES_IN_FLIGHT, async (file) => {
      const target = path.join(staged as string, ...file.path.split('/'));
      const dir = path.dirname(target);
      if (!dirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        dirs.add(dir);
      }
      const copied = await copies.copy(objectPath(root, file.sha256), target, (bytes) =>
        meter.advance(bytes),
      );
      if (copied.sha256 !== file.sha256 || copied.bytes !== file.bytes) {
        problems.push(`damaged file ${file.path}: its stored copy does not match its sha256 (hash mismatch)`);
      }
      // The original mtime back, so the next backup of this folder recognises every file as unchanged.
      if (file.mtimeMs > 0) await utimes(target, new Date(), new Date(file.mtimeMs));
      await syncFile(target);
      meter.advance(0, 1);
    });
    await Promise.all([...dirs].map(syncDir));
    meter.finish();

    meter.start('verifying', 0, 1);
    problems.push(
      ...checkDatabase(path.join(staged, DATABASE_FILE)).map((line) => `damaged database: ${line}`),
    );
    if (problems.length > 0) refuse(name, problems);
    meter.finish();

    let previousDir: string | null = null;
    if (options.switchIn !== false) {
      meter.start('switching', 0, 1);
      ({ previousDir } = await switchInRestored(staged, dataDir));
      meter.finish();
    }
    const result = {
      generation: name,
      stagedDir: staged,
      previousDir,
      files: totals.files,
      bytes: totals.bytes,
    };
    staged = null; // switched in, or handed to the caller
    return result;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new BackupError(
        `There is not enough free space beside ${dataDir} for the restored copy (it is built there and checked before it replaces anything). Free some space and try again; nothing was changed.`,
        ['no space left for the restored copy'],
      );
    }
    throw error;
  } finally {
    await pool?.close();
    if (staged) await rm(staged, { recursive: true, force: true }).catch(() => {});
    await lock.release();
  }
}
