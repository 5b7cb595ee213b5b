// The retention rules for raw footage, decided per flight from plain facts (pure, tested directly):
// - a sold flight's footage may go N days after its newest completed sale, once it was delivered: a download
//   link was used (sale_downloads.download_count > 0), an e-mail went out (delivery_outbox status 'sent'), or
//   a copy to a drive or folder was made (audit entry `copy_to_drive` on the sale, written by the delivery area).
//   A sold flight nobody has received yet is held back, whatever its age;
// - an unsold flight's footage (no completed sale: never sold, or voided or refunded) may go N days after it flew;
// - a flight being filmed or with a video being made is held back.
// Only raw footage goes: the souvenir video, photos and posters are what was sold, and stay.
// The rules are admin settings in the `settings` table, like the kiosk settings; null switches a rule off.
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import { RETENTION_DAYS, type RetentionRules } from '../../shared/storage';
import { COPY_TO_DRIVE_ACTION } from '../delivery/copy';

export const RETENTION_SETTINGS = {
  soldRawDays: { key: 'retention_sold_raw_days', default: 30 },
  unsoldRawDays: { key: 'retention_unsold_raw_days', default: 90 },
} as const;

const DAY_MS = 24 * 60 * 60_000;

/** A stored rule: a whole number of days in range, or null (off); anything else is the default. */
export function ruleValue(stored: string | undefined, fallback: number): number | null {
  if (stored === undefined) return fallback;
  try {
    const value: unknown = JSON.parse(stored);
    if (value === null) return null;
    return typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= RETENTION_DAYS.min &&
      value <= RETENTION_DAYS.max
      ? value
      : fallback;
  } catch {
    return fallback;
  }
}

export async function readRetentionRules(db: Kysely<Database>): Promise<RetentionRules> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [RETENTION_SETTINGS.soldRawDays.key, RETENTION_SETTINGS.unsoldRawDays.key])
    .execute();
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const read = (name: keyof RetentionRules) =>
    ruleValue(stored.get(RETENTION_SETTINGS[name].key), RETENTION_SETTINGS[name].default);
  return { soldRawDays: read('soldRawDays'), unsoldRawDays: read('unsoldRawDays') };
}

