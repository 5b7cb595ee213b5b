import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, fixtures, openTempDatabase } from '../../../db/test-support';
import type { TempDatabase } from '../../../db/test-support';
import { DEFAULT_SLOT_LAYOUT } from '../templates/slot-layout';
import { activateTemplate, createTemplate } from '../templates/service';
import { activateDeviceConfiguration, saveDeviceConfiguration } from '../devices/service';
import { listUnsoldRecordings, unsoldRecordingsQuery } from './dashboard';
import { updateFlightRecording } from './corrections';
import { createFlightRecording, getFlightRecording } from './service';

let t: TempDatabase;
beforeEach(async () => {
  t = await openTempDatabase();
});
afterEach(() => t.dispose());

const checkIn = { passenger_names: 'Anna & Ben Keller', flight_at: '2025-06-01T09:30:00.000Z' };

describe('createFlightRecording', () => {
  it('creates the recording with cruising, chase and arrival scenes filmed front and rear', async () => {
    const { recording, scenes } = await createFlightRecording(t.db, checkIn, null);
    expect(recording).toMatchObject({
      passenger_names: 'Anna & Ben Keller',
      sold: 0,
      export_status: 'not_exported',
    });
    expect(
      scenes.map((s) => [s.scene_type, s.scene_index, s.camera1_source, s.camera2_source, s.status]),
    ).toEqual([
      ['cruising', 1, 'front', 'rear', 'pending'],
      ['chase', 2, 'front', 'rear', 'pending'],
      ['arrival', 3, 'front', 'rear', 'pending'],
    ]);
  });

  it('creates the eight slots of the default layout, 3.0 s each, windows at 0 until scenes are recorded', async () => {
    const { scenes, slots } = await createFlightRecording(t.db, checkIn, null);
    const typeOf = new Map(scenes.map((s) => [s.id, s.scene_type]));
    expect(slots.map((s) => [s.slot_number, typeOf.get(s.scene_id), s.camera_angle])).toEqual(
      DEFAULT_SLOT_LAYOUT.map((e) => [e.slot_number, e.scene_type, e.camera_angle]),
    );
    expect(
      slots.every((s) => s.slot_duration === 3 && s.window_start === 0 && s.seamless_with_previous === 0),
    ).toBe(true);
  });

  it('takes the slots from the active template', async () => {
    const layout = DEFAULT_SLOT_LAYOUT.map((e) =>
      e.slot_number === 2 ? { ...e, duration: 4, seamless_with_previous: true } : e,
    );
    const template = await createTemplate(t.db, { name: 'Sunset', slot_layout: layout }, null);
    await activateTemplate(t.db, template.id, null);
    const { recording, slots } = await createFlightRecording(t.db, checkIn, null);
    expect(recording.template_id).toBe(template.id);
    expect(slots[1]).toMatchObject({ slot_duration: 4, seamless_with_previous: 1, window_start: 3 });
  });

  it('uses the default layout when no template is active', async () => {
    await t.db.updateTable('project_templates').set({ is_active: 0 }).execute();
    const { recording, slots } = await createFlightRecording(t.db, checkIn, null);
    expect(recording.template_id).toBeNull();
    expect(slots).toHaveLength(8);
  });

  it('copies camera sources from the active camera setup', async () => {
    const setup = await saveDeviceConfiguration(
      t.db,
      { name: 'Cockpit', camera1_source: 'cockpit', camera2_source: 'wing' },
      null,
    );
    await activateDeviceConfiguration(t.db, setup.id, null);
    const { scenes } = await createFlightRecording(t.db, checkIn, null);
    expect(scenes.every((s) => s.camera1_source === 'cockpit' && s.camera2_source === 'wing')).toBe(true);
    expect(scenes.every((s) => s.device_configuration_id === setup.id)).toBe(true);
  });

  it('leaves nothing behind when it fails midway', async () => {
    t.sqlite.exec(`CREATE TRIGGER fail_slot_5 BEFORE INSERT ON video_slots WHEN NEW.slot_number = 5
      BEGIN SELECT RAISE(ABORT, 'disk trouble at slot 5'); END`);
    await expect(createFlightRecording(t.db, checkIn, null)).rejects.toThrow(/disk trouble at slot 5/);
    for (const table of ['flight_recordings', 'scene_recordings', 'video_slots']) {
      expect(countRows(t.sqlite, table), table).toBe(0);
    }
  });

  it('records who checked the flight in, the pilot and the staff member', async () => {
    const f = fixtures(t.sqlite);
    const crew = f.user({ role: 'crew' });
    const pilot = f.user({ role: 'pilot', name: 'Cpt. Ruiz' });
    const { recording } = await createFlightRecording(
      t.db,
      { ...checkIn, pilot_id: pilot.id, staff_member: crew.id },
      crew.id,
    );
    expect(recording).toMatchObject({ created_by: crew.id, pilot_id: pilot.id, staff_member: crew.id });
  });

  it('refuses a pilot who is not a pilot', async () => {
    const crew = fixtures(t.sqlite).user({ role: 'crew' });
    await expect(createFlightRecording(t.db, { ...checkIn, pilot_id: crew.id }, null)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(countRows(t.sqlite, 'flight_recordings')).toBe(0);
  });

  it('refuses an e-mail address the customer mistyped, as a validation error', async () => {
    await expect(
      createFlightRecording(t.db, { ...checkIn, customer_email: 'anna.example.com' }, null),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('stores a flight time given with an offset as UTC', async () => {
    const { recording } = await createFlightRecording(
      t.db,
      { ...checkIn, flight_at: '2025-06-01T11:30:00+02:00' },
      null,
    );
    expect(recording.flight_at).toBe('2025-06-01T09:30:00.000Z');
  });

  it('refuses a check-in without passenger names', async () => {
    await expect(createFlightRecording(t.db, { passenger_names: '  ' }, null)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('defaults the flight time to the next half hour', async () => {
    const { recording } = await createFlightRecording(t.db, { passenger_names: 'Walk-in' }, null);
    const flightAt = new Date(recording.flight_at);
    expect([0, 30]).toContain(flightAt.getMinutes());
    expect(flightAt.getTime()).toBeGreaterThanOrEqual(Date.now() - 60_000);
  });
});

describe('listUnsoldRecordings (dashboard)', () => {
  async function flightsCreatedAt(times: string[]) {
    const ids: string[] = [];
    for (const time of times) {
      const { recording } = await createFlightRecording(t.db, checkIn, null);
      t.sqlite.prepare('UPDATE flight_recordings SET created_at = ? WHERE id = ?').run(time, recording.id);
      ids.push(recording.id);
    }
    return ids;
  }

  it('lists the latest unsold flights first, a page at a time, with the total for the pager', async () => {
    const [a, b, c, d] = await flightsCreatedAt([
      '2025-06-01T08:00:00.000Z',
      '2025-06-01T09:00:00.000Z',
      '2025-06-01T10:00:00.000Z',
      '2025-06-01T11:00:00.000Z',
    ]);
    t.sqlite.prepare('UPDATE flight_recordings SET sold = 1 WHERE id = ?').run(c);
    const first = await listUnsoldRecordings(t.db, { limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([d, b]);
    expect(first.total).toBe(3);
    const second = await listUnsoldRecordings(t.db, { limit: 2, offset: 2 });
    expect(second.items.map((r) => r.id)).toEqual([a]);
  });

  it('carries each flight summary figures', async () => {
    await flightsCreatedAt(['2025-06-01T08:00:00.000Z']);
    const [item] = (await listUnsoldRecordings(t.db)).items;
    expect(item).toMatchObject({
      scene_count: 3,
      recorded_scene_count: 0,
      slot_count: 8,
      sales_count: 0,
      storage_bytes: 0,
    });
  });

  it('is answered from idx_flight_recordings_unsold without a sort', () => {
    const { sql, parameters } = unsoldRecordingsQuery(t.db, { limit: 50, offset: 0 }).compile();
    const plan = t.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...parameters)
      .map((row) => (row as { detail: string }).detail);
    expect(plan.join('\n')).toMatch(/USING INDEX idx_flight_recordings_unsold/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});

describe('getFlightRecording', () => {
  it('returns the recording with its scenes, slots and segments', async () => {
    const created = await createFlightRecording(t.db, checkIn, null);
    const chase = created.scenes[1];
    if (!chase) throw new Error('no chase scene');
    fixtures(t.sqlite).segment(chase.id, 1);
    const detail = await getFlightRecording(t.db, created.recording.id);
    expect(detail.scenes.map((s) => s.scene_type)).toEqual(['cruising', 'chase', 'arrival']);
    expect(detail.slots.map((s) => s.slot_number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(detail.segments).toHaveLength(1);
  });

  it('says NOT_FOUND for a flight that does not exist', async () => {
    await expect(getFlightRecording(t.db, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('updateFlightRecording', () => {
  it('changes only the fields given', async () => {
    const { recording } = await createFlightRecording(t.db, { ...checkIn, notes: 'window seat' }, null);
    const updated = await updateFlightRecording(
      t.db,
      recording.id,
      { customer_email: ' anna@example.com ', contact_consent: true },
      null,
    );
    expect(updated).toMatchObject({
      customer_email: 'anna@example.com',
      contact_consent: 1,
      notes: 'window seat',
    });
    expect(updated.passenger_names).toBe('Anna & Ben Keller');
  });

  it('says NOT_FOUND for a flight that does not exist', async () => {
    await expect(updateFlightRecording(t.db, randomUUID(), { notes: 'x' }, null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
