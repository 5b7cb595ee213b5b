// The flight being reviewed: its scenes with both angles' footage and the recorded camera offset.
import { create } from 'zustand';
import type { RecordingDetail } from '../../shared/recordings';
import type { AppError } from '../../shared/errors';
import { callMagnum } from '../shell/call';

interface ReviewState {
  recording: RecordingDetail | null;
  error: AppError | null;
  loading: boolean;
  load(id: string): Promise<void>;
}

export const useReviewStore = create<ReviewState>((set, get) => ({
  recording: null,
  error: null,
  loading: false,

  async load(id) {
    if (get().recording?.id !== id) set({ recording: null });
    set({ loading: true, error: null });
    const result = await callMagnum((magnum) => magnum.recordings.get({ id }));
    set(
      result.ok
        ? { recording: result.value, error: null, loading: false }
        : { error: result.error, loading: false },
    );
  },
}));