/** Changes the named rules (the contract has checked them), one audit entry per rule that changed. */
export async function updateRetentionRules(
  db: Kysely<Database>,
  change: Partial<RetentionRules>,
  actingUserId: string,
): Promise<RetentionRules> {
  return db.transaction().execute(async (trx) => {
    const before = await readRetentionRules(trx);
    const now = new Date().toISOString();
    for (const name of ['soldRawDays', 'unsoldRawDays'] as const) {
      const value = change[name];
      if (value === undefined || value === before[name]) continue;
      const { key } = RETENTION_SETTINGS[name];
      const json = JSON.stringify(value);
      await trx
        .insertInto('settings')
        .values({ key, value: json, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
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
    return readRetentionRules(trx);
  });
}

/** What the rules need to know about one flight that has raw footage. */
export interface FlightFacts {
  recordingId: string;
  passengerNames: string;
  flightAt: string;
  /** The newest completed sale's date; null when the flight is not sold (now). */
  soldAt: string | null;
  downloaded: boolean;
  emailed: boolean;
  copied: boolean;
  filming: boolean;
  exporting: boolean;
}

export type RetentionVerdict =
  | { due: true; rule: 'sold' | 'unsold'; reason: string }
  /** `heldBack` says why a flight old enough stays; null when no rule applies to it yet. */
  | { due: false; heldBack: string | null };

const daysSince = (at: string, now: Date) => Math.floor((now.getTime() - Date.parse(at)) / DAY_MS);
const ago = (days: number) => (days === 1 ? '1 day ago' : `${days} days ago`);

function deliveredBy(facts: FlightFacts): string[] {
  return [
    facts.downloaded ? 'downloaded' : null,
    facts.emailed ? 'e-mailed' : null,
    facts.copied ? 'copied to a drive' : null,
  ].filter((how): how is string => how !== null);
}

export function retentionVerdict(facts: FlightFacts, rules: RetentionRules, now: Date): RetentionVerdict {
  let verdict: RetentionVerdict;
  if (facts.soldAt !== null) {
    const days = daysSince(facts.soldAt, now);
    if (rules.soldRawDays === null || days < rules.soldRawDays) return { due: false, heldBack: null };
    const how = deliveredBy(facts);
    if (how.length === 0) {
      return {
        due: false,
        heldBack: `Sold ${ago(days)}, but not delivered yet: no download, e-mail or copy to a drive.`,
      };
    }
    verdict = { due: true, rule: 'sold', reason: `Sold ${ago(days)} and delivered (${how.join(', ')}).` };
  } else {
    const days = daysSince(facts.flightAt, now);
    if (rules.unsoldRawDays === null || days < rules.unsoldRawDays) return { due: false, heldBack: null };
    verdict = { due: true, rule: 'unsold', reason: `Not bought; flown ${ago(days)}.` };
  }
  if (facts.filming) return { due: false, heldBack: 'A scene of it is being filmed right now.' };
  if (facts.exporting) return { due: false, heldBack: 'A video of it is being made right now.' };
  return verdict;
}

/**
 * The flights with raw footage that flew at least `minDays` ago (no rule can apply to younger ones: a sale
 * comes after the flight), with the facts the rules need. `ids` narrows it to the flights an admin picked.
 */
export async function readFlightFacts(
  db: Kysely<Database>,
  { flownBefore, ids }: { flownBefore: string; ids?: readonly string[] },
): Promise<FlightFacts[]> {
  let query = db
    .selectFrom('flight_recordings as r')
    .select((eb) => {
      const completedSales = eb
        .selectFrom('sales as s')
        .whereRef('s.recording_id', '=', 'r.id')
        .where('s.status', '=', 'completed');
      return [
        'r.id',
        'r.passenger_names',
        'r.flight_at',
        completedSales.select((s) => s.fn.max('s.sale_date').as('sold_at')).as('sold_at'),
        eb
          .exists(
            completedSales
              .innerJoin('sale_downloads as d', 'd.sale_id', 's.id')
              .select('d.id')
              .where('d.download_count', '>', 0),
          )
          .as('downloaded'),
        eb
          .exists(
            completedSales
              .innerJoin('delivery_outbox as o', 'o.sale_id', 's.id')
              .select('o.id')
              .where('o.status', '=', 'sent'),
          )
          .as('emailed'),
        eb
          .exists(
            completedSales
              .innerJoin('audit_logs as a', 'a.entity_id', 's.id')
              .select('a.id')
              .where('a.entity_type', '=', 'sale')
              .where('a.action', '=', COPY_TO_DRIVE_ACTION),
          )
          .as('copied'),
        eb
          .exists(
            eb
              .selectFrom('scene_recordings as sc')
              .select('sc.id')
              .whereRef('sc.recording_id', '=', 'r.id')
              .where('sc.status', '=', 'recording'),
          )
          .as('filming'),
        eb
          .exists(
            eb
              .selectFrom('export_jobs as j')
              .select('j.id')
              .whereRef('j.recording_id', '=', 'r.id')
              .where('j.status', 'in', ['pending', 'processing']),
          )
          .as('exporting'),
      ];
    })
    .where('r.flight_at', '<=', flownBefore)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('storage_usage as u')
          .select('u.id')
          .whereRef('u.recording_id', '=', 'r.id')
          .where('u.kind', '=', 'raw'),
      ),
    )
    .orderBy('r.flight_at');
  if (ids) query = query.where('r.id', 'in', ids.length > 0 ? [...ids] : ['']);
  const rows = await query.execute();
  return rows.map((row) => ({
    recordingId: row.id,
    passengerNames: row.passenger_names,
    flightAt: row.flight_at,
    soldAt: row.sold_at ?? null,
    downloaded: Boolean(row.downloaded),
    emailed: Boolean(row.emailed),
    copied: Boolean(row.copied),
    filming: Boolean(row.filming),
    exporting: Boolean(row.exporting),
  }));
}

/** The latest flight time any rule could apply to: the shorter of the rules' days ago (null: no rule is on). */
export function flownBeforeFor(rules: RetentionRules, now: Date): string | null {
  const days = [rules.soldRawDays, rules.unsoldRawDays].filter((d): d is number => d !== null);
  if (days.length === 0) return null;
  return new Date(now.getTime() - Math.min(...days) * DAY_MS).toISOString();
}
