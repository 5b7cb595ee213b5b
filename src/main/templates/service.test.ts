import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase } from '../../../db/test-support';
import type { TempDatabase } from '../../../db/test-support';
import { DEFAULT_SLOT_LAYOUT } from './slot-layout';
import { activateTemplate, createTemplate, getActiveTemplate, listTemplates } from './service';

let t: TempDatabase;
beforeEach(async () => {
  t = await openTempDatabase();
});
afterEach(() => t.dispose());

const sunsetLayout = DEFAULT_SLOT_LAYOUT.map((slot) =>
  slot.slot_number === 2 ? { ...slot, seamless_with_previous: true, duration: 4 } : slot,
);

describe('templates service', () => {
  it('starts with the seeded default template active, holding the default 8-slot layout', async () => {
    const active = await getActiveTemplate(t.db);
    expect(active?.name).toBe('Default 8-slot');
    expect(active?.slot_layout).toEqual(DEFAULT_SLOT_LAYOUT);
  });

  it('adds a template inactive, so flights keep using the current one', async () => {
    const created = await createTemplate(t.db, { name: 'Sunset', slot_layout: sunsetLayout }, null);
    expect(created.is_active).toBe(0);
    expect(created.slot_layout[1]).toMatchObject({ seamless_with_previous: true, duration: 4 });
    expect((await getActiveTemplate(t.db))?.name).toBe('Default 8-slot');
    expect(await listTemplates(t.db)).toHaveLength(2);
  });

  it('refuses a layout that is not eight slots', async () => {
    await expect(
      createTemplate(t.db, { name: 'Short', slot_layout: sunsetLayout.slice(0, 7) }, null),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('activates one template and deactivates the previous one, recording who did it', async () => {
    const created = await createTemplate(t.db, { name: 'Sunset', slot_layout: sunsetLayout }, null);
    await activateTemplate(t.db, created.id, null);
    const active = await t.db
      .selectFrom('project_templates')
      .select('name')
      .where('is_active', '=', 1)
      .execute();
    expect(active).toEqual([{ name: 'Sunset' }]);
    const audit = await t.db
      .selectFrom('audit_logs')
      .select('action')
      .where('entity_id', '=', created.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'activate']);
  });

  it('leaves the active template in place when asked to activate one that does not exist', async () => {
    await expect(activateTemplate(t.db, 'no-such-template', null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await getActiveTemplate(t.db))?.name).toBe('Default 8-slot');
  });
});
