// The world both two-flights tests run in: filmed flights with a finished souvenir video each, and a
// photographer's card whose photos carry the camera's time (or only the card's file time).
import type Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtures } from '../../db/test-support';
import { tinyJpeg } from '../../src/main/photos/test-support';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** "2026-12-02T09:15:00.000Z" → "2026:12:02 09:15:00", as a camera writes DateTimeOriginal. */
const exifTime = (iso: string) => iso.slice(0, 19).replace('T', ' ').replaceAll('-', ':');

export interface FilmedFlight {
  id: string;
  /** Its finished souvenir video, as delivered. */
  video: Buffer;
}

/**
 * A flight checked in by `crewId` with one scene recorded from `start` to `end` (which sets its photo window)
 * and a finished souvenir video, recorded the way the export queue leaves one: the file, its job and its
 * storage row.
 */
export function filmedFlight(
  sqlite: Sqlite.Database,
  dataDir: string,
  flight: { passengers: string; crewId: string; start: string; end: string },
): FilmedFlight {
  const rows = fixtures(sqlite);
  const id = rows.recording({
    passenger_names: flight.passengers,
    staff_member: flight.crewId,
    created_by: flight.crewId,
    flight_at: flight.start,
  }).id;
  rows.scene(id, 'cruising', { started_at: flight.start, ended_at: flight.end, status: 'recorded' });
  const relative = `media/${id}/exports/job.mp4`;
  const video = Buffer.from(`${flight.passengers} video `.repeat(1000));
  mkdirSync(path.dirname(path.join(dataDir, relative)), { recursive: true });
  writeFileSync(path.join(dataDir, relative), video);
  rows.exportJob(id, { status: 'completed', output_path: relative, finished_at: flight.end });
  rows.storage(id, { kind: 'export', path: relative, bytes: video.length });
  return { id, video };
}

/** A photo taken at `takenAt`: with the camera's EXIF time, or with none so only the file time says when. */
function shootPhoto(dir: string, name: string, takenAt: string, exif = true): Buffer {
  const bytes = tinyJpeg(exif ? { dateTimeOriginal: exifTime(takenAt), offsetTimeOriginal: '+00:00' } : {});
  writeFileSync(path.join(dir, name), bytes);
  const moment = Date.parse(takenAt) / 1000;
  utimesSync(path.join(dir, name), moment, moment);
  return bytes;
}

/** Anna's flight filmed 09:05–09:25, Priya's 10:05–10:25 on `day` (YYYY-MM-DD): photo windows overlap 09:35–09:55. */
export const flightTimes = (day: string) => ({
  anna: { start: `${day}T09:05:00.000Z`, end: `${day}T09:25:00.000Z` },
  priya: { start: `${day}T10:05:00.000Z`, end: `${day}T10:25:00.000Z` },
});

/**
 * One photographer's card for the flights of flightTimes(day), written into `dir`: two photos of Anna's flight
 * (IMG_0001–2), one in both windows (IMG_0003), one of Priya's flight and one with no EXIF whose file time is
 * during it (IMG_0004–5), and one from a flight that afternoon the kiosk never saw (IMG_0006).
 * Returns file name → bytes.
 */
export function photographersCard(dir: string, day: string): Map<string, Buffer> {
  mkdirSync(dir, { recursive: true });
  const card = new Map<string, Buffer>();
  const shoot = (name: string, time: string, exif = true) =>
    card.set(name, shootPhoto(dir, name, `${day}T${time}.000Z`, exif));
  shoot('IMG_0001.JPG', '09:00:00');
  shoot('IMG_0002.JPG', '09:15:00');
  shoot('IMG_0003.JPG', '09:45:00');
  shoot('IMG_0004.JPG', '10:10:00');
  shoot('IMG_0005.JPG', '10:20:00', false);
  shoot('IMG_0006.JPG', '14:30:00');
  return card;
}
