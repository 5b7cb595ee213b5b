// The intros, outros and music beds that ship in resources/, and the one place that finds resources/ itself:
// beside the repository in development, beside dist/ when bundled, outside the asar archive when packaged.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidationIssue } from '../../shared/errors';
import {
  assetNameSchema,
  TEMPLATE_ASSET_KINDS,
  type TemplateAssetKind,
  type TemplateAssets,
} from '../../shared/templates';
import { AppFailure } from '../errors';
import { outsideAsar } from '../files/asar';
import { ASSET_FONT_FILE } from './asset-recipes';

/** Where each kind lives under resources/ and which files count (intros and outros are video only). */
export const ASSET_FOLDERS: Record<TemplateAssetKind, { folder: string; extensions: readonly string[] }> = {
  intro: { folder: 'intros', extensions: ['.mp4'] },
  outro: { folder: 'outros', extensions: ['.mp4'] },
  music: { folder: 'music', extensions: ['.m4a', '.mp3', '.aac', '.wav'] },
};

const KIND_WORD: Record<TemplateAssetKind, string> = { intro: 'intro', outro: 'outro', music: 'music bed' };

/**
 * Walks up from this module (src/main/templates in development, dist/main when bundled) to the folder holding
 * resources/fonts. In a packaged app that folder is inside app.asar, but ffmpeg cannot read from the archive:
 * electron-builder.yml unpacks resources/ beside it, and that copy is the one returned.
 */
export function findResourcesDir(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'fonts', ASSET_FONT_FILE))) return outsideAsar(candidate);
    dir = resolve(dir, '..');
  }
  throw new AppFailure(
    'UNAVAILABLE',
    'The kiosk cannot find its resources folder (fonts, intros, outros, music). Reinstall MagnumStream.',
  );
}

/** Files of each kind, by name, sorted; a missing folder is an empty list. Folders and symlinks are skipped. */
export async function listTemplateAssets(resourcesDir: string): Promise<TemplateAssets> {
  const entries = await Promise.all(
    TEMPLATE_ASSET_KINDS.map(async (kind) => [kind, await listKind(resourcesDir, kind)] as const),
  );
  return Object.fromEntries(entries) as TemplateAssets;
}

async function listKind(resourcesDir: string, kind: TemplateAssetKind): Promise<string[]> {
  const { folder, extensions } = ASSET_FOLDERS[kind];
  let entries;
  try {
    entries = await readdir(join(resourcesDir, folder), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && extensions.includes(extname(entry.name).toLowerCase()))
    .map((entry) => entry.name)
    .filter((name) => assetNameSchema.safeParse(name).success)
    .sort((a, b) => a.localeCompare(b));
}

export type ChosenAssets = Record<`${TemplateAssetKind}Asset`, string | null>;

/** Refuses any chosen asset that is not in the listing: only shipped files, never a path. */
export async function checkChosenAssets(resourcesDir: string, chosen: ChosenAssets): Promise<void> {
  const available = await listTemplateAssets(resourcesDir);
  const issues: ValidationIssue[] = [];
  for (const kind of TEMPLATE_ASSET_KINDS) {
    const name = chosen[`${kind}Asset`];
    if (name !== null && !available[kind].includes(name)) {
      issues.push({ path: `${kind}Asset`, message: `There is no ${KIND_WORD[kind]} called “${name}”.` });
    }
  }
  if (issues.length === 0) return;
  throw new AppFailure(
    'VALIDATION',
    `${issues.map((issue) => issue.message).join(' ')} Pick one from the list, or None.`,
    issues,
  );
}

/** The file an export reads for a template's asset; null when the template names none. */
export async function templateAssetPath(
  resourcesDir: string,
  kind: TemplateAssetKind,
  name: string | null,
): Promise<string | null> {
  if (name === null) return null;
  await checkChosenAssets(resourcesDir, {
    introAsset: null,
    outroAsset: null,
    musicAsset: null,
    [`${kind}Asset`]: name,
  });
  return join(resourcesDir, ASSET_FOLDERS[kind].folder, name);
}
