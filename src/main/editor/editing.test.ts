// Editing one flight end to end on a real database: the editor's view, saving segments and saving slots.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { localDay, type Viewer } from '../access/rules';
import { recordSceneMedia } from '../recordings/scenes';
import { createFlightRecording, type FlightRecordingDetail } from '../recordings/service';
import { NO_FOOTAGE, SEGMENTS_CONFLICT, saveSceneSegments } from '../segments/service';
import { saveSlotWindows } from '../slots/service';
import { EDIT_NEEDS_CONFIRMATION } from './editable';
import { readEditorView } from './view';

const TODAY = localDay(new Date('2025-06-01T09:00:00.000Z'), 0);

let t: TempDatabase;
let admin: Viewer;
let tom: Viewer;
let flight: FlightRecordingDetail;
let cruisingId: string;

beforeEach(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  admin = { id: f.user({ name: 'Maria Lopez', role: 'admin' }).id, role: 'admin' };
  tom = { id: f.user({ name: 'Tom Reed', role: 'crew' }).id, role: 'crew' };
  flight = await createFlightRecording(
    t.db,
    { passenger_names: 'Anna Keller', flight_at: '2025-06-01T10:00:00.000Z', staff_member: admin.id },
    admin.id,
  );
  cruisingId = flight.scenes[0]!.id;
  // Camera 1 filmed 20 s; camera 2 started 0.25 s later and filmed 19.5 s.
  await recordSceneMedia(
    t.db,
    cruisingId,
    {
      camera1: { path: `media/${flight.recording.id}/cruising/camera1.mp4`, duration: 20, bytes: 1000 },
      camera2: { path: `media/${flight.recording.id}/cruising/camera2.mp4`, duration: 19.5, bytes: 1000 },
      camera_offset_ms: 250,
      status: 'recorded',
    },
    admin.id,
  );
});
afterEach(() => t.dispose());

const save = (
  segments: { id?: string; startTime: number; duration: number; cameraAngle: 1 | 2 }[],
  baseRevision = 'empty',
  viewer = admin,
) =>
  saveSceneSegments(t.db, { sceneId: cruisingId, baseRevision, segments, confirmEdit: false }, viewer, TODAY);

