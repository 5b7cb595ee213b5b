// Project templates: the 8-slot layout and output settings a flight's video is cut with. One is active.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database, ProjectTemplate, SlotLayoutEntry } from '../../../db/schema';
import { AppFailure } from '../errors';
import { parseSlotLayout, validateSlotLayout } from './slot-layout';

export type TemplateWithLayout = Omit<ProjectTemplate, 'slot_layout'> & { slot_layout: SlotLayoutEntry[] };

export interface NewTemplateInput {
  name: string;
  slot_layout: SlotLayoutEntry[];
  output_width?: number;
  output_height?: number;
  frame_rate?: number;
  title_pattern?: string;
  intro_asset?: string | null;
  outro_asset?: string | null;
  music_asset?: string | null;
}

const withLayout = (row: ProjectTemplate): TemplateWithLayout => ({
  ...row,
  slot_layout: parseSlotLayout(row.slot_layout),
});

export async function getActiveTemplate(db: Kysely<Database>): Promise<TemplateWithLayout | null> {
  const row = await db
    .selectFrom('project_templates')
    .selectAll()
    .where('is_active', '=', 1)
    .executeTakeFirst();
  return row ? withLayout(row) : null;
}

export async function listTemplates(db: Kysely<Database>): Promise<TemplateWithLayout[]> {
  const rows = await db.selectFrom('project_templates').selectAll().orderBy('created_at').execute();
  return rows.map(withLayout);
}

/** Adds a template, inactive until activateTemplate is called. */
export async function createTemplate(
  db: Kysely<Database>,
  input: NewTemplateInput,
  actingUserId: string | null,
): Promise<TemplateWithLayout> {
  const layout = validateSlotLayout(input.slot_layout);
  const name = input.name.trim();
  if (!name) throw new AppFailure('VALIDATION', 'A template needs a name.');
  return db.transaction().execute(async (trx) => {
    await assertNameFree(trx, name, null);
    const row = await trx
      .insertInto('project_templates')
      .values({
        id: randomUUID(),
        name,
        is_active: 0,
        slot_layout: JSON.stringify(layout),
        output_width: input.output_width,
        output_height: input.output_height,
        frame_rate: input.frame_rate,
        title_pattern: input.title_pattern,
        intro_asset: input.intro_asset ?? null,
        outro_asset: input.outro_asset ?? null,
        music_asset: input.music_asset ?? null,
        created_by: actingUserId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'create',
      entityType: 'template',
      entityId: row.id,
      after: summaryOf(row),
    });
    return withLayout(row);
  });
}

/**
 * Changes a template in place. Flights already checked in keep the slots they were given; only check-ins after
 * this (while it is active) see the change.
 */
export async function updateTemplate(
  db: Kysely<Database>,
  templateId: string,
  input: NewTemplateInput,
  actingUserId: string | null,
): Promise<TemplateWithLayout> {
  const layout = validateSlotLayout(input.slot_layout);
  const name = input.name.trim();
  if (!name) throw new AppFailure('VALIDATION', 'A template needs a name.');
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('project_templates')
      .selectAll()
      .where('id', '=', templateId)
      .executeTakeFirst();
    if (!before) throw new AppFailure('NOT_FOUND', 'That template no longer exists. Reload the list.');
    await assertNameFree(trx, name, templateId);
    const row = await trx
      .updateTable('project_templates')
      .set({
        name,
        slot_layout: JSON.stringify(layout),
        output_width: input.output_width ?? before.output_width,
        output_height: input.output_height ?? before.output_height,
        frame_rate: input.frame_rate ?? before.frame_rate,
        title_pattern: input.title_pattern ?? before.title_pattern,
        intro_asset: input.intro_asset ?? null,
        outro_asset: input.outro_asset ?? null,
        music_asset: input.music_asset ?? null,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', templateId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const [was, is] = [summaryOf(before), summaryOf(row)];
    const changed = (Object.keys(is) as Array<keyof typeof is>).filter(
      (key) => JSON.stringify(was[key]) !== JSON.stringify(is[key]),
    );
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'update',
      entityType: 'template',
      entityId: templateId,
      before: Object.fromEntries(changed.map((key) => [key, was[key]])),
      after: Object.fromEntries(changed.map((key) => [key, is[key]])),
    });
    return withLayout(row);
  });
}

/** How many flights were checked in with each template (ids without flights are absent). */
export async function flightCountsByTemplate(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('flight_recordings')
    .select(({ fn }) => ['template_id', fn.countAll<number>().as('flights')])
    .where('template_id', 'is not', null)
    .groupBy('template_id')
    .execute();
  return new Map(rows.map((row) => [row.template_id ?? '', row.flights]));
}

/** Names are how admins tell templates apart on a touchscreen, so two may not share one. */
async function assertNameFree(db: Kysely<Database>, name: string, exceptId: string | null): Promise<void> {
  let query = db.selectFrom('project_templates').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppFailure('CONFLICT', `A template called “${name}” already exists. Choose another name.`);
  }
}

/** What the audit log keeps of a template: every setting, the layout as one short line per slot. */
function summaryOf(row: ProjectTemplate) {
  return {
    name: row.name,
    slots: parseSlotLayout(row.slot_layout).map(
      (slot) =>
        `${slot.slot_number} ${slot.scene_type} cam${slot.camera_angle} ${slot.duration}s` +
        (slot.seamless_with_previous ? ' seamless' : ''),
    ),
    output: `${row.output_width}x${row.output_height}`,
    frame_rate: row.frame_rate,
    title_pattern: row.title_pattern,
    intro_asset: row.intro_asset,
    outro_asset: row.outro_asset,
    music_asset: row.music_asset,
  };
}

/** Makes one template the active one; new flights take their slots from it. */
export async function activateTemplate(
  db: Kysely<Database>,
  templateId: string,
  actingUserId: string | null,
): Promise<TemplateWithLayout> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('project_templates')
      .select('id')
      .where('is_active', '=', 1)
      .executeTakeFirst();
    const now = new Date().toISOString();
    // Deactivate first: the partial unique index allows only one active row at any moment.
    await trx
      .updateTable('project_templates')
      .set({ is_active: 0, updated_at: now })
      .where('is_active', '=', 1)
      .execute();
    const row = await trx
      .updateTable('project_templates')
      .set({ is_active: 1, updated_at: now })
      .where('id', '=', templateId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppFailure('NOT_FOUND', 'That template no longer exists.');
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'activate',
      entityType: 'template',
      entityId: templateId,
      before: { active_template_id: previous?.id ?? null },
      after: { active_template_id: templateId },
    });
    return withLayout(row);
  });
}
