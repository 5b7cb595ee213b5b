// Where things live in a backup root, and the manifest that makes a generation readable on its own:
//   objects/<2 hex>/<sha256>        file contents, shared by every generation (a file is stored once)
//   generations/<name>/manifest.json what the generation holds: each file's path, size, mtime and sha256
//   generations/<name>/magnum.db     the database, from SQLite's online backup, checked with integrity_check
//   tmp/                             work in progress (a generation being built, objects being written)
//   lock.json                        who is writing to this root now
// A generation appears under generations/ only by a rename, after it was verified; whatever is there is whole.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BackupError } from './types';

export const OBJECTS_DIR = 'objects';
export const GENERATIONS_DIR = 'generations';
export const TMP_DIR = 'tmp';
export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_COPY = 'magnum.db';
export const MANIFEST_FORMAT = 'magnumstream-backup/1';

export const objectPath = (root: string, sha256: string) =>
  path.join(root, OBJECTS_DIR, sha256.slice(0, 2), sha256);

export const generationPath = (root: string, name: string) => path.join(root, GENERATIONS_DIR, name);

const SHA256 = /^[0-9a-f]{64}$/;

/** Relative posix paths only: a manifest must never make a restore write outside its data folder. */
const safeRelativePath = z
  .string()
  .min(1)
  .refine(
    (p) =>
      !p.startsWith('/') &&
      !p.includes('\\') &&
      !p.includes('\0') &&
      p.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'not a relative path inside the data folder',
  );

export const manifestFileSchema = z.object({
  path: safeRelativePath,
  bytes: z.number().int().nonnegative(),
  mtimeMs: z.number().nonnegative(),
  sha256: z.string().regex(SHA256),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  name: z.string().min(1),
  /** The kiosk that made it (engine/kiosk-id.ts); absent in backups made before kiosks were told apart. */
  kioskId: z.string().min(1).optional(),
  createdAt: z.string().min(1),
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  flights: z.number().int().nonnegative(),
  sales: z.number().int().nonnegative(),
  database: z.object({ bytes: z.number().int().positive(), sha256: z.string().regex(SHA256) }),
  files: z.array(manifestFileSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Generation names sort in time order: 2026-12-01T10-30-00Z, then -2, -3 … for a second one that second. */
export function generationName(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

export async function readManifest(root: string, name: string): Promise<Manifest> {
  const file = path.join(generationPath(root, name), MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? `generation ${name}: its manifest (${file}) is missing`
        : `generation ${name}: its manifest (${file}) cannot be read (${code ?? (error as Error).message})`;
    throw new BackupError(`The backup ${name} is damaged: ${problem}. Choose another backup.`, [problem]);
  }
  let parsed: ReturnType<typeof manifestSchema.safeParse>;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = { success: false } as never;
  }
  if (!parsed.success) {
    const problem = `generation ${name}: its manifest (${file}) is unreadable (not a MagnumStream backup manifest)`;
    throw new BackupError(`The backup ${name} is damaged: ${problem}. Choose another backup.`, [problem]);
  }
  return parsed.data;
}

export function manifestTotals(manifest: Manifest): { files: number; bytes: number } {
  return {
    files: manifest.files.length + 1,
    bytes: manifest.files.reduce((sum, file) => sum + file.bytes, manifest.database.bytes),
  };
}
