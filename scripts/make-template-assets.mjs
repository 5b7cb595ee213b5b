// Makes the intro, outro and music bed that ship in resources/ (the default template names the intro and
// outro). Run it after changing src/main/templates/asset-recipes.ts, then commit the files it writes:
//   npx tsx scripts/make-template-assets.mjs
// tsx is needed because it runs the app's own TypeScript: the recipes, and ffmpeg found and run the way the
// app does (src/main/ffmpeg/resolve.ts, run.ts). Output is bit-exact, so an unchanged recipe changes no bytes.
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSET_FOLDERS } from '../src/main/templates/assets.ts';
import { TEMPLATE_ASSET_RECIPES } from '../src/main/templates/asset-recipes.ts';
import { runFfmpeg } from '../src/main/ffmpeg/run.ts';

const resources = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

for (const recipe of TEMPLATE_ASSET_RECIPES) {
  const folder = join(resources, ASSET_FOLDERS[recipe.kind].folder);
  mkdirSync(folder, { recursive: true });
  const target = join(folder, recipe.name);
  const partial = `${target}.partial`;
  // Fonts are named without a path in the filter graph, so ffmpeg runs inside resources/fonts.
  await runFfmpeg(recipe.args(partial), { cwd: join(resources, 'fonts') });
  renameSync(partial, target);
  console.log(`${recipe.kind}: ${target} (${Math.round(statSync(target).size / 1024)} KB)`);
}
