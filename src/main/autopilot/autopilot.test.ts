// The autopilot against the real export queue: a demo flight (three filmed scenes, eight slots) in a real
// database, real ffmpeg making the videos. What it queues is an ordinary export_jobs row; why it did or did
// not is in the log.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { openDatabase, type MagnumDatabase } from '../../../db/open';
import type { Viewer } from '../access/rules';
import { createDataAccess } from '../data-access';
import { loadDemoData } from '../demo';
import { createExportService, type ExportService } from '../exports/service';
import { resolveFfmpeg } from '../ffmpeg/resolve';
import type { SignedInContext } from '../ipc/dispatch';
import { createEventHub } from '../ipc/events';
import { recordingsHandlers } from '../recordings/handlers';
import { slotsHandlers } from '../slots/handlers';
import { findResourcesDir } from '../templates/assets';
import { createAutopilot, type Autopilot } from './autopilot';
import { withAutopilotHooks } from './hooks';

const seed = makeTempDir('magnum-autopilot-seed-');
let recordingId: string;

beforeAll(async () => {
  const { recordingIds } = await loadDemoData({ dataDir: seed, flights: 1, clipSeconds: 4 });
  recordingId = recordingIds[0]!;
}, 180_000);
afterAll(() => rmSync(seed, { recursive: true, force: true }));

let dir: string;
let database: MagnumDatabase;
let crew: Viewer;
let exports: ExportService;
let autopilot: Autopilot;
let logged: Array<Record<string, unknown> & { msg: string }>;

beforeEach(async () => {
  dir = makeTempDir('magnum-autopilot-');
  cpSync(seed, dir, { recursive: true });
  database = await openDatabase(path.join(dir, 'magnum.db'));
  // Short slots in a small frame: these tests are about when a video is made, not the picture.
  database.sqlite.prepare('UPDATE project_templates SET output_width = 320, output_height = 180').run();
  database.sqlite.prepare('UPDATE video_slots SET slot_duration = 1').run();
  const staff = database.sqlite
    .prepare('SELECT staff_member FROM flight_recordings WHERE id = ?')
    .pluck()
    .get(recordingId) as string;
  crew = database.sqlite.prepare('SELECT id, role FROM users WHERE id = ?').get(staff) as Viewer;
  logged = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const events = createEventHub();
  const data = createDataAccess({ handle: database });
  exports = createExportService({
    dataDir: dir,
    data,
    logger,
    events,
    resourcesDir: findResourcesDir(),
    ffmpegPath: () => resolveFfmpeg().path,
    freeBytes: async () => 500 * 1024 ** 3,
    photoRoots: async () => [],
  });
  await exports.start();
  autopilot = createAutopilot({
    dataDir: dir,
    data,
    logger,
    events,
    exports,
    hold: { held: () => false, subscribe: () => () => undefined },
    editSettleMs: 200,
  });
});

afterEach(async () => {
  await autopilot.close();
  await exports.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const videoJobs = () =>
  database.sqlite
    .prepare("SELECT status, output_path FROM export_jobs WHERE recording_id = ? AND kind = 'video'")
    .all(recordingId) as Array<{ status: string; output_path: string | null }>;

const reasons = () =>
  logged.filter((line) => line.msg.startsWith('autopilot: ') && 'reason' in line).map((line) => line.reason);

const sceneId = () =>
  database.sqlite
    .prepare('SELECT id FROM scene_recordings WHERE recording_id = ? ORDER BY scene_type')
    .pluck()
    .get(recordingId) as string;

/** What capture tells the autopilot when the crew member stops a take. */
const sceneSaved = () =>
  autopilot.sceneSaved({ recordingId, sceneId: sceneId(), userId: crew.id, rerecord: false, how: 'stop' });

async function settled(): Promise<void> {
  await autopilot.whenIdle();
  await exports.whenIdle();
}

describe('the autopilot', () => {
  it('makes the video by itself once a scene is saved and every slot has footage, for who filmed it', async () => {
    sceneSaved();
    await settled();

    expect(videoJobs()).toEqual([{ status: 'completed', output_path: expect.stringMatching(/\.mp4$/) }]);
    expect(logged.find((line) => line.msg === 'autopilot: video queued by itself')).toMatchObject({
      recordingId,
      by: crew.id,
      reason: 'every slot has footage after a scene was saved',
    });
    expect(database.sqlite.prepare('SELECT export_status FROM flight_recordings').pluck().get()).toBe(
      'completed',
    );
  });

  it('waits while a slot has no footage, and says so', async () => {
    database.sqlite
      .prepare('UPDATE scene_recordings SET camera1_path = NULL, camera2_path = NULL WHERE id = ?')
      .run(sceneId());

    sceneSaved();
    await settled();

    expect(videoJobs()).toEqual([]);
    expect(reasons()).toEqual([expect.stringMatching(/^waiting for footage: Slot \d .* has no footage/)]);
  });

  it('leaves it to the crew when the setting is off', async () => {
    database.sqlite
      .prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('auto_make_video', 'false')")
      .run();

    sceneSaved();
    await settled();

    expect(videoJobs()).toEqual([]);
    expect(reasons()).toEqual(['making the video by itself is switched off in Settings']);
  });

  it('saves three scenes in a row into one video job', async () => {
    sceneSaved();
    sceneSaved();
    sceneSaved();
    await settled();

    expect(videoJobs()).toHaveLength(1);
  });

  it('makes the video again once after a burst of edits, and not for an edit that changed nothing', async () => {
    const data = createDataAccess({ handle: database });
    const handlers = withAutopilotHooks({ ...slotsHandlers(data), ...recordingsHandlers(data) }, autopilot);
    const context: SignedInContext = {
      user: { ...crew, name: 'Crew' },
      session: null,
      transport: 'websocket',
      peer: { connection: 'test', address: 'local' },
    };
    sceneSaved();
    await settled();
    const save = (windowStart: number) =>
      handlers['slots.save'](
        { recordingId, slots: [{ slotNumber: 2, windowStart, slotDuration: 1 }], confirmEdit: true },
        context,
      );

    await save(0.5);
    await save(1);
    await save(1.5);
    await settled();
    await save(1.5); // the same window again
    await settled();

    expect(videoJobs().map((job) => job.status)).toEqual(['completed', 'completed']);
    expect(reasons().at(-1)).toBe('the flight was edited after its video was made');
  });

  it('does not make a video for an edit before any video was made', async () => {
    autopilot.slotsChanged({ recordingId, userId: crew.id });
    await settled();

    expect(videoJobs()).toEqual([]);
    expect(reasons()).toEqual(['no video was made yet, so an edit alone does not make one']);
  });
});
