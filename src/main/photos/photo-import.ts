// Photos from a photographer's card into one flight, in two steps so one customer's photos never land in
// another's flight: `previewPhotos` proposes only the photos taken in the flight's time window (photo-window.ts)
// and marks those already imported into a flight (photo_imports, by content hash); `importPhotos` copies only
// the photos the crew confirmed, and a photo already in another flight only when the crew confirmed that too.
// Each photo is copied through a temp file, its hash checked on the way, and renamed into place, so a card
// pulled out midway leaves whole photos or none.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import {
  MAX_PHOTOS_PER_IMPORT,
  type EarlierImport,
  type PhotoImportResult,
  type PhotoPreview,
} from '../../shared/photos';
import type { RecordingOwnership } from '../access/rules';
import { AppFailure } from '../errors';
import { flushFile, syncDirectory } from '../files/durable';
import { mediaUrl } from '../media/url';
import {
  findPhotoRoot,
  jpegFiles,
  photoHash,
  readCardPhoto,
  type CardPhoto,
  type PhotoRoot,
} from './photo-card';
import { photoFolderOf } from './photos';
import { insideWindow, photoWindowOf, type PhotoWindow } from './photo-window';

// The app finds the folders to read here, as before the card side had its own module (photo-card.ts).
export { IMPORT_FOLDER, removableRoots } from './photo-card';

export interface PhotoCardOptions {
  db: Kysely<Database>;
  recordingId: string;
  roots: readonly PhotoRoot[];
  sourceId: string;
  utcOffsetMinutes(at: Date): number;
  onProgress?(stage: 'reading' | 'copying', done: number, total: number): void;
}

/** A photo in the window with its content hash (its id on the screen). */
type WindowPhoto = CardPhoto & { sha256: string };

/** A name safe on every file system, kept recognisable: "IMG_0042.JPG" stays "IMG_0042.jpg". */
export function safePhotoName(original: string): string {
  const base = path.basename(original).replace(/\.jpe?g$/i, '');
  const clean =
    base
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 80) || 'photo';
  return `${clean}.jpg`;
}

