// The `photos` area: bringing in a photographer's photos from a card into a flight (the stills cut from the
// footage are an export job of the `exports` area).
import { z } from 'zod';
import { EXAMPLE_ID, GROUND_CREW, channel, event, idSchema } from './define';

/** A folder main offers to import photos from: a removable drive, or the kiosk's own import folder. */
export interface PhotoSource {
  /** Opaque: the screen sends it back, never a path. */
  id: string;
  label: string;
  photoCount: number;
}

export interface PhotoImportResult {
  imported: number;
  /** Files that looked like photos but were not readable JPEGs, or were too large. */
  skipped: number;
  photoUrls: string[];
}

export const photosChannels = {
  'photos.sources': channel<PhotoSource[]>()({
    summary: 'Folders with photos to import: removable drives (a photographer’s card) and the import folder.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'photos.import': channel<PhotoImportResult>()({
    summary: 'Copies the JPEG photos of one source folder into a flight.',
    input: z.strictObject({ recordingId: idSchema, sourceId: z.string().min(1).max(128) }),
    access: GROUND_CREW,
    example: { recordingId: EXAMPLE_ID, sourceId: 'import-folder' },
  }),
};

export const photosEvents = {
  'photos.importProgress': event<{ recordingId: string; done: number; total: number }>()({
    summary: 'Photos copied so far from a card into a flight.',
  }),
};
