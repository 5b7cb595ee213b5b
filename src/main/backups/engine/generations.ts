// Reading a backup root: which generations are complete, what each holds, and whether one is still whole
// (every object present with the content its manifest names, the database passing integrity_check).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { COPY_WORKERS, createCopyPool, hashFile, type CopyResult } from './copy';
import { checkDatabase } from './database';
import {
  DATABASE_COPY,
  GENERATIONS_DIR,
  generationPath,
  manifestTotals,
  objectPath,
  readManifest,
  type Manifest,
} from './layout';
import { inOrderPool } from './pool';
import { ProgressMeter } from './progress';
import { BackupError, type BackupProgress } from './types';

export interface GenerationInfo {
  name: string;
  /** The kiosk that made it; null for a backup made before kiosks were told apart. */
  kioskId: string | null;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  files: number;
  bytes: number;
  flights: number;
  sales: number;
}

export interface VerifiedFiles {
  generation: string;
  createdAt: string;
  files: Map<string, { bytes: number; sha256: string }>;
}

/** Names of the folders under generations/ (whole or not: whatever is there got there by a rename). */
export async function generationNames(root: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(root, GENERATIONS_DIR), { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every generation whose manifest reads, newest first, with the manifest itself. */
export async function readableGenerations(
  root: string,
): Promise<{ manifests: Manifest[]; unreadable: string[] }> {
  const manifests: Manifest[] = [];
  const unreadable: string[] = [];
  for (const name of await generationNames(root)) {
    try {
      manifests.push(await readManifest(root, name));
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      unreadable.push(name);
    }
  }
  manifests.sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.name < b.name ? 1 : -1,
  );
  return { manifests, unreadable };
}

export function generationInfo(manifest: Manifest): GenerationInfo {
  return {
    name: manifest.name,
    kioskId: manifest.kioskId ?? null,
    createdAt: manifest.createdAt,
    appVersion: manifest.appVersion,
    schemaVersion: manifest.schemaVersion,
    ...manifestTotals(manifest),
    flights: manifest.flights,
    sales: manifest.sales,
  };
}

/** Complete generations, newest first. A root that does not exist (yet) has none. */
export async function listGenerations(root: string): Promise<GenerationInfo[]> {
  const { manifests } = await readableGenerations(root);
  return manifests.map(generationInfo);
}

/** Files of the newest complete generation, keyed by posix path relative to dataDir ('media/<id>/…'). */
export async function readVerifiedFiles(root: string): Promise<VerifiedFiles | null> {
  const { manifests } = await readableGenerations(root);
  const newest = manifests[0];
  if (!newest) return null;
  return {
    generation: newest.name,
    createdAt: newest.createdAt,
    files: new Map(newest.files.map((file) => [file.path, { bytes: file.bytes, sha256: file.sha256 }])),
  };
}

const short = (sha256: string) => `${sha256.slice(0, 12)}…`;

/**
 * What is missing or damaged in one file of a generation: its object absent, the wrong size, or content that
 * no longer hashes to the manifest's sha256 (when `rehash`).
 */
export async function objectProblem(
  root: string,
  file: { path: string; bytes: number; sha256: string },
  rehash?: (file: string) => Promise<CopyResult>,
): Promise<string | null> {
  const object = objectPath(root, file.sha256);
  try {
    const stats = await stat(object);
    if (stats.size !== file.bytes) {
      return `damaged file ${file.path}: its stored copy (object ${short(file.sha256)}) has ${stats.size} bytes, not ${file.bytes}`;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return `missing file ${file.path}: its stored copy (object ${short(file.sha256)}) is not in the backup`;
  }
  if (!rehash) return null;
  const { sha256 } = await rehash(object);
  return sha256 === file.sha256
    ? null
    : `damaged file ${file.path}: its stored copy (object ${short(file.sha256)}) does not match its sha256 (hash mismatch)`;
}

/** The generation's database copy: present, the recorded size and hash, and a clean integrity_check. */
export async function databaseProblems(root: string, manifest: Manifest): Promise<string[]> {
  const file = path.join(generationPath(root, manifest.name), DATABASE_COPY);
  try {
    const stats = await stat(file);
    if (stats.size !== manifest.database.bytes) {
      return [`damaged database: the copy has ${stats.size} bytes, not ${manifest.database.bytes}`];
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return ['missing database: the generation has no magnum.db'];
  }
  const { sha256 } = await hashFile(file);
  if (sha256 !== manifest.database.sha256) {
    return ['damaged database: magnum.db does not match its sha256 (hash mismatch)'];
  }
  return checkDatabase(file).map((line) => `damaged database: ${line}`);
}

/** Re-reads a whole generation: every object hashed, the database hashed and checked. */
export async function verifyGeneration(
  root: string,
  name: string,
  options: { onProgress?: (p: BackupProgress) => void } = {},
): Promise<{ ok: true } | { ok: false; problems: string[] }> {
  let manifest: Manifest;
  try {
    manifest = await readManifest(root, name);
  } catch (error) {
    if (error instanceof BackupError) return { ok: false, problems: error.problems };
    throw error;
  }
  const meter = new ProgressMeter(options.onProgress);
  const totals = manifestTotals(manifest);
  meter.start('verifying', totals.bytes, totals.files);
  const problems = await databaseProblems(root, manifest);
  meter.advance(manifest.database.bytes, 1);
  // Each object once (two files with the same content share it), two at a time on the copy workers.
  const byObject = new Map<string, typeof manifest.files>();
  for (const file of manifest.files) byObject.set(file.sha256, [...(byObject.get(file.sha256) ?? []), file]);
  const found = new Map<string, string>();
  const pool = createCopyPool();
  try {
    await inOrderPool([...byObject.values()], COPY_WORKERS, async (files) => {
      const first = files[0]!;
      const problem = await objectProblem(root, first, (object) =>
        pool.hash(object, (bytes) => meter.advance(bytes)),
      );
      if (problem) {
        for (const file of files) found.set(file.path, problem.replace(first.path, file.path));
      }
      meter.advance(0, files.length);
    });
  } finally {
    await pool.close();
  }
  for (const file of manifest.files) {
    const problem = found.get(file.path);
    if (problem) problems.push(problem);
  }
  meter.finish();
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
