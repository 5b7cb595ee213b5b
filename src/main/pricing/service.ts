// The price rules an admin keeps: read (as the price function takes them), add, change, switch off, delete.
// Each change is audited; deleting a rule leaves the sales it priced with their discount and receipt text.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database, PriceRuleRow } from '../../../db/schema';
import {
  priceConditionSchema,
  type PriceCondition,
  type PriceRuleInput,
  type PriceRuleView,
} from '../../shared/pricing';
import { AppFailure } from '../errors';
import type { PricedRule } from './price';

/** What a row's JSON conditions hold beside the kind: the kind-specific fields and the bundle filter. */
interface StoredConditions {
  bundles?: unknown;
  [field: string]: unknown;
}

/**
 * A row as the price function takes it, or null when its stored conditions no longer read as a rule (a
 * hand-edited database): such a rule applies to nothing rather than to everything.
 */
export function pricedRule(row: PriceRuleRow): PricedRule | null {
  let stored: StoredConditions;
  try {
    stored = JSON.parse(row.conditions) as StoredConditions;
  } catch {
    return null;
  }
  const { bundles, ...fields } = stored;
  const condition = priceConditionSchema.safeParse({ ...fields, kind: row.kind });
  if (!condition.success) return null;
  const codes = Array.isArray(bundles) ? bundles.filter((b): b is string => typeof b === 'string') : [];
  return {
    id: row.id,
    name: row.name,
    condition: condition.data,
    bundles: codes,
    effect: { type: row.effect, value: row.effect_value },
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    active: row.active === 1,
    sortOrder: row.sort_order,
  };
}

function storedConditions(condition: PriceCondition, bundles: readonly string[]): string {
  const { kind: _kind, ...fields } = condition;
  return JSON.stringify({ ...fields, bundles });
}

/** Every rule, in the admin's order (then oldest first). */
export async function readPriceRules(
  db: Kysely<Database>,
  { activeOnly = false }: { activeOnly?: boolean } = {},
): Promise<PricedRule[]> {
  const rows = await db
    .selectFrom('price_rules')
    .selectAll()
    .$if(activeOnly, (qb) => qb.where('active', '=', 1))
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => {
    const rule = pricedRule(row);
    return rule ? [rule] : [];
  });
}

export async function priceRuleViews(db: Kysely<Database>): Promise<PriceRuleView[]> {
  const rows = await db
    .selectFrom('price_rules')
    .selectAll()
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const used = await db
    .selectFrom('sales')
    .select((eb) => ['price_rule_id', eb.fn.countAll<number>().as('used')])
    .where('status', '=', 'completed')
    .where('price_rule_id', 'is not', null)
    .groupBy('price_rule_id')
    .execute();
  const usedOf = new Map(used.map((u) => [u.price_rule_id, Number(u.used)]));
  return rows.flatMap((row) => {
    const rule = pricedRule(row);
    if (!rule) return [];
    return [
      { ...rule, bundles: [...rule.bundles], usedCount: usedOf.get(row.id) ?? 0, updatedAt: row.updated_at },
    ];
  });
}

/** Adds a rule (listed last) or changes one; the bundles it names must be in the catalogue. */
export async function savePriceRule(
  db: Kysely<Database>,
  input: PriceRuleInput,
  actingUserId: string | null,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    if (input.bundles.length > 0) {
      const known = await trx
        .selectFrom('bundles')
        .select('code')
        .where('code', 'in', input.bundles)
        .execute();
      const missing = input.bundles.filter((code) => !known.some((k) => k.code === code));
      if (missing.length > 0)
        throw new AppFailure(
          'VALIDATION',
          'A bundle picked for this rule is not in the catalogue. Pick again.',
          [{ path: 'bundles', message: `unknown bundle ${missing.join(', ')}` }],
        );
    }
    const fields = {
      name: input.name.trim(),
      kind: input.condition.kind,
      conditions: storedConditions(input.condition, [...new Set(input.bundles)]),
      effect: input.effect.type,
      effect_value: input.effect.value,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      active: input.active ? 1 : 0,
    } as const;
    const after = {
      name: fields.name,
      kind: fields.kind,
      conditions: fields.conditions,
      effect: fields.effect,
      effect_value: fields.effect_value,
      active: fields.active,
    };
    if (input.id) {
      const before = await trx
        .selectFrom('price_rules')
        .select(['name', 'kind', 'conditions', 'effect', 'effect_value', 'active'])
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (!before) throw new AppFailure('NOT_FOUND', 'That price rule was deleted. Add it again if needed.');
      await trx
        .updateTable('price_rules')
        .set({ ...fields, updated_at: new Date().toISOString() })
        .where('id', '=', input.id)
        .execute();
      await writeAuditLog(trx, {
        userId: actingUserId,
        action: 'update',
        entityType: 'price_rule',
        entityId: input.id,
        before,
        after,
      });
      return input.id;
    }
    const last = await trx
      .selectFrom('price_rules')
      .select((eb) => eb.fn.max('sort_order').as('last'))
      .executeTakeFirst();
    const id = randomUUID();
    await trx
      .insertInto('price_rules')
      .values({ id, ...fields, sort_order: (last?.last ?? 0) + 1, created_by: actingUserId })
      .execute();
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'create',
      entityType: 'price_rule',
      entityId: id,
      after,
    });
    return id;
  });
}

export async function removePriceRule(
  db: Kysely<Database>,
  ruleId: string,
  actingUserId: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('price_rules')
      .select(['name', 'kind', 'effect', 'effect_value'])
      .where('id', '=', ruleId)
      .executeTakeFirst();
    if (!before) throw new AppFailure('NOT_FOUND', 'That price rule was already deleted.');
    await trx.deleteFrom('price_rules').where('id', '=', ruleId).execute();
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'delete',
      entityType: 'price_rule',
      entityId: ruleId,
      before,
    });
  });
}
