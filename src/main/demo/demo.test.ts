// loadDemoData end to end: real ffmpeg, real files, a real database; short, small clips to stay fast.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import type { MagnumDatabase } from '../../../db/open';
import { makeTempDir } from '../../../db/test-support';
import { probeMedia } from '../ffmpeg/probe';
import { runFfmpeg } from '../ffmpeg/run';
import { loadDemoData } from './index';
import type { DemoProgress } from './index';

const dataDir = makeTempDir('magnum-demo-');
// 4 s: the shortest scene in which three 3 s slot windows can still be spread apart.
const small = { dataDir, flights: 2, clipSeconds: 4, width: 320, height: 180 };
let recordingIds: string[];
const progress: DemoProgress[] = [];
let mdb: MagnumDatabase;

beforeAll(async () => {
  ({ recordingIds } = await loadDemoData({ ...small, onProgress: (p) => progress.push(p) }));
  mdb = await openDatabase(join(dataDir, 'magnum.db'));
});
afterAll(async () => {
  await mdb.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const clipPath = (id: string, scene: string, camera: number) =>
  join(dataDir, 'media', id, scene, `camera${camera}.mp4`);

describe('loadDemoData', () => {
  it('creates the flights it reports, with their three scenes and eight slots', async () => {
    expect(recordingIds).toHaveLength(2);
    const rows = await mdb.db.selectFrom('recording_summary').selectAll().execute();
    expect(rows.map((r) => r.id).sort()).toEqual([...recordingIds].sort());
    expect(rows.every((r) => r.scene_count === 3 && r.recorded_scene_count === 3 && r.slot_count === 8)).toBe(
      true,
    );
  });

  it('writes two decodable H.264 clips per scene under media/<recording-id>/<scene>/', async () => {
    for (const id of recordingIds) {
      for (const scene of ['cruising', 'chase', 'arrival']) {
        for (const camera of [1, 2]) {
          const file = clipPath(id, scene, camera);
          const decoded = await runFfmpeg(['-v', 'error', '-i', file, '-f', 'null', '-']);
          expect(decoded.stderr.trim(), file).toBe('');
          expect(await probeMedia(file)).toMatchObject({
            videoCodec: 'h264',
            width: 320,
            height: 180,
            frameRate: 30,
          });
        }
      }
    }
  });

  it('fills each scene with relative paths, real durations, codec and the camera offset', async () => {
    const scene = await mdb.db
      .selectFrom('scene_recordings')
      .selectAll()
      .where('recording_id', '=', recordingIds[0] ?? '')
      .where('scene_type', '=', 'chase')
      .executeTakeFirstOrThrow();
    expect(scene).toMatchObject({
      camera1_path: `media/${recordingIds[0]}/chase/camera1.mp4`,
      camera2_path: `media/${recordingIds[0]}/chase/camera2.mp4`,
      codec: 'h264',
      mime_type: 'video/mp4',
      status: 'recorded',
      camera_offset_ms: 120,
    });
    expect(scene.camera1_duration).toBeCloseTo(4, 1);
    expect(scene.camera2_duration).toBeCloseTo(3.88, 1);
  });

  it('counts the real byte size of every clip', async () => {
    const rows = await mdb.db.selectFrom('storage_usage').select(['path', 'bytes', 'kind']).execute();
    expect(rows).toHaveLength(12);
    for (const row of rows) expect(row.bytes).toBe(statSync(join(dataDir, row.path)).size);
  });

  it('adds pilots and crew as users without a PIN, and assigns them to the flights', async () => {
    const users = await mdb.db.selectFrom('users').select(['id', 'role', 'pin_hash']).execute();
    expect(users.map((u) => u.role).sort()).toEqual(['crew', 'crew', 'pilot', 'pilot']);
    expect(users.every((u) => u.pin_hash === null)).toBe(true);
    const flight = await mdb.db
      .selectFrom('flight_recordings')
      .selectAll()
      .where('id', '=', recordingIds[0] ?? '')
      .executeTakeFirstOrThrow();
    expect(users.find((u) => u.id === flight.pilot_id)?.role).toBe('pilot');
    expect(users.find((u) => u.id === flight.staff_member)?.role).toBe('crew');
  });

  it('sells the first flight and marks segments on the second', async () => {
    const [first, second] = await Promise.all(
      recordingIds.map((id) =>
        mdb.db.selectFrom('recording_summary').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
      ),
    );
    expect(first).toMatchObject({ sold: 1, sales_count: 1, sales_total_cents: 4500 });
    expect(second).toMatchObject({ sold: 0, segment_count: 4 });
  });

  it('spreads each scene slot windows apart over the recorded footage', async () => {
    const slots = await mdb.db
      .selectFrom('video_slots')
      .select(['slot_number', 'window_start', 'slot_duration'])
      .where('recording_id', '=', recordingIds[0] ?? '')
      .orderBy('slot_number')
      .execute();
    const starts = slots.map((s) => s.window_start);
    // Cruising 1-3 and chase 4-6 each move forward through the scene; arrival 7-8 likewise.
    for (const [a, b] of [
      [0, 1],
      [1, 2],
      [3, 4],
      [4, 5],
      [6, 7],
    ] as const) {
      expect(starts[b]).toBeGreaterThan(starts[a] ?? Infinity);
    }
    // Every window ends inside the shorter camera's footage.
    const scenes = await mdb.db
      .selectFrom('scene_recordings')
      .select(['camera1_duration', 'camera2_duration'])
      .where('recording_id', '=', recordingIds[0] ?? '')
      .execute();
    const shortest = Math.min(...scenes.flatMap((s) => [s.camera1_duration ?? 0, s.camera2_duration ?? 0]));
    expect(slots.every((s) => s.window_start + s.slot_duration <= shortest + 1e-9)).toBe(true);
  });

  it('reports progress through flights and footage to done', () => {
    expect(progress.filter((p) => p.phase === 'footage').at(-1)).toMatchObject({ done: 12, total: 12 });
    expect(progress.at(-1)?.phase).toBe('done');
  });

  it('adds more flights when run again, reusing the staff and leaving earlier flights alone', async () => {
    const before = statSync(clipPath(recordingIds[0] ?? '', 'cruising', 1)).mtimeMs;
    const again = await loadDemoData({ ...small, flights: 1, db: mdb.db });
    expect(again.recordingIds).toHaveLength(1);
    expect(recordingIds).not.toContain(again.recordingIds[0]);
    expect(await mdb.db.selectFrom('users').select('id').execute()).toHaveLength(4);
    expect(await mdb.db.selectFrom('flight_recordings').select('id').execute()).toHaveLength(3);
    expect(statSync(clipPath(recordingIds[0] ?? '', 'cruising', 1)).mtimeMs).toBe(before);
    expect(existsSync(clipPath(again.recordingIds[0] ?? '', 'arrival', 2))).toBe(true);
  });
});
