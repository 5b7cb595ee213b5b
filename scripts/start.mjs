// `npm start`: the Electron app. Where Electron's binary is missing (its download fails on machines without
// internet) say so in one line and point at the browser kiosk, which runs the same app. Where it exists, first
// make sure better-sqlite3 is built for Electron (scripts/electron-native.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureElectronSqlite } from './electron-native.mjs';

const require = createRequire(import.meta.url);

/** Where the electron package put its binary, without require('electron'), which would try to download it. */
function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  }
  return relative ? path.join(packageDir, 'dist', relative) : undefined;
}

const electronBinary = findElectronBinary();
if (!electronBinary || !existsSync(electronBinary)) {
  console.error(
    "Electron's binary is not installed on this machine (its download failed or was skipped), so the desktop app cannot start; run the same app in the browser kiosk instead: npm run kiosk",
  );
  process.exit(1);
}

// better-sqlite3 for Electron's ABI in its own folder (node_modules keeps the Node build vitest uses); its path
// goes to the app, and from there to the services process, in MAGNUMSTREAM_SQLITE_BINDING (db/native-binding.ts).
let sqliteBinding;
try {
  sqliteBinding = ensureElectronSqlite({ root: process.cwd() });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, MAGNUMSTREAM_SQLITE_BINDING: sqliteBinding },
});
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
