import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { electronFolderName } from '../scripts/electron-native.mjs';
import {
  chooseSqliteBinding,
  electronBindingFolder,
  SQLITE_BINDING_ENV,
  sqliteNativeBinding,
  type BindingContext,
} from './native-binding';
import { makeTempDir } from './test-support';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ELECTRON: BindingContext = {
  electronVersion: '45.4.1',
  env: {},
  platform: 'linux',
  arch: 'x64',
  packaged: false,
  checkoutRoot: '/home/crew/magnumstream',
};

describe('chooseSqliteBinding', () => {
  it("under Node uses node_modules' build, even when the Electron variable is set", () => {
    const context = { ...ELECTRON, electronVersion: undefined, env: { [SQLITE_BINDING_ENV]: '/x/b.node' } };
    expect(chooseSqliteBinding(context)).toEqual({ source: 'node-modules', path: undefined });
  });

  it("in the packaged app uses node_modules' copy, which electron-builder rebuilt for Electron", () => {
    const context = { ...ELECTRON, packaged: true, env: { [SQLITE_BINDING_ENV]: '/x/b.node' } };
    expect(chooseSqliteBinding(context)).toEqual({ source: 'node-modules', path: undefined });
  });

  it('from a checkout uses the file npm start names in the environment', () => {
    const context = { ...ELECTRON, env: { [SQLITE_BINDING_ENV]: ' /opt/native/better_sqlite3.node ' } };
    expect(chooseSqliteBinding(context)).toEqual({ source: 'env', path: '/opt/native/better_sqlite3.node' });
  });

  it("from a checkout without the variable uses the checkout's folder for this Electron, platform and arch", () => {
    expect(chooseSqliteBinding(ELECTRON)).toEqual({
      source: 'checkout',
      path: '/home/crew/magnumstream/native/electron-45.4.1-linux-x64/better_sqlite3.node',
    });
    expect(
      chooseSqliteBinding({
        ...ELECTRON,
        platform: 'win32',
        arch: 'arm64',
        env: { [SQLITE_BINDING_ENV]: '' },
      }),
    ).toMatchObject({ path: expect.stringContaining('electron-45.4.1-win32-arm64') });
  });

  it('names the folder as scripts/electron-native.mjs builds it', () => {
    expect(electronBindingFolder('/r', '45.4.1', 'darwin', 'arm64')).toBe(
      join('/r', 'native', electronFolderName('45.4.1', 'darwin', 'arm64')),
    );
  });
});

describe('sqliteNativeBinding under Node (vitest)', () => {
  it("leaves better-sqlite3 to its own lookup, so node_modules' build is used", () => {
    expect(process.versions.electron).toBeUndefined();
    expect(sqliteNativeBinding()).toBeUndefined();
  });
});

describe('a binding file outside node_modules', () => {
  it('opens a real database when given as nativeBinding (as the Electron build is)', () => {
    // The Node build copied to where npm start puts the Electron one: proves the path form loads and works.
    const root = makeTempDir('magnum-binding-');
    dirs.push(root);
    const nodeBuild = join(
      dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
      'build/Release/better_sqlite3.node',
    );
    const chosen = chooseSqliteBinding({
      ...ELECTRON,
      electronVersion: process.versions.node,
      checkoutRoot: root,
    });
    if (chosen.path === undefined) throw new Error('expected a file');
    mkdirSync(dirname(chosen.path), { recursive: true });
    copyFileSync(nodeBuild, chosen.path);
    const sqlite = new Sqlite(join(root, 'x.db'), { nativeBinding: chosen.path });
    try {
      expect(sqlite.prepare('select 40 + 2 as answer').get()).toEqual({ answer: 42 });
    } finally {
      sqlite.close();
    }
  });
});
