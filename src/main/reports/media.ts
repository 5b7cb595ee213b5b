// What each of the period's flights has to sell now, found for all of them at once with the rules of
// sales/files.ts (flightDeliverables): the newest finished video whose file is recorded, the photos in the
// newest finished photos job's folder, and the photographer's photos imported under photos/imported/.
import type { MediaMix } from '../../shared/reports';
import type { BestOffer } from '../../shared/reports';

export interface FlightMedia {
  hasVideo: boolean;
  stillCount: number;
  airtourPhotoCount: number;
}

export interface FinishedExport {
  recording_id: string;
  kind: string;
  output_path: string | null;
  finished_at: string | null;
  created_at: string;
}

export interface MediaFileGroup {
  recording_id: string;
  kind: string;
  /** A video's path, or a photo folder with its trailing slash. */
  location: string;
  files: number;
}

export interface OfferableBundle {
  code: string;
  label: string;
  price_cents: number;
  includes_video: number;
  includes_photos: number;
  includes_airtour_photos: number;
  active: number;
  sort_order: number;
}

const NO_MEDIA: FlightMedia = { hasVideo: false, stillCount: 0, airtourPhotoCount: 0 };

/** Newest first as flightDeliverables orders them: finished_at, then created_at (NULLs last, as SQLite's DESC). */
function newer(a: FinishedExport, b: FinishedExport): boolean {
  if ((a.finished_at ?? '') !== (b.finished_at ?? '')) return (a.finished_at ?? '') > (b.finished_at ?? '');
  return a.created_at > b.created_at;
}

export function mediaByFlight(
  exports: readonly FinishedExport[],
  files: readonly MediaFileGroup[],
): Map<string, FlightMedia> {
  const newest = new Map<string, FinishedExport>();
  for (const job of exports) {
    const key = `${job.recording_id}\n${job.kind}`;
    const current = newest.get(key);
    if (!current || newer(job, current)) newest.set(key, job);
  }
  const filesAt = new Map<string, number>();
  for (const group of files) {
    const key = `${group.recording_id}\n${group.location}`;
    filesAt.set(key, (filesAt.get(key) ?? 0) + Number(group.files));
  }
  const recordingIds = new Set([...exports.map((e) => e.recording_id), ...files.map((f) => f.recording_id)]);
  const media = new Map<string, FlightMedia>();
  for (const id of recordingIds) {
    const count = (location: string) => filesAt.get(`${id}\n${location}`) ?? 0;
    const video = newest.get(`${id}\nvideo`)?.output_path;
    const photos = newest.get(`${id}\nphotos`)?.output_path;
    media.set(id, {
      hasVideo: video ? count(video) > 0 : false,
      stillCount: photos ? count(`${photos}/`) : 0,
      airtourPhotoCount: count(`media/${id}/photos/imported/`),
    });
  }
  return media;
}

export const mediaOf = (media: Map<string, FlightMedia>, recordingId: string): FlightMedia =>
  media.get(recordingId) ?? NO_MEDIA;

export function mediaMix({ hasVideo, stillCount, airtourPhotoCount }: FlightMedia): MediaMix {
  const photos = stillCount + airtourPhotoCount > 0;
  if (hasVideo && photos) return 'both';
  if (hasVideo) return 'video';
  return photos ? 'photos' : 'nothing';
}

/** What a set of bundles delivers together: a flight that bought Video Only and later Photos Only has both. */
export function boughtMix(bundles: readonly OfferableBundle[]): MediaMix {
  const video = bundles.some((b) => b.includes_video === 1);
  const photos = bundles.some((b) => b.includes_photos === 1 || b.includes_airtour_photos === 1);
  if (video && photos) return 'both';
  if (video) return 'video';
  return photos ? 'photos' : 'nothing';
}

/**
 * The bundle to offer a non-purchaser: the highest-priced one on sale that the flight can deliver in full now
 * (a bundle with photos needs photos made, as checkout's missingForBundle says). Ties go to the catalogue order.
 */
export function bestOffer(bundles: readonly OfferableBundle[], media: FlightMedia): BestOffer | null {
  let best: OfferableBundle | null = null;
  for (const bundle of bundles) {
    if (bundle.active !== 1) continue;
    if (bundle.includes_video === 1 && !media.hasVideo) continue;
    if (bundle.includes_photos === 1 && media.stillCount === 0) continue;
    if (bundle.includes_airtour_photos === 1 && media.airtourPhotoCount === 0) continue;
    if (
      !best ||
      bundle.price_cents > best.price_cents ||
      (bundle.price_cents === best.price_cents && bundle.sort_order < best.sort_order)
    )
      best = bundle;
  }
  return best ? { code: best.code, label: best.label, priceCents: best.price_cents } : null;
}