async function flightWindow(db: Kysely<Database>, recordingId: string): Promise<PhotoWindow> {
  const [flight, scenes] = await Promise.all([
    db
      .selectFrom('flight_recordings')
      .select('flight_at')
      .where('id', '=', recordingId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('scene_recordings')
      .select(['started_at', 'ended_at'])
      .where('recording_id', '=', recordingId)
      .execute(),
  ]);
  return photoWindowOf({
    flightAt: flight.flight_at,
    scenes: scenes.map((s) => ({ startedAt: s.started_at, endedAt: s.ended_at })),
  });
}

/** The card's photos taken in the flight's window (one per content, oldest first), and what was left out. */
async function photosInWindow(options: PhotoCardOptions) {
  const root = findPhotoRoot(options.roots, options.sourceId);
  const window = await flightWindow(options.db, options.recordingId);
  const inWindow: CardPhoto[] = [];
  let outsideWindow = 0;
  let unreadable = 0;
  for (const file of await jpegFiles(root.dir)) {
    const photo = await readCardPhoto(file, options.utcOffsetMinutes);
    if (!photo) unreadable += 1;
    else if (!insideWindow(window, photo.takenAt)) outsideWindow += 1;
    else inWindow.push(photo);
  }
  inWindow.sort((a, b) => a.takenAt - b.takenAt || a.file.localeCompare(b.file));
  const kept = inWindow.slice(0, MAX_PHOTOS_PER_IMPORT);
  const photos = new Map<string, WindowPhoto>();
  for (const [i, photo] of kept.entries()) {
    const sha256 = await photoHash(photo).catch(() => null);
    if (sha256 === null) unreadable += 1;
    else if (!photos.has(sha256)) photos.set(sha256, { ...photo, sha256 });
    options.onProgress?.('reading', i + 1, kept.length);
  }
  return { window, photos, outsideWindow, unreadable, truncated: inWindow.length > kept.length };
}

/** The flights each of these photos was imported into before, by hash. */
async function earlierImports(db: Kysely<Database>, hashes: readonly string[]) {
  const found = new Map<
    string,
    Array<RecordingOwnership & { recording_id: string; passenger_names: string }>
  >();
  for (let at = 0; at < hashes.length; at += 500) {
    const rows = await db
      .selectFrom('photo_imports as p')
      .innerJoin('flight_recordings as r', 'r.id', 'p.recording_id')
      .select([
        'p.sha256',
        'p.recording_id',
        'r.passenger_names',
        'r.created_by',
        'r.staff_member',
        'r.pilot_id',
        'r.flight_at',
      ])
      .where('p.sha256', 'in', hashes.slice(at, at + 500))
      .orderBy('p.imported_at')
      .execute();
    for (const row of rows) found.set(row.sha256, [...(found.get(row.sha256) ?? []), row]);
  }
  return found;
}

export interface PhotoPreviewOptions extends PhotoCardOptions {
  /** Whether the caller may see a flight: another flight's passengers are named only then. */
  maySee(recording: RecordingOwnership): boolean;
}

export async function previewPhotos(options: PhotoPreviewOptions): Promise<PhotoPreview> {
  const { window, photos, outsideWindow, unreadable, truncated } = await photosInWindow(options);
  const before = await earlierImports(options.db, [...photos.keys()]);
  const importedBefore = (sha256: string): EarlierImport | null => {
    const flights = before.get(sha256) ?? [];
    if (flights.some((f) => f.recording_id === options.recordingId)) {
      return { thisFlight: true, passengerNames: null };
    }
    const other = flights.find((f) => options.maySee(f)) ?? flights[0];
    if (!other) return null;
    return { thisFlight: false, passengerNames: options.maySee(other) ? other.passenger_names : null };
  };
  return {
    sourceId: options.sourceId,
    window: {
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      basis: window.basis,
    },
    photos: [...photos.values()].map((photo) => ({
      id: photo.sha256,
      name: photo.name,
      takenAt: new Date(photo.takenAt).toISOString(),
      timeFrom: photo.timeFrom,
      bytes: photo.bytes,
      importedBefore: importedBefore(photo.sha256),
    })),
    outsideWindow,
    unreadable,
    truncated,
  };
}

export interface PhotoImportOptions extends PhotoCardOptions {
  dataDir: string;
  /** The photos the crew confirmed (ids from the preview). */
  photoIds: readonly string[];
  /** Of those, the ones already in another flight that the crew confirmed importing anyway. */
  allowDuplicates: readonly string[];
  importedBy: string | null;
}

const elsewhere = (flights: Array<{ recording_id: string }> | undefined, recordingId: string) =>
  (flights ?? []).filter((f) => f.recording_id !== recordingId);

export async function importPhotos(options: PhotoImportOptions): Promise<PhotoImportResult> {
  const { db, dataDir, recordingId } = options;
  const wanted = new Set(options.photoIds);
  const allowed = new Set(options.allowDuplicates);
  const { photos } = await photosInWindow(options);
  const chosen = [...photos.values()].filter((photo) => wanted.has(photo.sha256));
  const before = await earlierImports(
    db,
    chosen.map((photo) => photo.sha256),
  );
  const unconfirmed = chosen.filter(
    (photo) => elsewhere(before.get(photo.sha256), recordingId).length > 0 && !allowed.has(photo.sha256),
  );
  if (unconfirmed.length > 0) {
    throw new AppFailure(
      'CONFLICT',
      `${unconfirmed.length === 1 ? '1 of these photos is' : `${unconfirmed.length} of these photos are`} ` +
        'already in another flight. Look at the card again and confirm them if they belong to this flight too.',
    );
  }
  const toCopy = chosen.filter(
    (photo) => !(before.get(photo.sha256) ?? []).some((f) => f.recording_id === recordingId),
  );

  const folder = path.posix.join(photoFolderOf(recordingId), 'imported');
  const target = path.join(dataDir, folder);
  await mkdir(target, { recursive: true });
  const copied: Array<WindowPhoto & { path: string }> = [];
  for (const [i, photo] of toCopy.entries()) {
    const name = await freeName(target, safePhotoName(photo.name));
    if (name && (await copyVerified(photo, target, name))) {
      copied.push({ ...photo, path: path.posix.join(folder, name) });
    }
    options.onProgress?.('copying', i + 1, toCopy.length);
  }
  if (copied.length > 0) await syncDirectory(target);

  const recorded = await recordImports(db, recordingId, copied, allowed, options.importedBy);
  for (const photo of copied.filter((p) => !recorded.includes(p))) {
    await rm(path.join(dataDir, photo.path), { force: true }); // imported meanwhile by another screen
  }
  return {
    imported: recorded.length,
    skipped: wanted.size - recorded.length,
    photoUrls: recorded.map((photo) => mediaUrl(photo.path)),
  };
}

/** `name`, or `name-<random>.jpg` when a different photo already has it; null if the folder is unusable. */
async function freeName(folder: string, name: string): Promise<string | null> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const candidate = attempt === 0 ? name : `${name.slice(0, -4)}-${randomUUID().slice(0, 8)}.jpg`;
    const taken = await stat(path.join(folder, candidate)).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
  return null;
}

