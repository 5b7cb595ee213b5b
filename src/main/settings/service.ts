// Kiosk settings an admin changes on screen: how long a sign-in lasts, when an idle screen locks, the
// shortest scene, the free disk recording needs, how many exports run at once, how many photos a flight gets, how
// long a download link works, the operator's name for the title card, whether a flight's video is made by
// itself once every slot has footage, whether filming needs a signed waiver and whether the desktop app starts at
// login (the computer's side of that is start-at-login.ts).
// Stored as JSON values in the settings table; a missing or unreadable row falls back to the default, so a
// fresh or hand-edited database still works.
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import type { KioskSettings } from '../../shared/settings';

interface SettingRule {
  key: string;
  default: number;
  min: number;
  max: number;
}

type NumberSetting = Exclude<
  keyof KioskSettings,
  'operatorName' | 'autoMakeVideo' | 'requireWaiver' | 'startAtLogin'
>;

export const KIOSK_SETTINGS: Record<NumberSetting, SettingRule> = {
  sessionHours: { key: 'session_hours', default: 12, min: 1, max: 72 },
  idleLockMinutes: { key: 'idle_lock_minutes', default: 10, min: 1, max: 120 },
  minSceneSeconds: { key: 'min_scene_seconds', default: 30, min: 1, max: 600 },
  minFreeDiskGb: { key: 'min_free_disk_gb', default: 2, min: 1, max: 500 },
  exportConcurrency: { key: 'export_concurrency', default: 1, min: 1, max: 4 },
  photoCount: { key: 'photo_count', default: 8, min: 1, max: 30 },
  // A day covers "download it at the hotel tonight"; a week is the longest a link to someone's footage lives.
  downloadLinkHours: { key: 'download_link_hours', default: 24, min: 1, max: 168 },
};

/** The operator's name, printed on the title card under the passengers' names; empty prints nothing. */
export const OPERATOR_NAME = { key: 'operator_name', default: '', maxLength: 60 } as const;

/** On by default: the video is ready when the last scene stops, without anyone tapping Export. */
export const AUTO_MAKE_VIDEO = { key: 'auto_make_video', default: true } as const;

/** Off by default: a kiosk without a check-in screen must still film; on, capture refuses unsigned flights. */
export const REQUIRE_WAIVER = { key: 'require_waiver', default: false } as const;

/** Off by default: a kiosk starts by itself only once an admin chose so for that computer. */
export const START_AT_LOGIN = { key: 'start_at_login', default: false } as const;

const names = Object.keys(KIOSK_SETTINGS) as NumberSetting[];

/** A stored true or false, else the default. */
export function booleanSettingValue(stored: string | undefined, fallback: boolean): boolean {
  if (stored === undefined) return fallback;
  try {
    const value: unknown = JSON.parse(stored);
    return typeof value === 'boolean' ? value : fallback;
  } catch {
    return fallback;
  }
}

/** A stored text if it is a string of allowed length, else the default. */
export function textSettingValue(stored: string | undefined): string {
  if (stored === undefined) return OPERATOR_NAME.default;
  try {
    const value: unknown = JSON.parse(stored);
    return typeof value === 'string' && value.length <= OPERATOR_NAME.maxLength
      ? value
      : OPERATOR_NAME.default;
  } catch {
    return OPERATOR_NAME.default;
  }
}

/** A stored value if it is a whole number in range, else the default. */
export function settingValue(rule: SettingRule, stored: string | undefined): number {
  if (stored === undefined) return rule.default;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return rule.default;
  }
  return typeof value === 'number' && Number.isInteger(value) && value >= rule.min && value <= rule.max
    ? value
    : rule.default;
}

export async function readKioskSettings(db: Kysely<Database>): Promise<KioskSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [
      ...names.map((name) => KIOSK_SETTINGS[name].key),
      OPERATOR_NAME.key,
      AUTO_MAKE_VIDEO.key,
      REQUIRE_WAIVER.key,
      START_AT_LOGIN.key,
    ])
    .execute();
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const numbers = Object.fromEntries(
    names.map((name) => [name, settingValue(KIOSK_SETTINGS[name], stored.get(KIOSK_SETTINGS[name].key))]),
  ) as Record<NumberSetting, number>;
  return {
    ...numbers,
    operatorName: textSettingValue(stored.get(OPERATOR_NAME.key)),
    autoMakeVideo: booleanSettingValue(stored.get(AUTO_MAKE_VIDEO.key), AUTO_MAKE_VIDEO.default),
    requireWaiver: booleanSettingValue(stored.get(REQUIRE_WAIVER.key), REQUIRE_WAIVER.default),
    startAtLogin: booleanSettingValue(stored.get(START_AT_LOGIN.key), START_AT_LOGIN.default),
  };
}

/** Changes the named settings (the contract has checked the ranges), one audit entry per changed setting. */
export async function updateKioskSettings(
  db: Kysely<Database>,
  change: Partial<KioskSettings>,
  actingUserId: string | null,
): Promise<KioskSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await readKioskSettings(trx);
    const now = new Date().toISOString();
    const changes: Array<{
      key: string;
      before: number | string | boolean;
      value: number | string | boolean;
    }> = [];
    for (const name of names) {
      const value = change[name];
      if (value !== undefined && value !== before[name])
        changes.push({ key: KIOSK_SETTINGS[name].key, before: before[name], value });
    }
    const operatorName = change.operatorName?.trim();
    if (operatorName !== undefined && operatorName !== before.operatorName)
      changes.push({ key: OPERATOR_NAME.key, before: before.operatorName, value: operatorName });
    if (change.autoMakeVideo !== undefined && change.autoMakeVideo !== before.autoMakeVideo)
      changes.push({ key: AUTO_MAKE_VIDEO.key, before: before.autoMakeVideo, value: change.autoMakeVideo });
    if (change.requireWaiver !== undefined && change.requireWaiver !== before.requireWaiver)
      changes.push({ key: REQUIRE_WAIVER.key, before: before.requireWaiver, value: change.requireWaiver });
    if (change.startAtLogin !== undefined && change.startAtLogin !== before.startAtLogin)
      changes.push({ key: START_AT_LOGIN.key, before: before.startAtLogin, value: change.startAtLogin });
    for (const { key, value, before: was } of changes) {
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value), updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
        .execute();
      await writeAuditLog(trx, {
        userId: actingUserId,
        action: 'update',
        entityType: 'setting',
        entityId: key,
        before: { [key]: was },
        after: { [key]: value },
      });
    }
    return readKioskSettings(trx);
  });
}
