// Kiosk settings an admin changes on screen: how long a sign-in lasts, when an idle screen locks, the
// shortest scene, the free disk recording needs, how many exports run at once and how many photos a flight gets.
// Stored as JSON values in the settings table; a missing or unreadable row falls back to the default, so a
// fresh or hand-edited database still works.
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import type { KioskSettings } from '../../shared/people';

interface SettingRule {
  key: string;
  default: number;
  min: number;
  max: number;
}

export const KIOSK_SETTINGS: Record<keyof KioskSettings, SettingRule> = {
  sessionHours: { key: 'session_hours', default: 12, min: 1, max: 72 },
  idleLockMinutes: { key: 'idle_lock_minutes', default: 10, min: 1, max: 120 },
  minSceneSeconds: { key: 'min_scene_seconds', default: 30, min: 1, max: 600 },
  minFreeDiskGb: { key: 'min_free_disk_gb', default: 2, min: 1, max: 500 },
  exportConcurrency: { key: 'export_concurrency', default: 1, min: 1, max: 4 },
  photoCount: { key: 'photo_count', default: 8, min: 1, max: 30 },
};

const names = Object.keys(KIOSK_SETTINGS) as Array<keyof KioskSettings>;

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
    .where(
      'key',
      'in',
      names.map((name) => KIOSK_SETTINGS[name].key),
    )
    .execute();
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  return Object.fromEntries(
    names.map((name) => [name, settingValue(KIOSK_SETTINGS[name], stored.get(KIOSK_SETTINGS[name].key))]),
  ) as unknown as KioskSettings;
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
    for (const name of names) {
      const value = change[name];
      if (value === undefined || value === before[name]) continue;
      const { key } = KIOSK_SETTINGS[name];
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
        before: { [key]: before[name] },
        after: { [key]: value },
      });
    }
    return readKioskSettings(trx);
  });
}
