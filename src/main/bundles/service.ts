// The bundle catalogue: what can be sold and at what price. Admins add bundles and change prices; a price
// change never alters past sales, which keep the amount they were sold at.
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Bundle, Database } from '../../../db/schema';
import { AppFailure } from '../errors';

export interface BundleInput {
  code: string;
  label: string;
  price_cents: number;
  includes_video: boolean;
  includes_photos: boolean;
  includes_airtour_photos: boolean;
  active?: boolean;
  sort_order?: number;
  /** A new bundle: one with this code already is refused, never overwritten (its name, price and sales). */
  adding?: boolean;
}

const BUNDLE_CODE = /^[a-z][a-z0-9_]*$/;

export async function listBundles(
  db: Kysely<Database>,
  { includeInactive = false }: { includeInactive?: boolean } = {},
): Promise<Bundle[]> {
  let query = db.selectFrom('bundles').selectAll().orderBy('sort_order').orderBy('code');
  if (!includeInactive) query = query.where('active', '=', 1);
  return query.execute();
}

export async function getBundle(db: Kysely<Database>, code: string): Promise<Bundle | null> {
  return (await db.selectFrom('bundles').selectAll().where('code', '=', code).executeTakeFirst()) ?? null;
}

/** Adds a bundle or changes one (label, price, contents, availability, order), keeping an audit trail. */
export async function upsertBundle(
  db: Kysely<Database>,
  input: BundleInput,
  actingUserId: string | null,
): Promise<Bundle> {
  const issues = [];
  if (!BUNDLE_CODE.test(input.code))
    issues.push({ path: 'code', message: 'lower-case letters, digits and _, starting with a letter' });
  if (!input.label.trim()) issues.push({ path: 'label', message: 'required' });
  if (!Number.isInteger(input.price_cents) || input.price_cents <= 0)
    issues.push({ path: 'price_cents', message: 'a whole number of cents above 0' });
  if (!input.includes_video && !input.includes_photos && !input.includes_airtour_photos)
    issues.push({ path: 'includes_video', message: 'a bundle must include video or photos' });
  if (issues.length > 0) throw new AppFailure('VALIDATION', 'The bundle is not complete.', issues);

  const fields = {
    label: input.label.trim(),
    price_cents: input.price_cents,
    includes_video: input.includes_video ? 1 : 0,
    includes_photos: input.includes_photos ? 1 : 0,
    includes_airtour_photos: input.includes_airtour_photos ? 1 : 0,
    // Undefined keeps the current value on update (kysely omits undefined fields) and the default on insert.
    active: input.active === undefined ? undefined : input.active ? 1 : 0,
    sort_order: input.sort_order,
  } as const;

  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('bundles')
      .selectAll()
      .where('code', '=', input.code)
      .executeTakeFirst();
    // Two bundles of one name would confuse the crew at checkout; a new one must not take over another's code.
    const namesake = await trx
      .selectFrom('bundles')
      .select('label')
      .where('code', '!=', input.code)
      .where((eb) => eb(eb.fn('lower', ['label']), '=', fields.label.toLowerCase()))
      .executeTakeFirst();
    const taken = namesake ?? (input.adding ? before : undefined);
    if (taken) {
      const message = `There is already a bundle called “${taken.label}”: pick another name.`;
      throw new AppFailure('CONFLICT', message, [{ path: 'label', message }]);
    }
    const row = await trx
      .insertInto('bundles')
      .values({ code: input.code, ...fields })
      .onConflict((oc) => oc.column('code').doUpdateSet({ ...fields, updated_at: new Date().toISOString() }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: before ? 'update' : 'create',
      entityType: 'bundle',
      entityId: input.code,
      before: before
        ? { label: before.label, price_cents: before.price_cents, active: before.active }
        : undefined,
      after: { label: row.label, price_cents: row.price_cents, active: row.active },
    });
    return row;
  });
}
