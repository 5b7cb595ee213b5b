// Problem reports and "Save diagnostics". Reports live in the database (reports.ts); diagnostics gather what
// whoever fixes the kiosk needs (diagnostics.ts) and write it onto a drive the crew picks, the way the delivery
// area offers drives: the screen only ever sends back an opaque id, never a path.
import type { Logger } from 'pino';
import { writeAuditLog } from '../../../db/audit';
import type { Page } from '../../shared/define';
import type { HealthOverview } from '../../shared/health';
import type {
  CameraStateForDiagnostics,
  DiagnosticsTarget,
  ProblemReportView,
  ProblemStatus,
  SavedDiagnostics,
} from '../../shared/problems';
import type { SystemInfo } from '../../shared/system';
import type { Viewer } from '../access/rules';
import { kioskToday, type DataAccess } from '../data-access';
import { findTarget, listTargets, type TargetRoot } from '../delivery/targets';
import { AppFailure } from '../errors';
import type { SessionUser } from '../ipc/dispatch';
import { gatherDiagnostics, scrubberFor } from './diagnostics';
import { DIAGNOSTICS_ROOT_FOLDER, writeDiagnosticsFolder } from './diagnostics-folder';
import { listProblems, reportProblem, resolveProblem, type NewProblemReport } from './reports';

export interface ProblemsServiceOptions {
  data: DataAccess;
  dataDir: string;
  logger: Logger;
  /** The kiosk's deliveries folder and the removable drives, looked up again on every call. */
  targetRoots(): Promise<TargetRoot[]>;
  systemInfo(): Promise<SystemInfo>;
  health(): Promise<HealthOverview>;
  freeBytes?(dir: string): Promise<number | null>;
}

export interface ProblemsService {
  report(input: NewProblemReport, viewer: Viewer): Promise<ProblemReportView>;
  list(input: { status: ProblemStatus; limit: number; offset: number }): Promise<Page<ProblemReportView>>;
  resolve(input: { id: string; note: string }, admin: Viewer): Promise<ProblemReportView>;
  diagnosticsTargets(): Promise<DiagnosticsTarget[]>;
  saveDiagnostics(
    input: { targetId: string; cameras?: CameraStateForDiagnostics[] | undefined },
    user: SessionUser,
  ): Promise<SavedDiagnostics>;
  /** Waits for a diagnostics save in progress. */
  close(): Promise<void>;
}

/** diagnostics-2026-12-02-103000 on the kiosk's clock, so the crew recognise the time they saved it. */
export function diagnosticsName(now: Date, offsetMinutes: number): string {
  const local = new Date(now.getTime() + offsetMinutes * 60_000).toISOString();
  return `diagnostics-${local.slice(0, 10)}-${local.slice(11, 19).replaceAll(':', '')}`;
}

export function createProblemsService(options: ProblemsServiceOptions): ProblemsService {
  const { data, logger } = options;
  let saving: Promise<unknown> | null = null;

  async function save(
    input: { targetId: string; cameras?: CameraStateForDiagnostics[] | undefined },
    user: SessionUser,
  ): Promise<SavedDiagnostics> {
    const target = findTarget(await options.targetRoots(), input.targetId);
    if (!target) {
      throw new AppFailure(
        'NOT_FOUND',
        'That drive or folder is no longer there. Check the USB drive is plugged in, then pick it again.',
      );
    }
    const db = data.db();
    const now = data.now();
    const [files, scrub] = await Promise.all([
      gatherDiagnostics({
        db,
        dataDir: options.dataDir,
        now,
        savedBy: { name: user.name, role: user.role },
        systemInfo: options.systemInfo,
        health: options.health,
        cameras: input.cameras,
      }),
      scrubberFor(db),
    ]);
    const written = await writeDiagnosticsFolder({
      targetDir: target.dir,
      place: target.label,
      baseName: diagnosticsName(now, data.utcOffsetMinutes(now)),
      files,
      scrub,
    });
    const place = `${target.label} › ${DIAGNOSTICS_ROOT_FOLDER} › ${written.name}`;
    await writeAuditLog(db, {
      userId: user.id,
      action: 'save_diagnostics',
      entityType: 'diagnostics',
      after: { place, files: written.files, bytes: written.bytes },
    });
    logger.info({ folder: written.folder, files: written.files, bytes: written.bytes }, 'diagnostics saved');
    return { place, folder: written.folder, kind: target.kind, files: written.files, bytes: written.bytes };
  }

  return {
    report: (input, viewer) => {
      const now = data.now();
      return reportProblem(data.db(), input, viewer, { now, today: kioskToday(data) });
    },
    list: (input) => listProblems(data.db(), input),
    resolve: (input, admin) => resolveProblem(data.db(), input, admin, data.now()),
    diagnosticsTargets: async () => listTargets(await options.targetRoots(), options.freeBytes),
    async saveDiagnostics(input, user) {
      // One at a time: two saves onto one USB stick only slow each other, and the second adds nothing.
      if (saving) {
        throw new AppFailure('CONFLICT', 'Diagnostics are being saved already. Wait for that to finish.');
      }
      const running = save(input, user);
      saving = running;
      try {
        return await running;
      } finally {
        saving = null;
      }
    },
    async close() {
      await saving?.catch(() => undefined);
    },
  };
}
