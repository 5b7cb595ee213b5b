// The templates channels through the real dispatcher and a real database file: what an admin may save, what
// is refused before the database sees it, and that new check-ins (only) take the saved layout.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, makeTempDir, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { RawInputOf } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { TemplateView } from '../../shared/templates';
import { createDataAccess } from '../data-access';
import { createDispatcher, type Dispatch, type SessionUser } from '../ipc/dispatch';
import { handlersWith } from '../ipc/test-support';
import { createFlightRecording } from '../recordings/service';
import { findResourcesDir } from './assets';
import { templatesHandlers } from './handlers';

let t: TempDatabase;
let dispatch: Dispatch;
let admin: SessionUser;
let crew: SessionUser;

beforeEach(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  admin = { id: f.user({ name: 'Maria Lopez', role: 'admin' }).id, name: 'Maria Lopez', role: 'admin' };
  crew = { id: f.user({ name: 'Tom Reed', role: 'crew' }).id, name: 'Tom Reed', role: 'crew' };
  const users = new Map([
    ['admin-session', admin],
    ['crew-session', crew],
  ]);
  dispatch = createDispatcher({
    handlers: handlersWith(templatesHandlers(createDataAccess({ handle: t }), () => findResourcesDir())),
    logger: pino({ level: 'silent' }),
    resolveUser: (session) => users.get(session) ?? null,
  });
});
afterEach(() => t.dispose());

