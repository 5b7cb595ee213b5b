// Demo data: a few realistic flights with synthetic dual-camera footage, made through the same services the
// kiosk uses, so a newcomer can try review, editing, export and sales with no cameras. Running it again adds
// more flights; it never changes or removes existing ones.
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../../db/open';
import type { Database, SceneRecording } from '../../../db/schema';
import { DATABASE_FILE } from '../config';
import { probeMedia } from '../ffmpeg/probe';
import { resolveFfmpeg } from '../ffmpeg/resolve';
import { addSceneSegment, recordSceneMedia } from '../recordings/scenes';
import { createFlightRecording } from '../recordings/service';
import type { FlightRecordingDetail } from '../recordings/service';
import { createSale } from '../sales/service';
import { findDemoFontDir, renderDemoClip } from './footage';
import { DEMO_FLIGHTS, DEMO_STAFF } from './people-and-flights';
import type { DemoFlight } from './people-and-flights';

export interface DemoProgress {
  phase: 'flights' | 'footage' | 'done';
  done: number;
  total: number;
  message: string;
}

export interface LoadDemoDataOptions {
  dataDir: string;
  onProgress?(progress: DemoProgress): void;
  /** The running app's database; when omitted, dataDir/magnum.db is opened (and created) and closed again. */
  db?: Kysely<Database>;
  /** How many of the demo flights to add (default all four). */
  flights?: number;
  /** Seconds of footage per camera per scene (default 20). */
  clipSeconds?: number;
  /** Footage size (default 1280x720). */
  width?: number;
  height?: number;
  ffmpegPath?: string;
  fontDir?: string;
}

export interface DemoResult {
  recordingIds: string[];
  elapsedMs: number;
}

const DESIGNED_CLIP_SECONDS = 20; // segment times in DEMO_FLIGHTS are written for 20 s scenes

/** Pilots and crew as users with no PIN (PINs belong to sign-in); reused by name when already there. */
async function ensureStaff(db: Kysely<Database>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const person of DEMO_STAFF) {
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where('name', '=', person.name)
      .where('role', '=', person.role)
      .executeTakeFirst();
    const id = existing?.id ?? randomUUID();
    if (!existing)
      await db
        .insertInto('users')
        .values({ id, name: person.name, role: person.role, pin_hash: null })
        .execute();
    ids.set(person.name, id);
  }
  return ids;
}

async function runPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true; // stop handing out work; let running clips finish
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

const relativeClipPath = (recordingId: string, scene: SceneRecording, camera: 1 | 2) =>
  `media/${recordingId}/${scene.scene_type}/camera${camera}.mp4`;

