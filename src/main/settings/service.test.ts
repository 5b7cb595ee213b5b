import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import {
  KIOSK_SETTINGS,
  readKioskSettings,
  booleanSettingValue,
  settingValue,
  textSettingValue,
  updateKioskSettings,
} from './service';

let t: TempDatabase;

beforeEach(async () => {
  t = await openTempDatabase();
});

afterEach(async () => {
  await t.dispose();
});

describe('kiosk settings', () => {
  it('default to 12-hour sessions, a 10-minute idle lock, 30 s scenes and 2 GB free for recording', async () => {
    await expect(readKioskSettings(t.db)).resolves.toEqual({
      sessionHours: 12,
      idleLockMinutes: 10,
      minSceneSeconds: 30,
      minFreeDiskGb: 2,
      exportConcurrency: 1,
      photoCount: 8,
      downloadLinkHours: 24,
      operatorName: '',
      autoMakeVideo: true,
      requireWaiver: false,
      startAtLogin: false,
    });
  });

  it('keep a change as JSON in the settings table', async () => {
    await expect(updateKioskSettings(t.db, { idleLockMinutes: 15 }, null)).resolves.toMatchObject({
      sessionHours: 12,
      idleLockMinutes: 15,
    });
    expect(t.sqlite.prepare(`SELECT value FROM settings WHERE key = 'idle_lock_minutes'`).pluck().get()).toBe(
      '15',
    );
    await updateKioskSettings(t.db, { idleLockMinutes: 20, sessionHours: 8, minSceneSeconds: 45 }, null);
    await expect(readKioskSettings(t.db)).resolves.toEqual({
      sessionHours: 8,
      idleLockMinutes: 20,
      minSceneSeconds: 45,
      minFreeDiskGb: 2,
      exportConcurrency: 1,
      photoCount: 8,
      downloadLinkHours: 24,
      operatorName: '',
      autoMakeVideo: true,
      requireWaiver: false,
      startAtLogin: false,
    });
  });

  it('fall back to the default for a stored value that is unreadable or out of range', () => {
    const rule = KIOSK_SETTINGS.sessionHours;
    expect(settingValue(rule, '"twelve"')).toBe(12);
    expect(settingValue(rule, '{')).toBe(12);
    expect(settingValue(rule, '0')).toBe(12);
    expect(settingValue(rule, '2.5')).toBe(12);
    expect(settingValue(rule, '24')).toBe(24);
  });

  it('keep the operator name for the title card, trimmed, and audit the change', async () => {
    await expect(
      updateKioskSettings(t.db, { operatorName: '  Alpine Scenic Flights ' }, null),
    ).resolves.toMatchObject({ operatorName: 'Alpine Scenic Flights', photoCount: 8 });
    expect(t.sqlite.prepare(`SELECT value FROM settings WHERE key = 'operator_name'`).pluck().get()).toBe(
      '"Alpine Scenic Flights"',
    );
    expect(
      t.sqlite.prepare(`SELECT count(*) FROM audit_logs WHERE entity_id = 'operator_name'`).pluck().get(),
    ).toBe(1);
  });

  it('make videos by themselves unless an admin turns it off, audited; unreadable values mean on', async () => {
    await expect(updateKioskSettings(t.db, { autoMakeVideo: false }, null)).resolves.toMatchObject({
      autoMakeVideo: false,
    });
    expect(t.sqlite.prepare(`SELECT value FROM settings WHERE key = 'auto_make_video'`).pluck().get()).toBe(
      'false',
    );
    expect(
      t.sqlite.prepare(`SELECT count(*) FROM audit_logs WHERE entity_id = 'auto_make_video'`).pluck().get(),
    ).toBe(1);
    t.sqlite.prepare(`UPDATE settings SET value = '"no"' WHERE key = 'auto_make_video'`).run();
    await expect(readKioskSettings(t.db)).resolves.toMatchObject({ autoMakeVideo: true });
    expect(booleanSettingValue('false', true)).toBe(false);
    expect(booleanSettingValue('{', false)).toBe(false);
  });

  it('do not require a signed waiver for filming unless an admin turns it on, audited', async () => {
    await expect(readKioskSettings(t.db)).resolves.toMatchObject({ requireWaiver: false });
    await expect(updateKioskSettings(t.db, { requireWaiver: true }, null)).resolves.toMatchObject({
      requireWaiver: true,
    });
    expect(t.sqlite.prepare(`SELECT value FROM settings WHERE key = 'require_waiver'`).pluck().get()).toBe(
      'true',
    );
    expect(
      t.sqlite.prepare(`SELECT count(*) FROM audit_logs WHERE entity_id = 'require_waiver'`).pluck().get(),
    ).toBe(1);
  });

  it('keep how long a download link works, from 1 hour to a week', async () => {
    await expect(updateKioskSettings(t.db, { downloadLinkHours: 48 }, null)).resolves.toMatchObject({
      downloadLinkHours: 48,
    });
    expect(
      t.sqlite.prepare(`SELECT value FROM settings WHERE key = 'download_link_hours'`).pluck().get(),
    ).toBe('48');
    const rule = KIOSK_SETTINGS.downloadLinkHours;
    expect(settingValue(rule, '0')).toBe(24);
    expect(settingValue(rule, '169')).toBe(24);
    expect(settingValue(rule, '168')).toBe(168);
  });

  it('read an unreadable or too long operator name as none', () => {
    expect(textSettingValue('{')).toBe('');
    expect(textSettingValue('42')).toBe('');
    expect(textSettingValue(JSON.stringify('x'.repeat(61)))).toBe('');
    expect(textSettingValue('"Heli Tours"')).toBe('Heli Tours');
  });
});
