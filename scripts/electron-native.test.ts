import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../db/test-support';
import {
  buildFailureMessage,
  ELECTRON_HEADERS_URL,
  ensureElectronSqlite,
  isFresh,
  nodeGypArgs,
  stampFor,
  type BuildResult,
} from './electron-native.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the stamp', () => {
  const stamp = JSON.stringify(stampFor('45.4.1', '12.6.2'));
  it('is fresh only for the same Electron and better-sqlite3 with the file present', () => {
    expect(isFresh(stamp, true, '45.4.1', '12.6.2')).toBe(true);
    expect(isFresh(stamp, false, '45.4.1', '12.6.2')).toBe(false);
    expect(isFresh(stamp, true, '46.0.0', '12.6.2')).toBe(false);
    expect(isFresh(stamp, true, '45.4.1', '12.7.0')).toBe(false);
    expect(isFresh(undefined, true, '45.4.1', '12.6.2')).toBe(false);
    expect(isFresh('{half a fi', true, '45.4.1', '12.6.2')).toBe(false);
  });
});

describe('node-gyp', () => {
  it("builds a release against Electron's headers for the given version and arch", () => {
    expect(nodeGypArgs('45.4.1', 'arm64')).toEqual([
      'rebuild',
      '--release',
      '--runtime=electron',
      '--target=45.4.1',
      '--arch=arm64',
      `--dist-url=${ELECTRON_HEADERS_URL}`,
    ]);
  });

  it('a failed download says the headers need internet once and how to do without', () => {
    const output =
      "gyp info argv [ '--dist-url=https://electronjs.org/headers' ]\ngyp ERR! stack FetchError: request to https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz failed, reason: getaddrinfo ENOTFOUND electronjs.org";
    const message = buildFailureMessage(output, '45.4.1', '/repo/native/electron-45.4.1-linux-x64');
    expect(message).toContain('Electron 45.4.1');
    expect(message).toContain('internet');
    expect(message).toContain('copy the folder /repo/native/electron-45.4.1-linux-x64');
    expect(message).toContain('npm run kiosk');
  });

  it('a failed compile names the tools to install, not the network', () => {
    const output =
      "gyp info argv [ '--dist-url=https://electronjs.org/headers' ]\ngyp ERR! stack Error: not found: make\ngyp ERR! find Python";
    const message = buildFailureMessage(output, '45.4.1', '/f');
    expect(message).toContain('C++ compiler');
    expect(message).not.toContain('internet');
  });
});

/** A stand-in for better-sqlite3's package and a node-gyp that "builds" by writing a file, counting its runs. */
function fakeCheckout() {
  const root = makeTempDir('magnum-native-');
  dirs.push(root);
  const packageDir = join(root, 'node_modules', 'better-sqlite3');
  mkdirSync(join(packageDir, 'build', 'Release'), { recursive: true });
  writeFileSync(
    join(packageDir, 'package.json'),
    JSON.stringify({ name: 'better-sqlite3', version: '12.6.2' }),
  );
  writeFileSync(join(packageDir, 'binding.gyp'), '{}');
  writeFileSync(join(packageDir, 'build', 'Release', 'better_sqlite3.node'), 'node build');
  const runs: Array<{ cwd: string; args: string[]; sawNodeBuild: boolean }> = [];
  let answer: BuildResult = { ok: true, output: '' };
  const build = (cwd: string, args: string[]): BuildResult => {
    runs.push({ cwd, args, sawNodeBuild: existsSync(join(cwd, 'build')) });
    if (answer.ok) {
      mkdirSync(join(cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(join(cwd, 'build', 'Release', 'better_sqlite3.node'), `electron build ${runs.length}`);
    }
    return answer;
  };
  const said: string[] = [];
  const options = {
    root,
    electronVersion: '45.4.1',
    platform: 'linux',
    arch: 'x64',
    sqlitePackageDir: packageDir,
    say: (line: string) => said.push(line),
    build,
  };
  return {
    root,
    packageDir,
    runs,
    said,
    options,
    fail: (output: string) => (answer = { ok: false, output }),
  };
}

describe('ensureElectronSqlite', () => {
  it('builds a copy once into native/, says so, and leaves node_modules untouched', () => {
    const checkout = fakeCheckout();
    const binding = ensureElectronSqlite(checkout.options);
    expect(binding).toBe(join(checkout.root, 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node'));
    expect(readFileSync(binding, 'utf8')).toBe('electron build 1');
    expect(checkout.runs).toHaveLength(1);
    expect(checkout.runs[0]?.cwd).not.toContain(checkout.root);
    expect(checkout.runs[0]?.sawNodeBuild).toBe(false);
    expect(checkout.runs[0]?.args).toContain('--runtime=electron');
    expect(existsSync(checkout.runs[0]?.cwd ?? '')).toBe(false); // the temp copy is removed
    expect(readFileSync(join(checkout.packageDir, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe(
      'node build',
    );
    expect(checkout.said[0]).toContain(
      'Building the database module (better-sqlite3 12.6.2) for Electron 45.4.1',
    );

    // Second start: up to date, nothing built, nothing said.
    checkout.said.length = 0;
    expect(ensureElectronSqlite(checkout.options)).toBe(binding);
    expect(checkout.runs).toHaveLength(1);
    expect(checkout.said).toEqual([]);
  });

  it('rebuilds when better-sqlite3 was upgraded (stale stamp)', () => {
    const checkout = fakeCheckout();
    const binding = ensureElectronSqlite(checkout.options);
    writeFileSync(join(checkout.packageDir, 'package.json'), JSON.stringify({ version: '12.7.0' }));
    ensureElectronSqlite(checkout.options);
    expect(checkout.runs).toHaveLength(2);
    expect(readFileSync(binding, 'utf8')).toBe('electron build 2');
    expect(JSON.parse(readFileSync(join(binding, '..', 'stamp.json'), 'utf8'))).toEqual({
      electron: '45.4.1',
      betterSqlite3: '12.7.0',
    });
  });

  it('a failed build throws the plain message and leaves no half-made folder', () => {
    const checkout = fakeCheckout();
    checkout.fail('gyp ERR! stack Error: getaddrinfo EAI_AGAIN electronjs.org');
    expect(() => ensureElectronSqlite(checkout.options)).toThrow(/could not download them/);
    expect(
      existsSync(join(checkout.root, 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node')),
    ).toBe(false);
    expect(existsSync(checkout.runs[0]?.cwd ?? '')).toBe(false);
  });
});
