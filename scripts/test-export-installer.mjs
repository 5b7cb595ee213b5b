// `npm run test:export-installer`: the export and ffmpeg tests once more with @ffmpeg-installer's 2018 build,
// the ffmpeg a kiosk falls back to when there is no system ffmpeg 5 and ffmpeg-static's download failed, so
// what the export asks of ffmpeg keeps working there too. (`npm run test:unit` runs them with the usual one.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const ffmpeg = /** @type {{ path: string }} */ (require('@ffmpeg-installer/ffmpeg')).path;
console.log(`Export tests with @ffmpeg-installer's ffmpeg: FFMPEG_PATH=${ffmpeg}`);

// The whole exports folder, so tests added beside the export (pieces, joins) run with this build too.
const result = spawnSync(
  process.execPath,
  [vitest, 'run', 'src/main/exports', 'src/main/ffmpeg', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, FFMPEG_PATH: ffmpeg } },
);
process.exit(result.status ?? 1);