describe('readEditorView', () => {
  it('gives each scene its segments, a revision and strips for the cameras that filmed', async () => {
    const view = await readEditorView(t.db, flight.recording.id, admin, TODAY);
    expect(view.scenes.map((s) => s.sceneType)).toEqual(['cruising', 'chase', 'arrival']);
    const [cruising, chase] = view.scenes;
    expect(cruising).toMatchObject({ segments: [], segmentsRevision: 'empty', offsetMs: 250 });
    expect(cruising?.camera1StripUrl).toMatch(
      new RegExp(`^/thumbs/${cruisingId}/camera1-strip\\.jpg\\?v=\\d+$`),
    );
    expect(chase?.camera1StripUrl).toBeNull();
    expect(view.slots.map((s) => [s.slotNumber, s.sceneType, s.cameraAngle])).toEqual([
      [1, 'cruising', 1],
      [2, 'cruising', 2],
      [3, 'cruising', 1],
      [4, 'chase', 1],
      [5, 'chase', 2],
      [6, 'chase', 1],
      [7, 'arrival', 1],
      [8, 'arrival', 2],
    ]);
    expect(view.template).toMatchObject({ frameRate: 30 });
    expect(view.editNeedsConfirmation).toBe(false);
  });

  it('is NOT_FOUND for a crew member who may not see the flight', async () => {
    await expect(readEditorView(t.db, flight.recording.id, tom, TODAY)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('saveSceneSegments', () => {
  it('numbers segments by start time and clamps each to its camera’s footage', async () => {
    const { segments } = await save([
      { startTime: 12, duration: 3, cameraAngle: 1 },
      { startTime: 0, duration: 2, cameraAngle: 2 },
      { startTime: 19, duration: 3, cameraAngle: 2 },
    ]);
    expect(segments.map((s) => [s.segmentNumber, s.startTime, s.duration, s.cameraAngle])).toEqual([
      [1, 0.25, 2, 2],
      [2, 12, 3, 1],
      [3, 16.75, 3, 2],
    ]);
  });

  it('keeps a segment’s id when it is moved, so renumbering never trips the unique numbers', async () => {
    const first = await save([
      { startTime: 2, duration: 2, cameraAngle: 1 },
      { startTime: 8, duration: 2, cameraAngle: 1 },
    ]);
    const [a, b] = first.segments;
    const moved = await save(
      [
        { id: a!.id, startTime: 14, duration: 2, cameraAngle: 1 },
        { id: b!.id, startTime: 8, duration: 2, cameraAngle: 1 },
      ],
      first.segmentsRevision,
    );
    expect(moved.segments.map((s) => [s.id, s.segmentNumber])).toEqual([
      [b!.id, 1],
      [a!.id, 2],
    ]);
  });

  it('deletes the segments left out and closes the gap in the numbers', async () => {
    const first = await save([
      { startTime: 1, duration: 2, cameraAngle: 1 },
      { startTime: 5, duration: 2, cameraAngle: 1 },
      { startTime: 9, duration: 2, cameraAngle: 2 },
    ]);
    const [one, , three] = first.segments;
    const { segments } = await save(
      [one!, three!].map(({ id, startTime, duration, cameraAngle }) => ({
        id,
        startTime,
        duration,
        cameraAngle,
      })),
      first.segmentsRevision,
    );
    expect(segments.map((s) => [s.id, s.segmentNumber])).toEqual([
      [one!.id, 1],
      [three!.id, 2],
    ]);
    const rows = await t.db
      .selectFrom('scene_segments')
      .select('id')
      .where('scene_id', '=', cruisingId)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('refuses a save started from an older revision, so a second screen cannot overwrite the first', async () => {
    const first = await save([{ startTime: 1, duration: 2, cameraAngle: 1 }]);
    await save([{ startTime: 6, duration: 2, cameraAngle: 1 }], first.segmentsRevision);
    await expect(save([], first.segmentsRevision)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: SEGMENTS_CONFLICT,
    });
    const rows = await t.db
      .selectFrom('scene_segments')
      .select('start_time')
      .where('scene_id', '=', cruisingId)
      .execute();
    expect(rows).toEqual([{ start_time: 6 }]);
  });

  it('treats a second save of the same segments as no conflict', async () => {
    const first = await save([{ startTime: 1, duration: 2, cameraAngle: 1 }]);
    const again = await save(
      first.segments.map(({ id, startTime, duration, cameraAngle }) => ({
        id,
        startTime,
        duration,
        cameraAngle,
      })),
      first.segmentsRevision,
    );
    expect(again.segmentsRevision).toBe(first.segmentsRevision);
  });

  it('refuses segments on a scene that has no footage yet', async () => {
    const chaseId = flight.scenes[1]!.id;
    await expect(
      saveSceneSegments(
        t.db,
        {
          sceneId: chaseId,
          baseRevision: 'empty',
          segments: [{ startTime: 1, duration: 2, cameraAngle: 1 }],
          confirmEdit: false,
        },
        admin,
        TODAY,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: NO_FOOTAGE });
  });

  it('asks for confirmation before changing a sold flight', async () => {
    await t.db
      .updateTable('flight_recordings')
      .set({ sold: 1 })
      .where('id', '=', flight.recording.id)
      .execute();
    await expect(save([{ startTime: 1, duration: 2, cameraAngle: 1 }])).rejects.toMatchObject({
      code: 'CONFLICT',
      message: EDIT_NEEDS_CONFIRMATION,
    });
    const confirmed = await saveSceneSegments(
      t.db,
      {
        sceneId: cruisingId,
        baseRevision: 'empty',
        segments: [{ startTime: 1, duration: 2, cameraAngle: 1 }],
        confirmEdit: true,
      },
      admin,
      TODAY,
    );
    expect(confirmed.segments).toHaveLength(1);
  });

  it('is NOT_FOUND for someone who may not see the flight', async () => {
    await expect(save([], 'empty', tom)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes one audit entry per save', async () => {
    await save([{ startTime: 1, duration: 2, cameraAngle: 1 }]);
    const entries = await t.db
      .selectFrom('audit_logs')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'scene_segments')
      .execute();
    expect(entries).toEqual([{ action: 'update', entity_id: cruisingId }]);
  });
});

describe('saveSlotWindows', () => {
  const saveSlots = (
    slots: { slotNumber: number; windowStart: number; slotDuration: number }[],
    confirmEdit = false,
  ) => saveSlotWindows(t.db, { recordingId: flight.recording.id, slots, confirmEdit }, admin, TODAY);

  it('sets a slot’s window and leaves the others as they were', async () => {
    const before = await readEditorView(t.db, flight.recording.id, admin, TODAY);
    const slots = await saveSlots([{ slotNumber: 2, windowStart: 7.5, slotDuration: 4 }]);
    expect(slots[1]).toMatchObject({ slotNumber: 2, windowStart: 7.5, slotDuration: 4 });
    expect(slots.filter((s) => s.slotNumber !== 2).map((s) => s.windowStart)).toEqual(
      before.slots.filter((s) => s.slotNumber !== 2).map((s) => s.windowStart),
    );
  });

  it('clamps a window to its camera’s footage on the scene clock', async () => {
    const slots = await saveSlots([{ slotNumber: 2, windowStart: 19, slotDuration: 3 }]);
    // Camera 2 runs 0.25 s to 19.75 s on the scene clock.
    expect(slots[1]).toMatchObject({ windowStart: 16.75, slotDuration: 3 });
  });

  it('lets two screens change different slots without undoing each other', async () => {
    await saveSlots([{ slotNumber: 1, windowStart: 2, slotDuration: 3 }]);
    const slots = await saveSlots([{ slotNumber: 3, windowStart: 12, slotDuration: 3 }]);
    expect([slots[0]?.windowStart, slots[2]?.windowStart]).toEqual([2, 12]);
  });

  it('moves a seamless slot to start where its partner ends', async () => {
    await t.db
      .updateTable('video_slots')
      .set({ seamless_with_previous: 1 })
      .where('recording_id', '=', flight.recording.id)
      .where('slot_number', '=', 2)
      .execute();
    const slots = await saveSlots([{ slotNumber: 1, windowStart: 5, slotDuration: 3 }]);
    expect(slots[1]).toMatchObject({ windowStart: 8, seamlessWithPrevious: true });
  });

  it('asks for confirmation before changing an exported flight', async () => {
    await t.db
      .updateTable('flight_recordings')
      .set({ export_status: 'completed' })
      .where('id', '=', flight.recording.id)
      .execute();
    await expect(saveSlots([{ slotNumber: 1, windowStart: 2, slotDuration: 3 }])).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const slots = await saveSlots([{ slotNumber: 1, windowStart: 2, slotDuration: 3 }], true);
    expect(slots[0]?.windowStart).toBe(2);
  });

  it('does not ask when the only export failed: no video was made', async () => {
    await t.db
      .updateTable('flight_recordings')
      .set({ export_status: 'failed' })
      .where('id', '=', flight.recording.id)
      .execute();
    const slots = await saveSlots([{ slotNumber: 1, windowStart: 4, slotDuration: 3 }]);
    expect(slots[0]?.windowStart).toBe(4);
  });
});
