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
      after: { name },
    });
    return withLayout(row);
  });
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
