import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAuditLog } from '../../../db/audit';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { listAuditEntries } from './list';

let t: TempDatabase;
let maria: string;
let tom: string;

beforeEach(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  maria = f.user({ name: 'Maria Lopez', role: 'admin' }).id;
  tom = f.user({ name: 'Tom Reed', role: 'crew' }).id;
  f.auditLog({
    user_id: maria,
    action: 'update',
    entity_type: 'bundle',
    entity_id: 'video_only',
    created_at: '2025-06-01T09:00:00.000Z',
    before_summary: '{"price_cents":2500}',
    after_summary: '{"price_cents":2700}',
  });
  f.auditLog({
    user_id: tom,
    action: 'sign_in',
    entity_type: 'session',
    created_at: '2025-06-01T10:00:00.000Z',
  });
  f.auditLog({
    user_id: null,
    action: 'sign_in_failed',
    entity_type: 'session',
    created_at: '2025-06-01T11:00:00.000Z',
  });
});

afterEach(async () => {
  await t.dispose();
});

const page = { limit: 50, offset: 0 };

describe('listAuditEntries', () => {
  it('lists newest first with the person’s name and the summaries as values', async () => {
    const { items, total } = await listAuditEntries(t.db, page);
    expect(total).toBe(3);
    expect(items.map((e) => [e.action, e.userName])).toEqual([
      ['sign_in_failed', null],
      ['sign_in', 'Tom Reed'],
      ['update', 'Maria Lopez'],
    ]);
    expect(items[2]).toMatchObject({
      entityType: 'bundle',
      entityId: 'video_only',
      before: { price_cents: 2500 },
      after: { price_cents: 2700 },
    });
    expect(items[1]).toMatchObject({ before: null, after: null });
  });

  it('filters by action, by kind of record and by person, with a total to match', async () => {
    expect((await listAuditEntries(t.db, { ...page, action: 'sign_in' })).items.map((e) => e.userId)).toEqual(
      [tom],
    );
    expect((await listAuditEntries(t.db, { ...page, entityType: 'session' })).total).toBe(2);
    const marias = await listAuditEntries(t.db, { ...page, userId: maria });
    expect([marias.total, marias.items[0]?.action]).toEqual([1, 'update']);
  });

  it('keeps the order in which entries of the same moment were written', async () => {
    const at = '2025-06-01T12:00:00.000Z';
    const f = fixtures(t.sqlite);
    for (const action of ['setup', 'sign_in', 'create'])
      f.auditLog({ action, entity_type: 'user', created_at: at });
    const { items } = await listAuditEntries(t.db, { limit: 3, offset: 0 });
    expect(items.map((e) => e.action)).toEqual(['create', 'sign_in', 'setup']);
  });

  it('writes the kiosk’s own entries with the same shape it reads', async () => {
    await writeAuditLog(t.db, { userId: tom, action: 'sign_out', entityType: 'session', entityId: 's1' });
    const { items } = await listAuditEntries(t.db, { ...page, action: 'sign_out' });
    expect(items[0]).toMatchObject({ userName: 'Tom Reed', entityId: 's1', before: null, after: null });
  });
});
