// better-sqlite3 built for Electron's ABI, for `npm start` from a checkout. node_modules/better-sqlite3 stays
// built for Node (vitest, the browser kiosk, the CLI scripts); the Electron build goes into its own folder,
// native/electron-<electron version>-<platform>-<arch>/better_sqlite3.node, which db/native-binding.ts opens
// under Electron. It is built from a copy of the package with node-gyp (installed with electron-builder), only
// when missing or stale: a stamp records the Electron and better-sqlite3 versions it was built for.
// node-gyp needs Electron's headers from electronjs.org once (then they are cached): without internet the build
// fails, and the message says so and what to do.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
export const BINDING_FILE = 'better_sqlite3.node';
const STAMP_FILE = 'stamp.json';

/** The folder's name; db/native-binding.ts (electronBindingFolder) uses the same. */
export function electronFolderName(electronVersion, platform, arch) {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export function stampFor(electronVersion, sqliteVersion) {
  return { electron: electronVersion, betterSqlite3: sqliteVersion };
}

/** True when the folder holds a build for exactly these versions; any unreadable stamp means stale. */
export function isFresh(stampText, bindingExists, electronVersion, sqliteVersion) {
  if (!bindingExists || stampText === undefined) return false;
  try {
    const stamp = JSON.parse(stampText);
    return stamp.electron === electronVersion && stamp.betterSqlite3 === sqliteVersion;
  } catch {
    return false;
  }
}

/** node-gyp's arguments for a release build of the package in the current directory against Electron's headers. */
export function nodeGypArgs(electronVersion, arch) {
  return [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
  ];
}

/** What a failed build means for the person at the keyboard, from node-gyp's output. */
export function buildFailureMessage(output, electronVersion, folder) {
  // Download failures only: node-gyp echoes its arguments (with the headers URL) in every run's output.
  const offline =
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|FetchError|certificate/i.test(
      output,
    );
  const lines = [`Could not build the database module (better-sqlite3) for Electron ${electronVersion}.`];
  if (offline) {
    lines.push(
      `It needs Electron's headers from ${ELECTRON_HEADERS_URL} once, and this machine could not download them.`,
      `Connect this machine to the internet once and run npm start again, or copy the folder ${folder} from a machine with the same system where npm start worked.`,
    );
  } else {
    lines.push(
      'Building it needs Python 3 and a C++ compiler (on Debian: apt install python3 build-essential; on Windows: Visual Studio Build Tools; on macOS: xcode-select --install).',
      `Install them and run npm start again, or copy the folder ${folder} from a machine with the same system where npm start worked.`,
    );
  }
  lines.push('Until then the same app runs in the browser kiosk: npm run kiosk');
  return lines.join('\n');
}

function versionOf(require, packageName) {
  return JSON.parse(readFileSync(require.resolve(`${packageName}/package.json`), 'utf8')).version;
}

/** Runs node-gyp in `cwd`; returns { ok, output }. */
function runNodeGyp(cwd, args) {
  const require = createRequire(import.meta.url);
  let nodeGyp;
  try {
    nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const rebuild = path.dirname(require.resolve('@electron/rebuild/package.json'));
    nodeGyp = createRequire(path.join(rebuild, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  }
  const run = spawnSync(process.execPath, [nodeGyp, ...args], { cwd, encoding: 'utf8' });
  return {
    ok: run.status === 0,
    output: `${run.stdout ?? ''}\n${run.stderr ?? ''}\n${run.error?.message ?? ''}`,
  };
}

/**
 * Makes sure better-sqlite3 built for this Electron exists under `root`/native and returns its file. Throws an
 * Error with a plain message when it cannot be built. `build` (tests replace it) runs node-gyp in a folder.
 */
export function ensureElectronSqlite({
  root,
  electronVersion,
  sqliteVersion,
  platform = process.platform,
  arch = process.arch,
  say = (line) => console.log(line),
  build = runNodeGyp,
  sqlitePackageDir,
}) {
  const require = createRequire(path.join(root, 'package.json'));
  const packageDir = sqlitePackageDir ?? path.dirname(require.resolve('better-sqlite3/package.json'));
  electronVersion ??= versionOf(require, 'electron');
  sqliteVersion ??= JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;

  const folder = path.join(root, 'native', electronFolderName(electronVersion, platform, arch));
  const binding = path.join(folder, BINDING_FILE);
  const stampPath = path.join(folder, STAMP_FILE);
  const stampText = existsSync(stampPath) ? readFileSync(stampPath, 'utf8') : undefined;
  if (isFresh(stampText, existsSync(binding), electronVersion, sqliteVersion)) return binding;

  say(
    `Building the database module (better-sqlite3 ${sqliteVersion}) for Electron ${electronVersion} into ${path.relative(root, folder) || folder}. This happens once per Electron version and takes a minute or two; node_modules keeps its build for Node.`,
  );
  const work = mkdtempSync(path.join(tmpdir(), 'magnum-sqlite-electron-'));
  try {
    // A copy without the Node build, so node_modules' copy (used by vitest) is never touched.
    cpSync(packageDir, work, {
      recursive: true,
      filter: (source) => path.relative(packageDir, source).split(path.sep)[0] !== 'build',
    });
    const result = build(work, nodeGypArgs(electronVersion, arch));
    const built = path.join(work, 'build', 'Release', BINDING_FILE);
    if (!result.ok || !existsSync(built)) {
      throw new Error(buildFailureMessage(result.output, electronVersion, folder));
    }
    mkdirSync(folder, { recursive: true });
    // Whole files only (copy beside, then rename), so an interrupted build never leaves a half-written module.
    cpSync(built, `${binding}.tmp`);
    renameSync(`${binding}.tmp`, binding);
    writeFileSync(`${stampPath}.tmp`, `${JSON.stringify(stampFor(electronVersion, sqliteVersion))}\n`);
    renameSync(`${stampPath}.tmp`, stampPath);
    say(`Built: ${binding}`);
    return binding;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
