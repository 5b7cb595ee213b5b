// Export jobs as the screens follow them: what main listed, kept current by its `exports.progress` events, so
// the dashboard's rows and the editor's export tab show the same progress bar.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { ExportJobView, ExportKind } from '../../shared/exports';
import { getMagnum } from '../shell/magnum';
import { callMagnum } from '../shell/call';

interface ExportsState {
  jobs: Record<string, ExportJobView>;
  error: AppError | null;
  /** A queue, cancel or retry on its way (by job id, or `new:<recording>:<kind>`). */
  busy: Record<string, boolean>;
  load(recordingId?: string): Promise<void>;
  queue(recordingId: string, kind: ExportKind): Promise<void>;
  cancel(jobId: string): Promise<void>;
  retry(jobId: string): Promise<void>;
  clearError(): void;
}

export const useExportsStore = create<ExportsState>((set) => {
  const keep = (job: ExportJobView) => set((state) => ({ jobs: { ...state.jobs, [job.id]: job } }));
  const withBusy = async (key: string, work: () => Promise<void>) => {
    set((state) => ({ busy: { ...state.busy, [key]: true }, error: null }));
    try {
      await work();
    } finally {
      set((state) => ({ busy: { ...state.busy, [key]: false } }));
    }
  };
  const act = (key: string, call: Parameters<typeof callMagnum<ExportJobView>>[0]) =>
    withBusy(key, async () => {
      const result = await callMagnum(call);
      if (result.ok) keep(result.value);
      else set({ error: result.error });
    });
  return {
    jobs: {},
    error: null,
    busy: {},
    async load(recordingId) {
      const result = await callMagnum((magnum) => magnum.exports.list(recordingId ? { recordingId } : {}));
      if (!result.ok) {
        set({ error: result.error });
        return;
      }
      set((state) => {
        const jobs = { ...state.jobs };
        for (const job of result.value) jobs[job.id] = job;
        return { jobs };
      });
    },
    queue: (recordingId, kind) =>
      act(`new:${recordingId}:${kind}`, (magnum) => magnum.exports.queue({ recordingId, kind })),
    cancel: (jobId) => act(jobId, (magnum) => magnum.exports.cancel({ jobId })),
    retry: (jobId) => act(jobId, (magnum) => magnum.exports.retry({ jobId })),
    clearError: () => set({ error: null }),
  };
});

/** Starts following main's progress events once, at app start. */
export function listenForExports(): () => void {
  const magnum = getMagnum();
  if (!magnum) return () => {};
  return magnum.on('exports.progress', (job) =>
    useExportsStore.setState((state) => ({ jobs: { ...state.jobs, [job.id]: job } })),
  );
}

/** A flight's jobs of one kind, newest first. */
export function jobsOf(
  jobs: Record<string, ExportJobView>,
  recordingId: string,
  kind: ExportKind,
): ExportJobView[] {
  return Object.values(jobs)
    .filter((job) => job.recordingId === recordingId && job.kind === kind)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The job to show for a flight: one waiting or running, else the newest. */
export function currentJob(
  jobs: Record<string, ExportJobView>,
  recordingId: string,
  kind: ExportKind,
): ExportJobView | null {
  const list = jobsOf(jobs, recordingId, kind);
  return list.find((job) => job.status === 'pending' || job.status === 'processing') ?? list[0] ?? null;
}

/** The newest finished video of a flight, if any. */
export function finishedVideo(
  jobs: Record<string, ExportJobView>,
  recordingId: string,
): ExportJobView | null {
  return jobsOf(jobs, recordingId, 'video').find((job) => job.status === 'completed') ?? null;
}

/** "About 2 min left", "About 40 s left", "About 3 s left" (the last few seconds to the second). */
export function etaLabel(seconds: number | null): string {
  if (seconds === null) return 'Working out how long…';
  if (seconds < 10) return `About ${Math.max(1, Math.ceil(seconds))} s left`;
  if (seconds < 60) return `About ${Math.max(1, Math.round(seconds / 5) * 5)} s left`;
  return `About ${Math.round(seconds / 60)} min left`;
}
