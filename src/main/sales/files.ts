// What a flight has to deliver and what a sale delivers of it. Every file is found by the flight's id through
// the rows that record it (export_jobs, storage_usage), never by name or "latest file in a folder".
//   - video: the newest finished souvenir video (export_jobs kind video);
//   - stills: the photos the newest finished photos job cut from the footage (export_jobs kind photos);
//   - air-tour photos: the photographer's photos imported from a card (media/<flight>/photos/imported/).
// A bundle delivers the video if it includes_video, the stills if includes_photos, and the imported photos if
// includes_airtour_photos. Whether a bundle may be sold at all for a flight is decided here too
// (bundleUnavailable), since it follows from what the flight has; sales/service.ts enforces it, checkout shows it.
import type { Kysely } from 'kysely';
import type { Bundle, Database } from '../../../db/schema';
import { AppFailure } from '../errors';
import { photoFolderOf } from '../photos/photos';

export type DeliverableKind = 'video' | 'still' | 'airtour_photo';

export interface Deliverable {
  kind: DeliverableKind;
  /** Relative to the data folder, as the storage row has it (`media/<flight>/…`). */
  path: string;
  bytes: number;
}

export interface FlightDeliverables {
  /** A scene was filmed (recorded, or recovered after a crash): a video and stills can be made from it. */
  filmed: boolean;
  video: Deliverable | null;
  stills: Deliverable[];
  airtourPhotos: Deliverable[];
}

type Includes = Pick<Bundle, 'includes_video' | 'includes_photos' | 'includes_airtour_photos'>;

export async function flightDeliverables(
  db: Kysely<Database>,
  recordingId: string,
): Promise<FlightDeliverables> {
  const [filmedScene, video, photos, files] = await Promise.all([
    // The dashboard's recorded_scene_count (0002_recording_summary) by the same statuses.
    db
      .selectFrom('scene_recordings')
      .select('id')
      .where('recording_id', '=', recordingId)
      .where('status', 'in', ['recorded', 'recovered'])
      .limit(1)
      .executeTakeFirst(),
    newestFinished(db, recordingId, 'video'),
    newestFinished(db, recordingId, 'photos'),
    db
      .selectFrom('storage_usage')
      .select(['kind', 'path', 'bytes'])
      .where('recording_id', '=', recordingId)
      .where('kind', 'in', ['export', 'photo'])
      .orderBy('path')
      .execute(),
  ]);
  const videoRow = video?.output_path ? files.find((f) => f.path === video.output_path) : undefined;
  const stillsFolder = photos?.output_path ? `${photos.output_path}/` : null;
  const importedFolder = `${photoFolderOf(recordingId)}/imported/`;
  const photoRows = files.filter((f) => f.kind === 'photo');
  return {
    filmed: filmedScene !== undefined || videoRow !== undefined,
    video: videoRow ? { kind: 'video', path: videoRow.path, bytes: videoRow.bytes } : null,
    stills: stillsFolder
      ? photoRows
          .filter((f) => f.path.startsWith(stillsFolder))
          .map((f) => ({ kind: 'still', path: f.path, bytes: f.bytes }))
      : [],
    airtourPhotos: photoRows
      .filter((f) => f.path.startsWith(importedFolder))
      .map((f) => ({ kind: 'airtour_photo', path: f.path, bytes: f.bytes })),
  };
}

async function newestFinished(db: Kysely<Database>, recordingId: string, kind: 'video' | 'photos') {
  return db
    .selectFrom('export_jobs')
    .select(['output_path'])
    .where('recording_id', '=', recordingId)
    .where('kind', '=', kind)
    .where('status', '=', 'completed')
    .orderBy('finished_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The files of a flight that a bundle with these contents delivers, video first. */
export function filesOfBundle(deliverables: FlightDeliverables, bundle: Includes): Deliverable[] {
  return [
    ...(bundle.includes_video && deliverables.video ? [deliverables.video] : []),
    ...(bundle.includes_photos ? deliverables.stills : []),
    ...(bundle.includes_airtour_photos ? deliverables.airtourPhotos : []),
  ];
}

/** What a bundle needs that the flight does not have yet, in words for the crew; null when it has it all. */
export function missingForBundle(deliverables: FlightDeliverables, bundle: Includes): string | null {
  const missing = [
    bundle.includes_video && !deliverables.video ? 'video' : null,
    bundle.includes_photos && deliverables.stills.length === 0 ? 'photos' : null,
    bundle.includes_airtour_photos && deliverables.airtourPhotos.length === 0 ? 'air-tour photos' : null,
  ].filter((part): part is string => part !== null);
  return missing.length === 0 ? null : `Not made yet: ${missing.join(' and ')}`;
}

export const NO_FOOTAGE_FOR_VIDEO =
  'This flight has no filmed footage yet, so a video bundle cannot be sold. Film a scene first, or sell a photos bundle.';
export const NO_PHOTOS_YET =
  'This flight has no photos and no filmed footage yet, so a photos bundle cannot be sold. Film a scene or import the air-tour photos first.';
export const NO_AIRTOUR_PHOTOS_YET =
  'This flight has no air-tour photos yet, so this bundle cannot be sold. Import them from the photographer’s card first.';

/**
 * Why this bundle cannot be sold for this flight, or null when it can. The customer must get the thing the
 * bundle is for: a video bundle needs filmed footage (the video can be made after the sale; its air-tour
 * photos may follow from the card); a bundle without video needs some of its photos to exist or be makeable
 * (stills are cut from footage; air-tour photos only come from an import). "Not made yet" is missingForBundle:
 * that does not stop a sale.
 */
export function bundleUnavailable(deliverables: FlightDeliverables, bundle: Includes): string | null {
  if (bundle.includes_video) return deliverables.filmed ? null : NO_FOOTAGE_FOR_VIDEO;
  const stills = bundle.includes_photos && (deliverables.filmed || deliverables.stills.length > 0);
  const airtour = bundle.includes_airtour_photos && deliverables.airtourPhotos.length > 0;
  if (stills || airtour) return null;
  return bundle.includes_photos ? NO_PHOTOS_YET : NO_AIRTOUR_PHOTOS_YET;
}

/** The files one sale delivers: its flight's files that its bundle includes. */
export async function saleFiles(
  db: Kysely<Database>,
  saleId: string,
): Promise<{ recordingId: string; status: string; files: Deliverable[] }> {
  const sale = await db
    .selectFrom('sales as s')
    .innerJoin('bundles as b', 'b.code', 's.bundle')
    .select([
      's.recording_id',
      's.status',
      'b.includes_video',
      'b.includes_photos',
      'b.includes_airtour_photos',
    ])
    .where('s.id', '=', saleId)
    .executeTakeFirst();
  if (!sale) throw new AppFailure('NOT_FOUND', 'That sale no longer exists.');
  const deliverables = await flightDeliverables(db, sale.recording_id);
  return { recordingId: sale.recording_id, status: sale.status, files: filesOfBundle(deliverables, sale) };
}
