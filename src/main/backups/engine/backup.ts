// One backup run: the database through SQLite's online backup, then the data folder's files into the root's
// shared objects (a file whose path, size and mtime match the newest generation is not read again; content
// already stored is not written again), verified, and only then renamed into generations/. Old generations
// go after the new one is in place, and with them the objects nothing refers to any more.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type Sqlite from 'better-sqlite3';
import packageJson from '../../../../package.json' with { type: 'json' };
import { DATABASE_FILE } from '../../config';
import { FILES_IN_FLIGHT, createCopyPool, hashFile, syncDir, syncFile, type CopyPool } from './copy';
import { checkDatabase, onlineBackup, settleCopy } from './database';
import { writeFileDurably } from './durable';
import { objectProblem, readableGenerations } from './generations';
import {
  DATABASE_COPY,
  GENERATIONS_DIR,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  OBJECTS_DIR,
  TMP_DIR,
  generationName,
  generationPath,
  objectPath,
  type Manifest,
  type ManifestFile,
} from './layout';
import { asBackupError, checkFolders } from './folders';
import { lockRoot } from './lock';
import { kioskIdOf } from './kiosk-id';
import { inOrderPool } from './pool';
import { pruneGenerations } from './prune';
import { ProgressMeter } from './progress';
import { inBackupOrder, listSourceFiles, type SourceFile } from './sources';
import { BackupError, type BackupProgress } from './types';

export { BackupError } from './types';
export type { BackupPhase, BackupProgress } from './types';

export interface BackupOptions {
  dataDir: string;
  /** The backup root: a folder holding generations (created if missing). */
  root: string;
  keepGenerations: number; // >= 1
  /** The app's open connection, for SQLite's online backup; when absent the engine opens dataDir/magnum.db. */
  sqlite?: Sqlite.Database;
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface BackupResult {
  generation: string;
  createdAt: string;
  filesCopied: number;
  bytesCopied: number;
  filesReused: number;
  bytesReused: number;
  filesTotal: number;
  bytesTotal: number;
  pruned: string[];
  durationMs: number;
}

/** Two mtimes match within a millisecond (a restore sets mtimes to the millisecond). */
const sameMtime = (a: number, b: number) => Math.abs(a - b) < 1;

async function uniqueGenerationName(root: string, at: Date): Promise<string> {
  const base = generationName(at);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(generationPath(root, name))) return name;
  }
}

