// Finding resources/ from where main runs, and the intro, outro and music that ship in it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTRO_ASSET,
  DEFAULT_OUTRO_ASSET,
} from '../../../db/migrations/0004_default_template_assets';
import { makeTempDir } from '../../../db/test-support';
import { probeMedia } from '../ffmpeg/probe';
import { ASSET_FONT_FILE, TEMPLATE_ASSET_RECIPES } from './asset-recipes';
import { ASSET_FOLDERS, findResourcesDir, listTemplateAssets, templateAssetPath } from './assets';

describe('findResourcesDir', () => {
  it('finds resources/ above the bundled main (dist/main) as above the source (src/main/templates)', () => {
    const root = makeTempDir('magnum-app-');
    mkdirSync(join(root, 'resources', 'fonts'), { recursive: true });
    writeFileSync(join(root, 'resources', 'fonts', ASSET_FONT_FILE), 'font');
    mkdirSync(join(root, 'dist', 'main'), { recursive: true });
    expect(findResourcesDir(join(root, 'dist', 'main'))).toBe(join(root, 'resources'));
  });

  it('says plainly when there is no resources folder', () => {
    expect(() => findResourcesDir(makeTempDir('magnum-empty-'))).toThrow(/cannot find its resources folder/);
  });
});

describe('shipped template assets', () => {
  const resources = findResourcesDir();

  it('ships every recipe, and the default template names files that exist', async () => {
    const listed = await listTemplateAssets(resources);
    for (const recipe of TEMPLATE_ASSET_RECIPES) expect(listed[recipe.kind]).toContain(recipe.name);
    expect(listed.intro).toContain(DEFAULT_INTRO_ASSET);
    expect(listed.outro).toContain(DEFAULT_OUTRO_ASSET);
  });

  it.each(TEMPLATE_ASSET_RECIPES.filter((r) => r.kind !== 'music'))(
    '$name is a short H.264 clip at 1920x1080, small enough to ship',
    async (recipe) => {
      const path = await templateAssetPath(resources, recipe.kind, recipe.name);
      const info = await probeMedia(path!);
      expect(info).toMatchObject({ videoCodec: 'h264', width: 1920, height: 1080, frameRate: 30 });
      expect(info.durationSeconds).toBeGreaterThanOrEqual(2);
      expect(info.durationSeconds).toBeLessThanOrEqual(3);
    },
  );

  it('ships a music bed of a few seconds', async () => {
    const music = TEMPLATE_ASSET_RECIPES.find((r) => r.kind === 'music')!;
    const info = await probeMedia((await templateAssetPath(resources, 'music', music.name))!);
    expect(info.videoCodec).toBeNull();
    expect(info.durationSeconds).toBeCloseTo(music.seconds, 0);
  });

  it('resolves an asset only by a listed name of its own kind', async () => {
    await expect(templateAssetPath(resources, 'intro', null)).resolves.toBeNull();
    await expect(templateAssetPath(resources, 'outro', DEFAULT_INTRO_ASSET)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await templateAssetPath(resources, 'intro', DEFAULT_INTRO_ASSET)).toBe(
      join(resources, ASSET_FOLDERS.intro.folder, DEFAULT_INTRO_ASSET),
    );
  });
});
