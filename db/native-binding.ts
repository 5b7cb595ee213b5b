// Which build of better-sqlite3's native module the database opens with. A native module is built for one ABI:
// node_modules/better-sqlite3 stays built for Node (vitest, the browser kiosk, the CLI scripts), so the Electron
// app cannot load it as it is. Three cases, chosen by chooseSqliteBinding:
//   - Node: better-sqlite3's own lookup (node_modules' build).
//   - Packaged Electron app: also better-sqlite3's own lookup, because electron-builder rebuilt node_modules'
//     copy for Electron while packaging (npmRebuild in electron-builder.yml; unpacked beside app.asar).
//   - Electron from a checkout (`npm start`): the copy scripts/electron-native.mjs built for Electron's ABI into
//     native/electron-<version>-<platform>-<arch>/ (MAGNUMSTREAM_SQLITE_BINDING, set by scripts/start.mjs and
//     inherited by the services process; else that folder under the working directory).
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variable scripts/start.mjs sets to the Electron build's better_sqlite3.node. */
export const SQLITE_BINDING_ENV = 'MAGNUMSTREAM_SQLITE_BINDING';

/** The folder, under a checkout, holding better-sqlite3 built for one Electron (same name in electron-native.mjs). */
export function electronBindingFolder(
  root: string,
  electronVersion: string,
  platform: string,
  arch: string,
): string {
  return join(root, 'native', `electron-${electronVersion}-${platform}-${arch}`);
}

export interface BindingContext {
  /** process.versions.electron: set in Electron's main and utility processes, absent under Node. */
  electronVersion: string | undefined;
  env: Record<string, string | undefined>;
  platform: string;
  arch: string;
  /** True when the running code is inside an app.asar archive, i.e. the packaged app. */
  packaged: boolean;
  /** The checkout the app runs from when not packaged (where native/ is). */
  checkoutRoot: string;
}

export type SqliteBinding =
  { source: 'node-modules'; path: undefined } | { source: 'env' | 'checkout'; path: string };

export function chooseSqliteBinding(context: BindingContext): SqliteBinding {
  if (!context.electronVersion || context.packaged) return { source: 'node-modules', path: undefined };
  const fromEnv = context.env[SQLITE_BINDING_ENV]?.trim();
  if (fromEnv) return { source: 'env', path: fromEnv };
  const folder = electronBindingFolder(
    context.checkoutRoot,
    context.electronVersion,
    context.platform,
    context.arch,
  );
  return { source: 'checkout', path: join(folder, 'better_sqlite3.node') };
}

export class SqliteBindingMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqliteBindingMissingError';
  }
}

let chosen: SqliteBinding | undefined;

/**
 * The `nativeBinding` option for `new Sqlite(...)` in this process: undefined (better-sqlite3's own lookup) under
 * Node and in the packaged app, the Electron build's file when Electron runs from a checkout. Throws in plain
 * words when that file has not been built.
 */
export function sqliteNativeBinding(): string | undefined {
  chosen ??= chooseSqliteBinding({
    electronVersion: process.versions.electron,
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    packaged: fileURLToPath(import.meta.url).includes(`${sep}app.asar${sep}`),
    checkoutRoot: process.cwd(),
  });
  if (chosen.path !== undefined && !existsSync(chosen.path)) {
    throw new SqliteBindingMissingError(
      `The database module has not been built for this Electron (${chosen.path} is missing). Start the app with npm start, which builds it (once, with internet).`,
    );
  }
  return chosen.path;
}
