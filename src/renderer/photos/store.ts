// Bringing a photographer's photos in from a card or drive: the sources main can see, the photos it proposes for
// a flight (those taken in the flight's time window), and the import of the ones the crew confirmed, kept
// current by main's `photos.importProgress` events.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { PhotoImportProgress, PhotoImportResult, PhotoPreview, PhotoSource } from '../../shared/photos';
import { getMagnum } from '../shell/magnum';
import { callMagnum } from '../shell/call';

export interface PhotoProposal {
  recordingId: string;
  source: PhotoSource;
  preview: PhotoPreview;
}

interface PhotoImportState {
  sources: PhotoSource[] | null;
  loading: boolean;
  /** A preview or an import under way: reading the card, or copying the confirmed photos. */
  working: PhotoImportProgress | null;
  proposal: PhotoProposal | null;
  result: PhotoImportResult | null;
  error: AppError | null;
  loadSources(): Promise<void>;
  propose(recordingId: string, source: PhotoSource): Promise<void>;
  /** Imports the chosen photos of the proposal; `duplicates` are those the crew confirmed despite another flight. */
  importChosen(photoIds: string[], duplicates: string[]): Promise<void>;
  closeProposal(): void;
  reset(): void;
}

/** Runs `work` with the progress events of `recordingId` shown as `working`. */
async function withProgress<T>(
  set: (state: Partial<PhotoImportState>) => void,
  start: PhotoImportProgress,
  work: () => Promise<T>,
): Promise<T> {
  set({ working: start, result: null, error: null });
  const stop = getMagnum()?.on('photos.importProgress', (progress) => {
    if (progress.recordingId === start.recordingId) set({ working: progress });
  });
  try {
    return await work();
  } finally {
    stop?.();
    set({ working: null });
  }
}

export const usePhotoImportStore = create<PhotoImportState>((set, get) => ({
  sources: null,
  loading: false,
  working: null,
  proposal: null,
  result: null,
  error: null,
  async loadSources() {
    set({ loading: true, error: null });
    const result = await callMagnum((magnum) => magnum.photos.sources({}));
    set(result.ok ? { sources: result.value, loading: false } : { error: result.error, loading: false });
  },
  async propose(recordingId, source) {
    const result = await withProgress(set, { recordingId, stage: 'reading', done: 0, total: 0 }, () =>
      callMagnum((m) => m.photos.preview({ recordingId, sourceId: source.id })),
    );
    set(result.ok ? { proposal: { recordingId, source, preview: result.value } } : { error: result.error });
  },
  async importChosen(photoIds, duplicates) {
    const proposal = get().proposal;
    if (!proposal) return;
    const { recordingId, source } = proposal;
    set({ proposal: null });
    const result = await withProgress(
      set,
      { recordingId, stage: 'copying', done: 0, total: photoIds.length },
      () =>
        callMagnum((m) =>
          m.photos.import({ recordingId, sourceId: source.id, photoIds, allowDuplicates: duplicates }),
        ),
    );
    set(result.ok ? { result: result.value } : { error: result.error });
  },
  closeProposal: () => set({ proposal: null }),
  reset: () => set({ result: null, error: null, working: null, proposal: null }),
}));
