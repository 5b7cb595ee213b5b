// Migration 3: the rows a fresh kiosk needs to work before an admin has configured anything: the default
// 8-slot template, the bundle catalogue with the operator's prices, a front/rear camera setup, and settings.
// Admins edit all of these; later changes to the defaults belong in new migrations.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// PRODUCT.md: slots 1-3 cruising on cameras 1, 2, 1; 4-6 chase on 1, 2, 1; 7-8 arrival on 1, 2; 3.0 s each.
const defaultSlotLayout = [
  ['cruising', 1],
  ['cruising', 2],
  ['cruising', 1],
  ['chase', 1],
  ['chase', 2],
  ['chase', 1],
  ['arrival', 1],
  ['arrival', 2],
].map(([scene_type, camera_angle], i) => ({
  slot_number: i + 1,
  scene_type,
  camera_angle,
  duration: 3.0,
  seamless_with_previous: false,
}));

const bundles: Array<
  [code: string, label: string, cents: number, video: 0 | 1, photos: 0 | 1, airtour: 0 | 1]
> = [
  ['video_photos', 'Video + Photos', 4500, 1, 1, 0],
  ['video_only', 'Video Only', 2500, 1, 0, 0],
  ['video_airtour_photos', 'Video + Air-tour Photos', 5500, 1, 0, 1],
  ['photos_only', 'Photos Only', 3500, 0, 1, 0],
];

const settings: Record<string, unknown> = {
  // PRODUCT.md: stop is refused before a configurable minimum duration (default 30 s).
  min_scene_duration_seconds: 30,
  // ISO 4217 code copied onto every sale; prices are in its minor unit (cents).
  currency: 'USD',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO project_templates (id, name, is_active, slot_layout)
    VALUES (${randomUUID()}, 'Default 8-slot', 1, ${JSON.stringify(defaultSlotLayout)})
  `.execute(db);

  for (const [index, [code, label, cents, video, photos, airtour]] of bundles.entries()) {
    await sql`
      INSERT INTO bundles (code, label, price_cents, includes_video, includes_photos, includes_airtour_photos, sort_order)
      VALUES (${code}, ${label}, ${cents}, ${video}, ${photos}, ${airtour}, ${index + 1})
    `.execute(db);
  }

  await sql`
    INSERT INTO device_configurations (id, name, is_active, camera1_source, camera2_source, width, height, frame_rate, bitrate)
    VALUES (${randomUUID()}, 'Front and rear cameras', 1, 'front', 'rear', 1280, 720, 30, 4000000)
  `.execute(db);

  for (const [key, value] of Object.entries(settings)) {
    await sql`INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)})`.execute(db);
  }

  await sql`INSERT INTO schema_version (version) VALUES (3)`.execute(db);
}