async function call<T>(channel: string, input: unknown, session = 'admin-session'): Promise<Result<T>> {
  return (await dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;
}

async function value<T>(channel: string, input: unknown): Promise<T> {
  const result = await call<T>(channel, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const list = () => value<TemplateView[]>('templates.list', {});

/** The default template as a save input, with `change` applied: the starting point of every save here. */
async function draftFrom(change: Partial<RawInputOf<'templates.save'>> = {}) {
  const [template] = await list();
  const { id: _id, active: _a, flightCount: _f, createdAt: _c, updatedAt: _u, ...fields } = template!;
  return { ...fields, name: 'Sunset tours', ...change } as RawInputOf<'templates.save'>;
}

const errorOf = (result: Result<unknown>) => (result.ok ? null : result.error);

describe('templates.list', () => {
  it('shows the shipped default active, with its intro, outro and music bed', async () => {
    const [template, ...others] = await list();
    expect(others).toEqual([]);
    expect(template).toMatchObject({
      name: 'Default 8-slot',
      active: true,
      outputWidth: 1920,
      outputHeight: 1080,
      frameRate: 30,
      introAsset: 'scenic-flight-intro.mp4',
      outroAsset: 'thank-you-outro.mp4',
      musicAsset: 'calm-chord-bed.m4a',
      flightCount: 0,
    });
    expect(template?.slots.map((s) => `${s.sceneType}/${s.cameraAngle}/${s.duration}`)).toEqual([
      'cruising/1/3',
      'cruising/2/3',
      'cruising/1/3',
      'chase/1/3',
      'chase/2/3',
      'chase/1/3',
      'arrival/1/3',
      'arrival/2/3',
    ]);
  });

  it('refuses crew: templates are for admins', async () => {
    expect(errorOf(await call('templates.list', {}, 'crew-session'))?.code).toBe('FORBIDDEN');
    expect(errorOf(await call('templates.save', await draftFrom(), 'crew-session'))?.code).toBe('FORBIDDEN');
  });
});

describe('templates.save', () => {
  it('creates a template inactive, and audits who did it', async () => {
    const slots = (await draftFrom()).slots.map((slot) =>
      slot.slotNumber === 2 ? { ...slot, seamlessWithPrevious: true, duration: 4.5 } : slot,
    );
    const saved = await value<TemplateView>(
      'templates.save',
      await draftFrom({ slots, frameRate: 25, outputWidth: 1080, outputHeight: 1920, musicAsset: null }),
    );
    expect(saved).toMatchObject({ name: 'Sunset tours', active: false, frameRate: 25, outputHeight: 1920 });
    expect(saved.slots[1]).toMatchObject({ seamlessWithPrevious: true, duration: 4.5 });
    expect((await list()).map((tpl) => [tpl.name, tpl.active])).toEqual([
      ['Default 8-slot', true],
      ['Sunset tours', false],
    ]);
    const audit = await t.db
      .selectFrom('audit_logs')
      .select(['user_id', 'action', 'entity_type'])
      .where('entity_id', '=', saved.id)
      .execute();
    expect(audit).toEqual([{ user_id: admin.id, action: 'create', entity_type: 'template' }]);
  });

  it('changes a template by id and audits only what changed', async () => {
    const created = await value<TemplateView>('templates.save', await draftFrom());
    await value('templates.save', {
      ...(await draftFrom()),
      id: created.id,
      titlePattern: '{passenger_names} flew with {pilot}',
    });
    const [, changed] = await list();
    expect(changed).toMatchObject({ id: created.id, titlePattern: '{passenger_names} flew with {pilot}' });
    const update = await t.db
      .selectFrom('audit_logs')
      .select(['before_summary', 'after_summary'])
      .where('entity_id', '=', created.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(update.after_summary ?? '')).toEqual({
      title_pattern: '{passenger_names} flew with {pilot}',
    });
    expect(JSON.parse(update.before_summary ?? '')).toEqual({
      title_pattern: '{passenger_names} - {flight_date}',
    });
  });

  it('is NOT_FOUND for an id that is not a template', async () => {
    const result = await call('templates.save', {
      ...(await draftFrom()),
      id: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f',
    });
    expect(errorOf(result)?.code).toBe('NOT_FOUND');
  });

  it('refuses a second template with the same name', async () => {
    await value('templates.save', await draftFrom());
    const result = await call('templates.save', await draftFrom());
    expect(errorOf(result)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Sunset tours'),
    });
  });

  it.each([
    ['seven slots', (slots: TemplateView['slots']) => slots.slice(0, 7)],
    ['slots out of order', (slots: TemplateView['slots']) => [slots[1], slots[0], ...slots.slice(2)]],
    [
      'seamless after the same camera',
      (slots: TemplateView['slots']) =>
        slots.map((s, i) => (i === 1 ? { ...s, cameraAngle: 1, seamlessWithPrevious: true } : s)),
    ],
    [
      'seamless across scenes',
      (slots: TemplateView['slots']) =>
        slots.map((s, i) => (i === 3 ? { ...s, cameraAngle: 2, seamlessWithPrevious: true } : s)),
    ],
    [
      'seamless on slot 1',
      (slots: TemplateView['slots']) => [{ ...slots[0], seamlessWithPrevious: true }, ...slots.slice(1)],
    ],
    [
      'a 12 s slot',
      (slots: TemplateView['slots']) => slots.map((s, i) => (i === 0 ? { ...s, duration: 12 } : s)),
    ],
    [
      'a 2.3 s slot',
      (slots: TemplateView['slots']) => slots.map((s, i) => (i === 0 ? { ...s, duration: 2.3 } : s)),
    ],
    [
      'a fourth scene',
      (slots: TemplateView['slots']) => slots.map((s, i) => (i === 0 ? { ...s, sceneType: 'landing' } : s)),
    ],
  ])('refuses a bad layout: %s', async (_name, spoil) => {
    const draft = await draftFrom();
    const result = await call('templates.save', {
      ...draft,
      slots: spoil(draft.slots as TemplateView['slots']),
    });
    expect(errorOf(result)?.code).toBe('VALIDATION');
    expect(await list()).toHaveLength(1);
  });

  it('says which slot cannot be seamless and why', async () => {
    const draft = await draftFrom();
    const slots = draft.slots.map((s, i) =>
      i === 4 ? { ...s, cameraAngle: 1 as const, seamlessWithPrevious: true } : s,
    );
    const error = errorOf(await call('templates.save', { ...draft, slots }));
    expect(error?.issues).toContainEqual({
      path: 'slots.4.seamlessWithPrevious',
      message: 'Slots 4 and 5 both use camera 1: seamless needs the other camera.',
    });
  });

  it.each([
    ['an unknown placeholder', '{passenger_names} on {weekday}', 'weekday'],
    ['a misspelt placeholder', '{passenger_name}', 'passenger_name'],
    ['a brace without a partner', '{passenger_names} {flight_date', 'no partner'],
    ['nothing at all', '   ', 'needs some text'],
  ])('refuses a title pattern with %s', async (_name, titlePattern, said) => {
    const error = errorOf(await call('templates.save', await draftFrom({ titlePattern })));
    expect(error?.code).toBe('VALIDATION');
    expect(JSON.stringify(error)).toContain(said);
  });

  it('refuses an output size or frame rate that is not offered', async () => {
    const size = errorOf(
      await call('templates.save', await draftFrom({ outputWidth: 1000, outputHeight: 1000 })),
    );
    expect(size).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('output sizes') });
    const rate = errorOf(await call('templates.save', await draftFrom({ frameRate: 24 as 25 })));
    expect(rate?.code).toBe('VALIDATION');
  });

  it('refuses an asset that is not in the shipped list, naming it', async () => {
    const error = errorOf(await call('templates.save', await draftFrom({ musicAsset: 'loud-rock.m4a' })));
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: 'There is no music bed called “loud-rock.m4a”. Pick one from the list, or None.',
    });
    expect(await list()).toHaveLength(1);
  });

  it.each([
    '../fonts/DejaVuSans-Bold.ttf',
    '/etc/passwd',
    'intros/scenic-flight-intro.mp4',
    '..',
    '.hidden.mp4',
    'C:\\intro.mp4',
    'scenic-flight-intro.mp4\u0000.m4a',
    '%2e%2e%2fintro.mp4',
  ])('refuses the path trick %j as an asset before anything is read', async (introAsset) => {
    const error = errorOf(await call('templates.save', await draftFrom({ introAsset })));
    expect(error?.code).toBe('VALIDATION');
  });

  it('refuses an intro file as the outro or the music', async () => {
    const asOutro = await call('templates.save', await draftFrom({ outroAsset: 'scenic-flight-intro.mp4' }));
    expect(errorOf(asOutro)?.code).toBe('VALIDATION');
    const asMusic = await call('templates.save', await draftFrom({ musicAsset: 'scenic-flight-intro.mp4' }));
    expect(errorOf(asMusic)?.code).toBe('VALIDATION');
  });
});