/** Copies through a temp file, checking the bytes are the ones the crew confirmed; false if they are not. */
async function copyVerified(photo: WindowPhoto, folder: string, name: string): Promise<boolean> {
  const partial = path.join(folder, `.${name}.partial`);
  const hash = createHash('sha256');
  try {
    await pipeline(
      createReadStream(photo.file),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(partial, { flags: 'wx' }),
    );
    if (hash.digest('hex') !== photo.sha256) throw new Error('the photo changed on the card');
    await flushFile(partial);
    await rename(partial, path.join(folder, name));
    return true;
  } catch {
    await rm(partial, { force: true });
    return false;
  }
}

/**
 * Records the copies in one transaction: photo_imports (what came in, by hash) and storage_usage (what the
 * flight holds, which delivery reads). Checked again inside it, so two screens importing at once cannot put an
 * unconfirmed photo into a second flight. Returns the photos recorded.
 */
async function recordImports(
  db: Kysely<Database>,
  recordingId: string,
  copied: ReadonlyArray<WindowPhoto & { path: string }>,
  allowed: ReadonlySet<string>,
  importedBy: string | null,
) {
  if (copied.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const recorded: Array<WindowPhoto & { path: string }> = [];
    // Who imported is kept only while that person exists (a removed user leaves a nameless import).
    const by = importedBy
      ? ((await trx.selectFrom('users').select('id').where('id', '=', importedBy).executeTakeFirst())?.id ??
        null)
      : null;
    for (const photo of copied) {
      const flights = await trx
        .selectFrom('photo_imports')
        .select('recording_id')
        .where('sha256', '=', photo.sha256)
        .execute();
      const duplicate = elsewhere(flights, recordingId).length > 0;
      if (flights.some((f) => f.recording_id === recordingId) || (duplicate && !allowed.has(photo.sha256))) {
        continue;
      }
      await trx
        .insertInto('photo_imports')
        .values({
          id: randomUUID(),
          recording_id: recordingId,
          sha256: photo.sha256,
          path: photo.path,
          original_name: photo.name,
          taken_at: new Date(photo.takenAt).toISOString(),
          bytes: photo.bytes,
          duplicate_confirmed: duplicate ? 1 : 0,
          imported_by: by,
        })
        .execute();
      await trx
        .insertInto('storage_usage')
        .values({
          id: randomUUID(),
          recording_id: recordingId,
          scene_id: null,
          kind: 'photo',
          path: photo.path,
          bytes: photo.bytes,
        })
        .onConflict((oc) => oc.column('path').doUpdateSet({ bytes: photo.bytes }))
        .execute();
      recorded.push(photo);
    }
    return recorded;
  });
}