export async function loadDemoData(options: LoadDemoDataOptions): Promise<DemoResult> {
  const started = performance.now();
  const clipSeconds = options.clipSeconds ?? DESIGNED_CLIP_SECONDS;
  const specs = DEMO_FLIGHTS.slice(0, options.flights ?? DEMO_FLIGHTS.length);
  const ffmpegPath = options.ffmpegPath ?? resolveFfmpeg().path;
  const fontDir = options.fontDir ?? findDemoFontDir();
  const opened = options.db ? null : await openDatabase(join(options.dataDir, DATABASE_FILE));
  const db = options.db ?? (opened as NonNullable<typeof opened>).db;
  const report = (progress: DemoProgress) => options.onProgress?.(progress);

  try {
    const staff = await ensureStaff(db);
    const flights: { spec: DemoFlight; detail: FlightRecordingDetail }[] = [];
    for (const spec of specs) {
      const flightAt = new Date(Date.now() - spec.hoursAgo * 3_600_000);
      flightAt.setUTCMinutes(Math.floor(flightAt.getUTCMinutes() / 5) * 5, 0, 0);
      const crewId = staff.get(spec.crew) ?? null;
      const detail = await createFlightRecording(
        db,
        {
          passenger_names: spec.passenger_names,
          flight_at: flightAt.toISOString(),
          customer_email: spec.customer_email,
          customer_phone: spec.customer_phone,
          pilot_id: staff.get(spec.pilot) ?? null,
          staff_member: crewId,
          notes: spec.notes,
          language: spec.language,
          origin: spec.origin,
          referral_source: spec.referral_source,
          trip_purpose: spec.trip_purpose,
          contact_consent: spec.contact_consent,
          waiver_accepted_at: new Date(flightAt.getTime() - 20 * 60_000).toISOString(),
        },
        crewId,
      );
      flights.push({ spec, detail });
      report({
        phase: 'flights',
        done: flights.length,
        total: specs.length,
        message: `Checked in ${spec.passenger_names}`,
      });
    }

    const clips = flights.flatMap(({ spec, detail }) =>
      detail.scenes.flatMap((scene) => ([1, 2] as const).map((camera) => ({ spec, detail, scene, camera }))),
    );
    let rendered = 0;
    await runPool(clips, Math.min(2, availableParallelism()), async ({ spec, detail, scene, camera }) => {
      const finalPath = join(
        options.dataDir,
        ...relativeClipPath(detail.recording.id, scene, camera).split('/'),
      );
      const partPath = `${finalPath}.part`;
      mkdirSync(join(finalPath, '..'), { recursive: true });
      const offsetSeconds = spec.cameraOffsetMs / 1000;
      try {
        await renderDemoClip(
          {
            camera,
            sceneType: scene.scene_type,
            // Both cameras stop together; camera 2 started later, so it holds that much less footage.
            durationSeconds: camera === 1 ? clipSeconds : clipSeconds - offsetSeconds,
            clockStartMs: camera === 1 ? 0 : spec.cameraOffsetMs,
            flightLabel: `${spec.passenger_names} - ${detail.recording.id.slice(0, 8)}`,
            width: options.width,
            height: options.height,
          },
          partPath,
          { fontDir, ffmpegPath },
        );
        // Renamed only once complete: a half-written clip never sits where the app looks for footage.
        renameSync(partPath, finalPath);
      } catch (error) {
        rmSync(partPath, { force: true });
        throw error;
      }
      rendered += 1;
      report({
        phase: 'footage',
        done: rendered,
        total: clips.length,
        message: `Rendered ${scene.scene_type} camera ${camera} for ${spec.passenger_names}`,
      });
    });

    for (const { spec, detail } of flights) {
      const flightAt = new Date(detail.recording.flight_at).getTime();
      for (const scene of detail.scenes) {
        const files = await Promise.all(
          ([1, 2] as const).map(async (camera) => {
            const path = relativeClipPath(detail.recording.id, scene, camera);
            const absolute = join(options.dataDir, ...path.split('/'));
            const info = await probeMedia(absolute, { ffmpegPath });
            return {
              path,
              duration: info.durationSeconds ?? clipSeconds,
              bytes: statSync(absolute).size,
              codec: info.videoCodec,
            };
          }),
        );
        const startedAt = flightAt + (scene.scene_index - 1) * 8 * 60_000;
        await recordSceneMedia(
          db,
          scene.id,
          {
            camera1: files[0] ?? null,
            camera2: files[1] ?? null,
            camera_offset_ms: spec.cameraOffsetMs,
            mime_type: 'video/mp4',
            codec: files[0]?.codec ?? 'h264',
            status: 'recorded',
            started_at: new Date(startedAt).toISOString(),
            ended_at: new Date(startedAt + clipSeconds * 1000).toISOString(),
          },
          staff.get(spec.crew) ?? null,
        );
      }
      const scale = clipSeconds / DESIGNED_CLIP_SECONDS;
      for (const [sceneType, start, duration, camera] of spec.segments) {
        const scene = detail.scenes.find((s) => s.scene_type === sceneType);
        if (!scene) continue;
        await addSceneSegment(
          db,
          scene.id,
          { start_time: start * scale, duration: duration * scale, camera_angle: camera },
          staff.get(spec.crew) ?? null,
        );
      }
      if (spec.soldBundle) {
        const crewId = staff.get(spec.crew);
        await createSale(
          db,
          { recording_id: detail.recording.id, bundle: spec.soldBundle, payment_method: 'card' },
          crewId ? { id: crewId, role: 'crew' } : null,
        );
      }
    }

    const recordingIds = flights.map((f) => f.detail.recording.id);
    report({
      phase: 'done',
      done: recordingIds.length,
      total: recordingIds.length,
      message: 'Demo flights ready',
    });
    return { recordingIds, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    await opened?.close();
  }
}