describe('templates.activate', () => {
  it('makes new check-ins take the saved layout, while flights already checked in keep theirs', async () => {
    const before = await createFlightRecording(t.db, { passenger_names: 'Early Bird' }, admin.id);
    const draft = await draftFrom();
    const slots = draft.slots.map((s, i) => (i === 3 ? { ...s, cameraAngle: 2 as const, duration: 4.5 } : s));
    const saved = await value<TemplateView>('templates.save', { ...draft, slots });
    const activated = await value<TemplateView>('templates.activate', { id: saved.id });
    expect(activated.active).toBe(true);

    const after = await createFlightRecording(t.db, { passenger_names: 'Late Riser' }, admin.id);
    expect(after.slots[3]).toMatchObject({ camera_angle: 2, slot_duration: 4.5 });
    expect(after.recording.template_id).toBe(saved.id);
    const kept = await t.db
      .selectFrom('video_slots')
      .select(['camera_angle', 'slot_duration'])
      .where('recording_id', '=', before.recording.id)
      .where('slot_number', '=', 4)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ camera_angle: 1, slot_duration: 3 });
    expect((await list()).map((tpl) => [tpl.name, tpl.active, tpl.flightCount])).toEqual([
      ['Default 8-slot', false, 1],
      ['Sunset tours', true, 1],
    ]);
  });

  it('is NOT_FOUND for an unknown template and leaves the active one', async () => {
    const result = await call('templates.activate', { id: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f' });
    expect(errorOf(result)?.code).toBe('NOT_FOUND');
    expect((await list())[0]?.active).toBe(true);
  });
});

describe('templates.assets', () => {
  it('lists what ships in resources/', async () => {
    await expect(value('templates.assets', {})).resolves.toEqual({
      intro: ['scenic-flight-intro.mp4'],
      outro: ['thank-you-outro.mp4'],
      music: ['calm-chord-bed.m4a'],
    });
  });

  it('offers only files of the right kind from a resources folder, skipping folders and symlinks', async () => {
    const dir = makeTempDir('magnum-resources-');
    mkdirSync(join(dir, 'intros', 'nested.mp4'), { recursive: true });
    mkdirSync(join(dir, 'music'));
    writeFileSync(join(dir, 'intros', 'b-intro.mp4'), 'x');
    writeFileSync(join(dir, 'intros', 'A-intro.MP4'), 'x');
    writeFileSync(join(dir, 'intros', 'notes.txt'), 'x');
    writeFileSync(join(dir, 'intros', '.hidden.mp4'), 'x');
    symlinkSync('/etc/hostname', join(dir, 'intros', 'escape.mp4'));
    writeFileSync(join(dir, 'music', 'bed.wav'), 'x');
    const local = createDispatcher({
      handlers: handlersWith(templatesHandlers(createDataAccess({ handle: t }), () => dir)),
      logger: pino({ level: 'silent' }),
      resolveUser: () => admin,
    });
    const result = await local({
      channel: 'templates.assets',
      input: {},
      session: 's',
      transport: 'websocket',
    });
    expect(result).toEqual({
      ok: true,
      value: { intro: ['A-intro.MP4', 'b-intro.mp4'], outro: [], music: ['bed.wav'] },
    });
  });
});
