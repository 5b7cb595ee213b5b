// Start at login per platform, with `electron` mocked (the binary cannot run here): Windows and macOS go through
// app.setLoginItemSettings, Linux writes a real XDG entry into a temp folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  isPackaged: true,
  calls: [] as unknown[],
  /** What macOS reports back; null: what was last set. */
  reported: null as boolean | null,
}));
vi.mock('electron', () => ({
  app: {
    get isPackaged() {
      return fake.isPackaged;
    },
    getAppPath: () => '/src/magnumstream',
    setLoginItemSettings: (settings: unknown) => fake.calls.push(settings),
    getLoginItemSettings: () => ({
      openAtLogin:
        fake.reported ?? (fake.calls.at(-1) as { openAtLogin?: boolean } | undefined)?.openAtLogin ?? false,
    }),
  },
}));

const { electronStartAtLogin, loginCommand } = await import('./autostart');

let home: string;

beforeEach(() => {
  fake.isPackaged = true;
  fake.calls = [];
  fake.reported = null;
  home = mkdtempSync(path.join(os.tmpdir(), 'magnum-electron-autostart-'));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('start at login in the desktop app', () => {
  it('registers a Windows login item for the installed program, and removes it', async () => {
    const login = electronStartAtLogin({
      platform: 'win32',
      env: {},
      execPath: 'C:\\Program Files\\MagnumStream\\MagnumStream.exe',
    });
    expect(login.supported).toBe(true);
    await login.apply(true);
    await login.apply(false);
    expect(fake.calls).toEqual([
      { openAtLogin: true, path: 'C:\\Program Files\\MagnumStream\\MagnumStream.exe', args: [] },
      { openAtLogin: false, path: 'C:\\Program Files\\MagnumStream\\MagnumStream.exe', args: [] },
    ]);
  });

  it('registers a macOS login item', async () => {
    const login = electronStartAtLogin({ platform: 'darwin', env: {}, execPath: '/Applications/M.app/M' });
    await login.apply(true);
    expect(fake.calls).toEqual([{ openAtLogin: true, path: '/Applications/M.app/M', args: [] }]);
  });

  it('says what to do when macOS does not take the login item', async () => {
    fake.reported = false;
    const login = electronStartAtLogin({ platform: 'darwin', env: {}, execPath: '/Applications/M.app/M' });
    await expect(login.apply(true)).rejects.toThrow(/System Settings → General → Login Items and add it/);
  });

  it('starts a development run with its app folder, not Electron’s default app', () => {
    fake.isPackaged = false;
    expect(loginCommand({ env: {}, execPath: '/repo/node_modules/electron/dist/electron' })).toEqual([
      '/repo/node_modules/electron/dist/electron',
      '/src/magnumstream',
    ]);
  });

  it('writes an XDG autostart entry on Linux, starting the AppImage by its own path', async () => {
    const config = path.join(home, 'config');
    const login = electronStartAtLogin({
      platform: 'linux',
      env: { XDG_CONFIG_HOME: config, APPIMAGE: '/home/crew/Apps/MagnumStream 1.0.AppImage' },
      execPath: '/tmp/.mount_Magnum/magnumstream',
      homeDir: home,
    });
    expect(login.supported).toBe(true);
    await login.apply(true);
    const file = path.join(config, 'autostart', 'magnumstream.desktop');
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/crew/Apps/MagnumStream 1.0.AppImage"\n');
    expect(fake.calls).toEqual([]);
    await login.apply(false);
    expect(existsSync(file)).toBe(false);
  });

  it('starts the installed binary on Linux without an AppImage, in ~/.config/autostart by default', async () => {
    const login = electronStartAtLogin({
      platform: 'linux',
      env: {},
      execPath: '/opt/MagnumStream/magnumstream',
      homeDir: home,
    });
    await login.apply(true);
    expect(readFileSync(path.join(home, '.config', 'autostart', 'magnumstream.desktop'), 'utf8')).toContain(
      'Exec=/opt/MagnumStream/magnumstream\n',
    );
  });

  it('is not offered on other platforms', async () => {
    const login = electronStartAtLogin({ platform: 'freebsd', env: {}, execPath: '/usr/local/bin/m' });
    expect(login.supported).toBe(false);
    await expect(login.apply(true)).rejects.toThrow(/not available on freebsd/);
    expect(fake.calls).toEqual([]);
  });
});
