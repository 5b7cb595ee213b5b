// The start-at-login setting against a real database and a real XDG autostart entry in a temp folder: applied at
// start and on change, and a computer that refuses keeps the setting saved and says so.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { AUTOSTART_FILE, xdgStartAtLogin } from '../system/start-at-login';
import { readKioskSettings, updateKioskSettings } from './service';
import {
  createStartAtLoginSetting,
  readSettingsView,
  storedOnlyStartAtLogin,
  updateSettingsView,
} from './start-at-login';

let t: TempDatabase;
let home: string;
let autostartDir: string;
let entry: string;
let logLines: string[];

const logger = () => pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });

const desktopSetting = () =>
  createStartAtLoginSetting({
    startAtLogin: xdgStartAtLogin({ autostartDir, command: ['/opt/MagnumStream/magnumstream'] }),
    logger: logger(),
  });

beforeEach(async () => {
  t = await openTempDatabase();
  home = mkdtempSync(path.join(os.tmpdir(), 'magnum-start-at-login-'));
  autostartDir = path.join(home, 'config', 'autostart');
  entry = path.join(autostartDir, AUTOSTART_FILE);
  logLines = [];
});

afterEach(async () => {
  await t.dispose();
  rmSync(home, { recursive: true, force: true });
});

describe('start MagnumStream when this computer starts', () => {
  it('is off by default and reports the desktop app can do it', async () => {
    const setting = desktopSetting();
    await setting.applyStored(t.db);
    await expect(readSettingsView(t.db, setting)).resolves.toMatchObject({
      startAtLogin: false,
      startAtLoginStatus: { supported: true, problem: null },
    });
    expect(existsSync(entry)).toBe(false);
  });

  it('applies the stored value at start: an entry when on, none when off', async () => {
    await updateKioskSettings(t.db, { startAtLogin: true }, null);
    await desktopSetting().applyStored(t.db);
    expect(existsSync(entry)).toBe(true);
    await updateKioskSettings(t.db, { startAtLogin: false }, null);
    await desktopSetting().applyStored(t.db);
    expect(existsSync(entry)).toBe(false);
  });

  it('switches the entry when an admin changes it, and audits the change', async () => {
    const setting = desktopSetting();
    await expect(updateSettingsView(t.db, setting, { startAtLogin: true }, null)).resolves.toMatchObject({
      startAtLogin: true,
      startAtLoginStatus: { supported: true, problem: null },
    });
    expect(existsSync(entry)).toBe(true);
    expect(t.sqlite.prepare(`SELECT value FROM settings WHERE key = 'start_at_login'`).pluck().get()).toBe(
      'true',
    );
    expect(
      t.sqlite.prepare(`SELECT count(*) FROM audit_logs WHERE entity_id = 'start_at_login'`).pluck().get(),
    ).toBe(1);
    await updateSettingsView(t.db, setting, { startAtLogin: false }, null);
    expect(existsSync(entry)).toBe(false);
  });

  it('leaves the entry alone when other settings change', async () => {
    const setting = desktopSetting();
    await updateSettingsView(t.db, setting, { startAtLogin: true }, null);
    rmSync(entry);
    await updateSettingsView(t.db, setting, { idleLockMinutes: 15, startAtLogin: true }, null);
    expect(existsSync(entry)).toBe(false);
  });

  it('keeps the setting when the computer refuses, says what happened and what to do, and logs it', async () => {
    // A file where the autostart folder belongs: the entry cannot be written.
    mkdirSync(path.dirname(autostartDir), { recursive: true });
    writeFileSync(autostartDir, 'not a folder');
    const setting = desktopSetting();
    const view = await updateSettingsView(t.db, setting, { startAtLogin: true }, null);
    expect(view.startAtLogin).toBe(true);
    expect(view.startAtLoginStatus.supported).toBe(true);
    expect(view.startAtLoginStatus.problem).toBe(
      `“Start MagnumStream when this computer starts” is saved as on, but the computer did not take it: The start-at-login entry ${entry} could not be written (EEXIST). Check that this user may write to ${autostartDir}. Then save the settings again.`,
    );
    await expect(readKioskSettings(t.db)).resolves.toMatchObject({ startAtLogin: true });
    await expect(readSettingsView(t.db, setting)).resolves.toMatchObject({
      startAtLoginStatus: { problem: view.startAtLoginStatus.problem },
    });
    expect(logLines.some((line) => line.includes('start at login could not be switched'))).toBe(true);
  });

  it('tries again when an admin saves the same value after a refusal', async () => {
    mkdirSync(path.dirname(autostartDir), { recursive: true });
    writeFileSync(autostartDir, 'not a folder');
    const setting = desktopSetting();
    await updateSettingsView(t.db, setting, { startAtLogin: true }, null);
    rmSync(autostartDir);
    await expect(updateSettingsView(t.db, setting, { startAtLogin: true }, null)).resolves.toMatchObject({
      startAtLogin: true,
      startAtLoginStatus: { problem: null },
    });
    expect(existsSync(entry)).toBe(true);
  });

  it('is only stored on the browser kiosk host, which cannot start at login', async () => {
    for (const setting of [storedOnlyStartAtLogin, createStartAtLoginSetting({ logger: logger() })]) {
      await expect(updateSettingsView(t.db, setting, { startAtLogin: true }, null)).resolves.toMatchObject({
        startAtLogin: true,
        startAtLoginStatus: { supported: false, problem: null },
      });
      await updateKioskSettings(t.db, { startAtLogin: false }, null);
    }
    expect(existsSync(autostartDir)).toBe(false);
  });
});