export async function backupDataDir(options: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const dataDir = path.resolve(options.dataDir);
  const root = path.resolve(options.root);
  const keep = options.keepGenerations;
  if (!Number.isInteger(keep) || keep < 1) {
    throw new BackupError('Keep at least one backup.', [`keepGenerations must be 1 or more, not ${keep}`]);
  }
  await checkFolders(dataDir, root);
  const kioskId = await kioskIdOf(dataDir);
  const { signal } = options;
  signal?.throwIfAborted();
  await mkdir(path.join(root, OBJECTS_DIR), { recursive: true });
  await mkdir(path.join(root, GENERATIONS_DIR), { recursive: true });
  const lock = await lockRoot(root, 'backup');
  const tmp = path.join(root, TMP_DIR);
  let pool: CopyPool | undefined;
  try {
    // Leftovers of a run that was killed: its half-built generation and objects never made it out of tmp/.
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    const createdAt = (options.now?.() ?? new Date()).toISOString();
    const name = await uniqueGenerationName(root, new Date(createdAt));
    const build = path.join(tmp, `build-${name}`);
    await mkdir(build);
    const meter = new ProgressMeter(options.onProgress);

    // 1. The database: sales, flights, people and the audit log come first.
    meter.start('database', 0, 1);
    const databaseCopy = path.join(build, DATABASE_COPY);
    await onlineBackup(
      { sqlite: options.sqlite, file: path.join(dataDir, DATABASE_FILE) },
      databaseCopy,
      (done, total) => meter.set(done, total),
    );
    signal?.throwIfAborted();
    const facts = settleCopy(databaseCopy);
    meter.finish();

    // 2. The files, in priority order; unchanged ones are taken from the newest generation as they are.
    const { manifests, unreadable } = await readableGenerations(root);
    // Another kiosk's generations in the same root are neither compared with nor pruned (kiosk-id.ts).
    const ours = manifests.filter((m) => m.kioskId === undefined || m.kioskId === kioskId);
    const previous = new Map((ours[0]?.files ?? []).map((file) => [file.path, file]));
    const sources = inBackupOrder(await listSourceFiles(dataDir), facts.flightIdsNewestFirst);
    const entries = new Map<string, ManifestFile>();
    const toCopy: SourceFile[] = [];
    let bytesReused = 0;
    for (const source of sources) {
      const before = previous.get(source.path);
      if (
        before &&
        before.bytes === source.bytes &&
        sameMtime(before.mtimeMs, source.mtimeMs) &&
        (await objectProblem(root, before)) === null
      ) {
        entries.set(source.path, before);
        bytesReused += source.bytes;
      } else {
        toCopy.push(source);
      }
    }
    meter.start(
      'files',
      toCopy.reduce((sum, file) => sum + file.bytes, 0),
      sources.length,
      sources.length - toCopy.length,
    );
    // Workers only when there is something to copy: an unchanged kiosk's backup starts none.
    const copies = toCopy.length > 0 ? createCopyPool() : null;
    pool = copies ?? undefined;
    if (copies) signal?.addEventListener('abort', () => void copies.close(), { once: true });
    const written = new Map<string, number>(); // sha256 -> bytes, objects this run wrote
    const preparedDirs = new Set<string>();
    let filesCopied = 0;
    let bytesCopied = 0;
    await inOrderPool(toCopy, FILES_IN_FLIGHT, async (source) => {
      signal?.throwIfAborted();
      const temporary = path.join(tmp, `${randomBytes(8).toString('hex')}.object`);
      const file = path.join(dataDir, ...source.path.split('/'));
      let copied;
      try {
        copied = await (copies as CopyPool).store(file, temporary, (bytes) => meter.advance(bytes));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(file)) {
          meter.advance(0, 1); // removed since the folder was listed (a temp file, an export replaced)
          return;
        }
        throw error;
      }
      // A file still being written (a recording) is stored as read; a changed mtime makes the next run read it again.
      const after = await stat(file).catch(() => null);
      const unchanged =
        after !== null && after.size === copied.bytes && sameMtime(after.mtimeMs, source.mtimeMs);
      const object = objectPath(root, copied.sha256);
      if (written.has(copied.sha256) || existsSync(object)) {
        await rm(temporary, { force: true });
      } else {
        written.set(copied.sha256, copied.bytes);
        await syncFile(temporary);
        const dir = path.dirname(object);
        if (!preparedDirs.has(dir)) {
          await mkdir(dir, { recursive: true });
          preparedDirs.add(dir);
        }
        await rename(temporary, object);
      }
      entries.set(source.path, {
        path: source.path,
        bytes: copied.bytes,
        mtimeMs: unchanged ? source.mtimeMs : 0,
        sha256: copied.sha256,
      });
      filesCopied++;
      bytesCopied += copied.bytes;
      meter.advance(0, 1);
    });
    await Promise.all([...preparedDirs].map(syncDir));
    meter.finish();

    // 3. Verify: the database copy page by page; each object this run wrote was hashed as read back from the
    // drive after it was flushed (its name is that hash), so here it only has to be there, whole.
    meter.start('verifying', 0, written.size + 1);
    const damage = checkDatabase(databaseCopy);
    if (damage.length > 0) {
      throw new BackupError(
        `The kiosk database failed its integrity check, so this backup was not kept (the ones before are unchanged): ${damage[0]}`,
        damage.map((line) => `damaged database: ${line}`),
      );
    }
    await syncFile(databaseCopy);
    const database = await hashFile(databaseCopy);
    meter.advance(0, 1);
    const problems: string[] = [];
    for (const [sha256, bytes] of written) {
      const problem = await objectProblem(root, { path: `object ${sha256.slice(0, 12)}…`, bytes, sha256 });
      if (problem) problems.push(problem);
      meter.advance(0, 1);
    }
    if (problems.length > 0) {
      throw new BackupError(
        'What was written to the backup drive is not all there: the drive may be failing or was removed. The backups made before are unchanged; try again or use another drive.',
        problems,
      );
    }
    meter.finish();

    const files = sources.flatMap((source) => entries.get(source.path) ?? []);
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      name,
      kioskId,
      createdAt,
      appVersion: packageJson.version,
      schemaVersion: facts.schemaVersion,
      flights: facts.flights,
      sales: facts.sales,
      database: { bytes: database.bytes, sha256: database.sha256 },
      files,
    };
    await writeFileDurably(path.join(build, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
    await syncDir(build);
    await rename(build, generationPath(root, name));
    await syncDir(path.join(root, GENERATIONS_DIR));

    // 4. Only now may old generations go, and the objects only they used.
    const pruned = ours.slice(keep - 1).map((m) => m.name);
    meter.start('pruning', 0, pruned.length);
    await pruneGenerations(root, pruned, {
      kept: unreadable.length === 0 ? [manifest, ...manifests.filter((m) => !pruned.includes(m.name))] : null,
      onPruned: () => meter.advance(0, 1),
    });
    meter.finish();
    await rm(tmp, { recursive: true, force: true });

    return {
      generation: name,
      createdAt,
      filesCopied,
      bytesCopied,
      filesReused: files.length - filesCopied,
      bytesReused,
      filesTotal: files.length,
      bytesTotal: files.reduce((sum, file) => sum + file.bytes, 0),
      pruned,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
    throw asBackupError(error, signal);
  } finally {
    await pool?.close();
    await lock.release();
  }
}
