// The `photos` area: bringing in a photographer's photos from a card into a flight (the stills cut from the
// footage are an export job of the `exports` area). Import is two steps: main proposes the photos taken in the
// flight's time window, the crew confirm them, and only the confirmed ones are copied.
import { z } from 'zod';
import { EXAMPLE_ID, GROUND_CREW, channel, event, idSchema } from './define';

/** A folder main offers to import photos from: a removable drive, or the kiosk's own import folder. */
export interface PhotoSource {
  /** Opaque: the screen sends it back, never a path. */
  id: string;
  label: string;
  photoCount: number;
}

/** Where a proposed photo was imported before. */
export interface EarlierImport {
  /** True when it is already in the flight being imported into: importing it again does nothing. */
  thisFlight: boolean;
  /** The other flight's passengers, when the crew member may see that flight; null otherwise. */
  passengerNames: string | null;
}

/** One photo on a card that was taken in the flight's time window. */
export interface ProposedPhoto {
  /** Opaque (derived from the photo's content): the screen sends it back to import the photo, never a path. */
  id: string;
  name: string;
  /** When it was taken (ISO UTC). */
  takenAt: string;
  /** `camera`: the photo's own EXIF time; `file`: the card's file time (the photo had none). */
  timeFrom: 'camera' | 'file';
  bytes: number;
  /** Null for a photo never imported. */
  importedBefore: EarlierImport | null;
}

export interface PhotoPreview {
  sourceId: string;
  /** The flight's photo window (ISO UTC): only photos taken inside it are proposed. */
  window: { from: string; to: string; basis: 'scenes' | 'booking' };
  photos: ProposedPhoto[];
  /** JPEG photos on the card taken outside the window (other flights' photos): not proposed. */
  outsideWindow: number;
  /** Files named like photos that are not readable JPEGs, or are too large. */
  unreadable: number;
  /** True when there were more photos in the window than one import takes; the newest were left out. */
  truncated: boolean;
}

export interface PhotoImportResult {
  imported: number;
  /** Confirmed photos not copied: already in this flight, gone from the card, or no longer readable. */
  skipped: number;
  photoUrls: string[];
}

/** A preview reads the card's photos (`reading`), an import reads them again and copies the confirmed ones. */
export interface PhotoImportProgress {
  recordingId: string;
  stage: 'reading' | 'copying';
  done: number;
  total: number;
}

/** Most photos one preview proposes and one import takes. */
export const MAX_PHOTOS_PER_IMPORT = 1_000;

const photoIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'That is not a photo from the preview.');
const sourceIdSchema = z.string().min(1).max(128);
const EXAMPLE_PHOTO_ID = 'a'.repeat(64);

export const photosChannels = {
  'photos.sources': channel<PhotoSource[]>()({
    summary: 'Folders with photos to import: removable drives (a photographer’s card) and the import folder.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'photos.preview': channel<PhotoPreview>()({
    summary:
      'The photos of one source folder taken in a flight’s time window, each marked if it is already in a flight.',
    input: z.strictObject({ recordingId: idSchema, sourceId: sourceIdSchema }),
    access: GROUND_CREW,
    example: { recordingId: EXAMPLE_ID, sourceId: 'import-folder' },
  }),
  'photos.import': channel<PhotoImportResult>()({
    summary:
      'Copies the confirmed photos of a preview into a flight. A photo already in another flight is copied only ' +
      'when it is also listed in allowDuplicates (the crew confirmed it).',
    input: z.strictObject({
      recordingId: idSchema,
      sourceId: sourceIdSchema,
      photoIds: z.array(photoIdSchema).min(1, 'Choose at least one photo.').max(MAX_PHOTOS_PER_IMPORT),
      allowDuplicates: z.array(photoIdSchema).max(MAX_PHOTOS_PER_IMPORT).default([]),
    }),
    access: GROUND_CREW,
    example: { recordingId: EXAMPLE_ID, sourceId: 'import-folder', photoIds: [EXAMPLE_PHOTO_ID] },
  }),
};

export const photosEvents = {
  'photos.importProgress': event<PhotoImportProgress>()({
    summary: 'Photos looked at or copied so far from a card into a flight.',
  }),
};
