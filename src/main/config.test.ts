import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dataDirFromElectronArgv,
  defaultDataDir,
  downloadPortFromElectronArgv,
  parseKioskArgs,
  resolveDataDir,
  UsageError,
} from './config';

describe('data directory', () => {
  it('follows the platform convention for per-user app data', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/MagnumStream');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/MagnumStream');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/MagnumStream',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\MagnumStream',
    );
  });

  it('prefers --data-dir, then MAGNUM_DATA_DIR', () => {
    expect(resolveDataDir('/flag', { MAGNUM_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { MAGNUM_DATA_DIR: '/env' })).toBe('/env');
    expect(resolveDataDir('relative/dir', {})).toBe(path.resolve('relative/dir'));
  });

  it('finds --data-dir among Electron switches in both spellings', () => {
    expect(dataDirFromElectronArgv(['electron', '.', '--data-dir', '/a'])).toBe('/a');
    expect(dataDirFromElectronArgv(['electron', '.', '--no-sandbox', '--data-dir=/b'])).toBe('/b');
    expect(dataDirFromElectronArgv(['electron', '.'])).toBeUndefined();
    expect(downloadPortFromElectronArgv(['electron', '.', '--download-port=9000'])).toBe('9000');
  });
});

describe('kiosk arguments', () => {
  it('listens on loopback port 5780 unless told otherwise', () => {
    const options = parseKioskArgs([], { MAGNUM_DATA_DIR: '/d' });
    expect(options).toEqual({
      port: 5780,
      host: '127.0.0.1',
      dataDir: '/d',
      demo: false,
      downloadPort: 8787,
    });
  });

  it('takes port, host, data dir and demo', () => {
    expect(parseKioskArgs(['--port', '0', '--host', '0.0.0.0', '--data-dir', '/x', '--demo'], {})).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/x',
      demo: true,
      downloadPort: 8787,
    });
  });

  it('takes the address download links name from --download-host, else MAGNUM_DOWNLOAD_HOST', () => {
    expect(parseKioskArgs(['--download-host', '10.0.0.5'], {}).downloadHost).toBe('10.0.0.5');
    expect(parseKioskArgs([], { MAGNUM_DOWNLOAD_HOST: 'kiosk.local' }).downloadHost).toBe('kiosk.local');
    expect(parseKioskArgs([], {}).downloadHost).toBeUndefined();
    expect(() => parseKioskArgs(['--download-host', 'evil.com/x?'], {})).toThrow(/--download-host must be/);
  });

  it('takes the download port from --download-port, else MAGNUM_DOWNLOAD_PORT', () => {
    expect(parseKioskArgs(['--download-port', '0'], { MAGNUM_DOWNLOAD_PORT: '9000' }).downloadPort).toBe(0);
    expect(parseKioskArgs([], { MAGNUM_DOWNLOAD_PORT: '9000' }).downloadPort).toBe(9000);
    expect(() => parseKioskArgs(['--download-port', '99999'], {})).toThrow(/--download-port must be/);
    expect(() => parseKioskArgs([], { MAGNUM_DOWNLOAD_PORT: 'x' })).toThrow(/--download-port must be/);
  });

  it('refuses a bad port or an unknown option with the usage line', () => {
    expect(() => parseKioskArgs(['--port', 'eighty'], {})).toThrow(UsageError);
    expect(() => parseKioskArgs(['--port', '70000'], {})).toThrow(/0 to 65535/);
    expect(() => parseKioskArgs(['--colour', 'red'], {})).toThrow(/Usage: npm run kiosk/);
  });
});
