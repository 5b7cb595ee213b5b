// One audit entry per kind of change, written by the service that makes the change, naming who did it.
// Each case starts from the same small kiosk (an admin, a crew member, one checked-in flight) and looks only
// at the entries its one action wrote.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { createAuthService, type AuthService } from '../auth/service';
import { FAST_PIN_PARAMS, testClock } from '../auth/test-support';
import { upsertBundle } from '../bundles/service';
import { activateDeviceConfiguration, saveDeviceConfiguration } from '../devices/service';
import { addSceneSegment, recordSceneMedia } from '../recordings/scenes';
import { updateFlightRecording } from '../recordings/corrections';
import { createFlightRecording, type FlightRecordingDetail } from '../recordings/service';
import { createSale, voidSale } from '../sales/service';
import { updateKioskSettings } from '../settings/service';
import { activateTemplate, createTemplate } from '../templates/service';
import { DEFAULT_SLOT_LAYOUT } from '../templates/slot-layout';
import { createUser, resetUserPin, updateUser } from '../users/service';

interface Kiosk {
  t: TempDatabase;
  auth: AuthService;
  adminId: string;
  crewId: string;
  flight: FlightRecordingDetail;
}

let k: Kiosk;
const clock = testClock();
const pinOptions = () => ({ now: clock.now(), pinParams: FAST_PIN_PARAMS });

beforeEach(async () => {
  const t = await openTempDatabase();
  const auth = createAuthService(t.db, { now: clock.now, pinParams: FAST_PIN_PARAMS });
  const admin = await auth.setup({ name: 'Maria Lopez', pin: '4821' });
  const crew = await createUser(
    t.db,
    { name: 'Tom Reed', role: 'crew', pin: '2468' },
    admin.user.id,
    pinOptions(),
  );
  const flight = await createFlightRecording(
    t.db,
    { passenger_names: 'Anna & Ben Keller', flight_at: '2025-06-01T09:30:00.000Z' },
    crew.id,
  );
  // Filmed, so a video bundle can be sold for it.
  t.sqlite
    .prepare(`UPDATE scene_recordings SET status = 'recorded' WHERE recording_id = ? AND scene_index = 1`)
    .run(flight.recording.id);
  k = { t, auth, adminId: admin.user.id, crewId: crew.id, flight };
});

afterEach(async () => {
  await k.t.dispose();
});

interface Entry {
  user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_summary: string | null;
  after_summary: string | null;
}

