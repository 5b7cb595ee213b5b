// Bringing a photographer's photos in from a card or drive: the sources main can see, and the import under way,
// kept current by main's `photos.importProgress` events.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { PhotoImportResult, PhotoSource } from '../../shared/photos';
import { getMagnum } from '../shell/magnum';
import { callMagnum } from '../shell/call';

interface PhotoImportState {
  sources: PhotoSource[] | null;
  loading: boolean;
  importing: { recordingId: string; done: number; total: number } | null;
  result: PhotoImportResult | null;
  error: AppError | null;
  loadSources(): Promise<void>;
  importFrom(recordingId: string, sourceId: string): Promise<void>;
  reset(): void;
}

export const usePhotoImportStore = create<PhotoImportState>((set) => ({
  sources: null,
  loading: false,
  importing: null,
  result: null,
  error: null,
  async loadSources() {
    set({ loading: true, error: null });
    const result = await callMagnum((magnum) => magnum.photos.sources({}));
    set(result.ok ? { sources: result.value, loading: false } : { error: result.error, loading: false });
  },
  async importFrom(recordingId, sourceId) {
    set({ importing: { recordingId, done: 0, total: 0 }, result: null, error: null });
    const magnum = getMagnum();
    const stop = magnum?.on('photos.importProgress', (progress) => {
      if (progress.recordingId === recordingId) set({ importing: progress });
    });
    const result = await callMagnum((m) => m.photos.import({ recordingId, sourceId }));
    stop?.();
    set(result.ok ? { importing: null, result: result.value } : { importing: null, error: result.error });
  },
  reset: () => set({ result: null, error: null, importing: null }),
}));
