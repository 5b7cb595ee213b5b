// Problem reports and diagnostics as the screens use them: sending a report (with today's flights to pick
// from), the admin's list a page at a time, resolving, and saving diagnostics onto a drive main offers.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type {
  CameraStateForDiagnostics,
  DiagnosticsTarget,
  ProblemCategory,
  ProblemReportView,
  ProblemStatus,
  SavedDiagnostics,
} from '../../shared/problems';
import { daysOfFlightsNow } from '../calendar';
import { useCameraCheckStore } from '../devices/camera-check';
import { callMagnum } from '../shell/call';
import { createPagedStore } from '../shell/paged';

export interface FlightChoice {
  id: string;
  passengerNames: string;
  flightAt: string;
}

interface ReportState {
  /** Today's flights the signed-in person may see; null until read. */
  flights: FlightChoice[] | null;
  sending: boolean;
  error: AppError | null;
  sent: ProblemReportView | null;
  loadFlights(): Promise<void>;
  send(report: { category: ProblemCategory; description: string; recordingId?: string }): Promise<boolean>;
  reset(): void;
}

export const useReportStore = create<ReportState>((set) => ({
  flights: null,
  sending: false,
  error: null,
  sent: null,
  async loadFlights() {
    const results = await Promise.all(
      daysOfFlightsNow(new Date()).map((day) =>
        callMagnum((magnum) => magnum.recordings.list({ day, limit: 100 })),
      ),
    );
    // Without the list the report still goes, only without a flight to pick.
    set({
      flights: results.flatMap((result) =>
        result.ok
          ? result.value.items.map(({ id, passengerNames, flightAt }) => ({ id, passengerNames, flightAt }))
          : [],
      ),
    });
  },
  async send(report) {
    set({ sending: true, error: null });
    const result = await callMagnum((magnum) => magnum.problems.report(report));
    set(result.ok ? { sending: false, sent: result.value } : { sending: false, error: result.error });
    return result.ok;
  },
  reset: () => set({ sending: false, error: null, sent: null }),
}));

export const useProblemListStore = createPagedStore<ProblemReportView, { status: ProblemStatus }>(
  (magnum, page) => magnum.problems.list(page),
  { status: 'open' },
);

/** Resolves a report with the admin's note, then reads the list again; the error, if any, for the dialog. */
export async function resolveProblem(id: string, note: string): Promise<AppError | null> {
  const result = await callMagnum((magnum) => magnum.problems.resolve({ id, note }));
  if (!result.ok) return result.error;
  await useProblemListStore.getState().load();
  return null;
}

interface DiagnosticsState {
  targets: DiagnosticsTarget[] | null;
  targetsLoading: boolean;
  targetsError: AppError | null;
  saving: boolean;
  saved: SavedDiagnostics | null;
  error: AppError | null;
  loadTargets(): Promise<void>;
  save(targetId: string): Promise<void>;
  reset(): void;
}

/** What this screen sees of the cameras, for the diagnostics (main cannot see them). */
function cameraStates(): CameraStateForDiagnostics[] | undefined {
  const { matches } = useCameraCheckStore.getState();
  if (!matches) return undefined;
  return matches.map((match) => ({
    camera: match.camera,
    source: match.assignment.source.slice(0, 60),
    connected: match.device !== null,
    device: match.device ? match.device.label.slice(0, 200) : null,
  }));
}

export const useDiagnosticsStore = create<DiagnosticsState>((set, get) => ({
  targets: null,
  targetsLoading: false,
  targetsError: null,
  saving: false,
  saved: null,
  error: null,
  async loadTargets() {
    set({ targetsLoading: true });
    const result = await callMagnum((magnum) => magnum.problems.diagnosticsTargets({}));
    set(
      result.ok
        ? { targets: result.value, targetsError: null, targetsLoading: false }
        : { targetsError: result.error, targetsLoading: false },
    );
  },
  async save(targetId) {
    if (get().saving) return;
    set({ saving: true, saved: null, error: null });
    const cameras = cameraStates();
    const result = await callMagnum((magnum) =>
      magnum.problems.saveDiagnostics(cameras ? { targetId, cameras } : { targetId }),
    );
    set(result.ok ? { saving: false, saved: result.value } : { saving: false, error: result.error });
  },
  reset: () => set({ saving: false, saved: null, error: null }),
}));