/** The audit entries written while `action` ran, in order. A refusal counts as done: it is audited too. */
async function entriesDuring(action: () => Promise<unknown>): Promise<Entry[]> {
  const mark = Number(k.t.sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM audit_logs').pluck().get());
  await action().catch((error: unknown) => {
    if (!['UNAUTHENTICATED', 'NOT_FOUND'].includes((error as { code?: string }).code ?? '')) throw error;
  });
  return k.t.sqlite
    .prepare(
      'SELECT user_id, action, entity_type, entity_id, before_summary, after_summary FROM audit_logs WHERE rowid > ? ORDER BY rowid',
    )
    .all(mark) as Entry[];
}

const bundle = (code: string, price_cents: number) => ({
  code,
  label: code,
  price_cents,
  includes_video: true,
  includes_photos: false,
  includes_airtour_photos: false,
});

const sell = () =>
  createSale(
    k.t.db,
    { recording_id: k.flight.recording.id, bundle: 'video_only', payment_method: 'card' },
    { id: k.crewId, role: 'crew' },
  );

interface Case {
  /** Sets the scene (a sale before its void); the entries it writes are not counted. */
  prepare?: () => Promise<string>;
  act: (prepared: string) => Promise<unknown>;
}

const templateId = () => k.t.sqlite.prepare('SELECT id FROM project_templates').pluck().get() as string;
const cameraSetupId = () =>
  k.t.sqlite.prepare('SELECT id FROM device_configurations').pluck().get() as string;
const tom = () => ({ id: k.crewId, name: 'Tom Reed', role: 'crew' as const });
const footage = {
  camera1: { path: 'media/x/cruising/camera1.mp4', duration: 20, bytes: 10 },
  camera2: null,
  camera_offset_ms: null,
  status: 'recorded' as const,
};

const cases: Array<[string, action: string, entity: string, by: 'admin' | 'crew', Case]> = [
  [
    'checking in a flight',
    'create',
    'recording',
    'crew',
    { act: () => createFlightRecording(k.t.db, { passenger_names: 'Priya Natarajan' }, k.crewId) },
  ],
  [
    'correcting a check-in',
    'update',
    'recording',
    'crew',
    { act: () => updateFlightRecording(k.t.db, k.flight.recording.id, { notes: 'window seat' }, k.crewId) },
  ],
  [
    'recording a scene',
    'update',
    'scene',
    'crew',
    { act: () => recordSceneMedia(k.t.db, k.flight.scenes[0]!.id, footage, k.crewId) },
  ],
  [
    'marking a segment',
    'create',
    'segment',
    'crew',
    {
      act: () =>
        addSceneSegment(
          k.t.db,
          k.flight.scenes[0]!.id,
          { start_time: 1, duration: 2, camera_angle: 1 },
          k.crewId,
        ),
    },
  ],
  ['selling a bundle', 'create', 'sale', 'crew', { act: sell }],
  [
    'voiding a sale',
    'void',
    'sale',
    'admin',
    {
      prepare: async () => (await sell()).id,
      act: (saleId) => voidSale(k.t.db, saleId, { reason: 'wrong flight' }, k.adminId),
    },
  ],
  [
    'refunding a sale',
    'refund',
    'sale',
    'admin',
    {
      prepare: async () => (await sell()).id,
      act: (saleId) => voidSale(k.t.db, saleId, { reason: 'unhappy', status: 'refunded' }, k.adminId),
    },
  ],
  [
    'adding a template',
    'create',
    'template',
    'admin',
    {
      act: () => createTemplate(k.t.db, { name: 'Sunset', slot_layout: [...DEFAULT_SLOT_LAYOUT] }, k.adminId),
    },
  ],
  [
    'activating a template',
    'activate',
    'template',
    'admin',
    { act: () => activateTemplate(k.t.db, templateId(), k.adminId) },
  ],
  [
    'adding a bundle',
    'create',
    'bundle',
    'admin',
    { act: () => upsertBundle(k.t.db, bundle('chase_cut', 1500), k.adminId) },
  ],
  [
    'changing a price',
    'update',
    'bundle',
    'admin',
    { act: () => upsertBundle(k.t.db, bundle('video_only', 2700), k.adminId) },
  ],
  [
    'adding a camera setup',
    'create',
    'device_configuration',
    'admin',
    { act: () => saveDeviceConfiguration(k.t.db, { name: 'Spare cameras' }, k.adminId) },
  ],
  [
    'activating a camera setup',
    'activate',
    'device_configuration',
    'admin',
    { act: () => activateDeviceConfiguration(k.t.db, cameraSetupId(), k.adminId) },
  ],
  [
    'adding a person',
    'create',
    'user',
    'admin',
    {
      act: () =>
        createUser(k.t.db, { name: 'Erik Halvorsen', role: 'pilot', pin: '1357' }, k.adminId, pinOptions()),
    },
  ],
  [
    'deactivating a person',
    'update',
    'user',
    'admin',
    { act: () => updateUser(k.t.db, { id: k.crewId, active: false }, k.adminId, clock.now()) },
  ],
  [
    'resetting a PIN',
    'reset_pin',
    'user',
    'admin',
    { act: () => resetUserPin(k.t.db, { id: k.crewId, pin: '9753' }, k.adminId, pinOptions()) },
  ],
  [
    'changing a setting',
    'update',
    'setting',
    'admin',
    { act: () => updateKioskSettings(k.t.db, { idleLockMinutes: 15 }, k.adminId) },
  ],
  [
    'signing in',
    'sign_in',
    'session',
    'crew',
    { act: () => k.auth.signIn({ userId: k.crewId, pin: '2468' }, null) },
  ],
  [
    'a wrong PIN',
    'sign_in_failed',
    'session',
    'crew',
    { act: () => k.auth.signIn({ userId: k.crewId, pin: '1111' }, null) },
  ],
  [
    'signing out',
    'sign_out',
    'session',
    'crew',
    {
      prepare: async () => (await k.auth.signIn({ userId: k.crewId, pin: '2468' }, null)).token,
      act: (token) => k.auth.signOut(token, tom()),
    },
  ],
];

describe('the audit log', () => {
  it.each(cases)(
    'records %s as one %s entry on a %s, naming the %s who did it',
    async (_name, action, entity, by, c) => {
      const prepared = c.prepare ? await c.prepare() : '';
      const entries = await entriesDuring(() => c.act(prepared));
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action,
        entity_type: entity,
        user_id: by === 'admin' ? k.adminId : k.crewId,
      });
    },
  );
});
