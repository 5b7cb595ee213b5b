// Bulk-loads a benchmark database the size of years of busy operation: prepared statements inside one
// transaction per table, which is how SQLite inserts hundreds of thousands of rows in seconds.
import { randomUUID } from 'node:crypto';
import type Sqlite from 'better-sqlite3';

export interface SeedCounts {
  recordings: number;
  salesTarget: number;
  /** Spread of created_at / sale_date back from now. */
  days: number;
}

export interface SeedResult {
  rows: Record<string, number>;
  soldRecordings: number;
}

const SCENES = [
  ['cruising', 1],
  ['chase', 2],
  ['arrival', 3],
] as const;
const LAYOUT = [0, 0, 0, 1, 1, 1, 2, 2] as const; // slot -> scene position, the default layout
const BUNDLES = [
  ['video_photos', 4500],
  ['video_only', 2500],
  ['video_airtour_photos', 5500],
  ['photos_only', 3500],
] as const;
const DAY_MS = 86_400_000;

/** A deterministic pseudo-random sequence, so every run loads the same shape of data. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function seedBenchmarkData(sqlite: Sqlite.Database, counts: SeedCounts, now = Date.now()): SeedResult {
  const random = lcg(42);
  const rows: Record<string, number> = {};
  const count = (table: string, n = 1) => (rows[table] = (rows[table] ?? 0) + n);
  const iso = (ms: number) => new Date(ms).toISOString();

  const staff = Array.from({ length: 8 }, (_, i) => ({
    id: randomUUID(),
    name: `Crew ${i + 1}`,
    role: 'crew',
  }));
  const pilots = Array.from({ length: 4 }, (_, i) => ({
    id: randomUUID(),
    name: `Pilot ${i + 1}`,
    role: 'pilot',
  }));
  const insertUser = sqlite.prepare('INSERT INTO users (id, name, role) VALUES (@id, @name, @role)');

  const insertRecording = sqlite.prepare(`INSERT INTO flight_recordings
    (id, passenger_names, pilot_id, staff_member, created_by, flight_at, sold, export_status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertScene = sqlite.prepare(`INSERT INTO scene_recordings
    (id, recording_id, scene_type, scene_index, camera1_path, camera2_path, camera1_duration, camera2_duration,
     camera_offset_ms, codec, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'h264', 'recorded', ?, ?)`);
  const insertSlot = sqlite.prepare(`INSERT INTO video_slots
    (id, recording_id, scene_id, slot_number, camera_angle, window_start, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertSegment = sqlite.prepare(`INSERT INTO scene_segments
    (id, scene_id, segment_number, start_time, duration, camera_angle) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertStorage = sqlite.prepare(`INSERT INTO storage_usage
    (id, recording_id, scene_id, kind, path, bytes, recorded_at) VALUES (?, ?, ?, 'raw', ?, ?, ?)`);
  const insertSale = sqlite.prepare(`INSERT INTO sales
    (id, recording_id, bundle, amount_cents, currency, sale_date, staff_member, payment_method, status, void_reason,
     created_at, updated_at)
    VALUES (?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?)`);
  const insertJob = sqlite.prepare(`INSERT INTO export_jobs
    (id, recording_id, kind, status, progress, attempts, created_at, started_at, finished_at, updated_at)
    VALUES (?, ?, 'video', 'completed', 1, 1, ?, ?, ?, ?)`);

  // 60% of flights sell (the operator's conversion); the sales target is spread over them.
  const sold = (i: number) => i % 5 < 3;
  const soldRecordings = Array.from({ length: counts.recordings }, (_, i) => i).filter(sold).length;
  let salesLeft = counts.salesTarget;
  let soldSeen = 0;

  sqlite.transaction(() => {
    for (const user of [...staff, ...pilots]) {
      insertUser.run(user);
      count('users');
    }
    const span = counts.days * DAY_MS;
    for (let i = 0; i < counts.recordings; i++) {
      const createdMs = now - span + Math.floor((i / counts.recordings) * span);
      const created = iso(createdMs);
      const id = randomUUID();
      const crew = staff[i % staff.length]?.id ?? null;
      const isSold = sold(i);
      insertRecording.run(id, `Passenger ${i}`, pilots[i % pilots.length]?.id ?? null, crew, crew, created,
        isSold ? 1 : 0, isSold ? 'completed' : 'not_exported', created, created); // prettier-ignore
      count('flight_recordings');

      const sceneIds = SCENES.map(([type, index]) => {
        const sceneId = randomUUID();
        const base = `media/${id}/${type}`;
        insertScene.run(sceneId, id, type, index, `${base}/camera1.webm`, `${base}/camera2.webm`, 62.5, 62.3, 180,
          created, created); // prettier-ignore
        count('scene_recordings');
        for (const camera of [1, 2]) {
          insertStorage.run(randomUUID(), id, sceneId, `${base}/camera${camera}.webm`,
            40_000_000 + Math.floor(random() * 20_000_000), created); // prettier-ignore
          count('storage_usage');
        }
        if (random() < 0.3) {
          for (let n = 1; n <= 3; n++) {
            insertSegment.run(randomUUID(), sceneId, n, n * 12.5, 4, (n % 2) + 1);
            count('scene_segments');
          }
        }
        return sceneId;
      });
      LAYOUT.forEach((scenePosition, s) => {
        insertSlot.run(
          randomUUID(),
          id,
          sceneIds[scenePosition],
          s + 1,
          (s % 2) + 1,
          (s % 3) * 18 + 3,
          created,
          created,
        );
        count('video_slots');
      });

      if (!isSold) continue;
      soldSeen += 1;
      const sales = Math.round(salesLeft / (soldRecordings - soldSeen + 1));
      salesLeft -= sales;
      for (let n = 0; n < sales; n++) {
        const [bundle, cents] = BUNDLES[Math.floor(random() * BUNDLES.length)] ?? BUNDLES[0];
        const saleDate = iso(createdMs + 30 * 60_000 + n * 60_000);
        const voided = random() < 0.03;
        insertSale.run(randomUUID(), id, bundle, cents, saleDate, crew, random() < 0.7 ? 'card' : 'cash',
          voided ? 'voided' : 'completed', voided ? 'rang up twice' : null, saleDate, saleDate); // prettier-ignore
        count('sales');
      }
      const jobAt = iso(createdMs + 20 * 60_000);
      insertJob.run(randomUUID(), id, jobAt, jobAt, jobAt, jobAt);
      count('export_jobs');
    }
  })();
  return { rows, soldRecordings };
}
