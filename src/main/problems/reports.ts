// Problem reports: written by anyone signed in (about a flight they may see, if they name one), listed for
// admins open or resolved, and resolved with a note. Reporting and resolving are audited.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import type { Page } from '../../shared/define';
import type { ProblemCategory, ProblemReportView, ProblemStatus } from '../../shared/problems';
import { recordingVisibleTo, type LocalDay, type Viewer } from '../access/rules';
import { AppFailure } from '../errors';

export interface NewProblemReport {
  category: ProblemCategory;
  description: string;
  recordingId?: string | undefined;
}

function reportsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('problem_reports as p')
    .leftJoin('users as reporter', 'reporter.id', 'p.reported_by')
    .leftJoin('users as resolver', 'resolver.id', 'p.resolved_by')
    .leftJoin('flight_recordings as r', 'r.id', 'p.recording_id')
    .select([
      'p.id',
      'p.category',
      'p.description',
      'p.status',
      'p.created_at',
      'p.reported_by',
      'reporter.name as reporter_name',
      'p.recording_id',
      'r.passenger_names',
      'r.flight_at',
      'p.resolved_at',
      'p.resolved_by',
      'resolver.name as resolver_name',
      'p.resolution_note',
    ]);
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsQuery>['executeTakeFirstOrThrow']>>;

const person = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

function viewOf(row: ReportRow): ProblemReportView {
  return {
    id: row.id,
    category: row.category as ProblemCategory,
    description: row.description,
    status: row.status as ProblemStatus,
    createdAt: row.created_at,
    reportedBy: person(row.reported_by, row.reporter_name),
    flight:
      row.recording_id && row.passenger_names && row.flight_at
        ? { id: row.recording_id, passengerNames: row.passenger_names, flightAt: row.flight_at }
        : null,
    resolvedAt: row.resolved_at,
    resolvedBy: person(row.resolved_by, row.resolver_name),
    resolutionNote: row.resolution_note,
  };
}

async function readReport(db: Kysely<Database>, id: string): Promise<ProblemReportView> {
  const row = await reportsQuery(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', 'That problem report was not found. It may have been removed.');
  return viewOf(row);
}

export async function reportProblem(
  db: Kysely<Database>,
  input: NewProblemReport,
  viewer: Viewer,
  { now, today }: { now: Date; today: LocalDay },
): Promise<ProblemReportView> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    if (input.recordingId !== undefined) {
      // Only a flight the reporter may see: otherwise a report would tell them that an id exists.
      const flight = await trx
        .selectFrom('flight_recordings as r')
        .select('r.id')
        .where('r.id', '=', input.recordingId)
        .where(recordingVisibleTo(viewer, today))
        .executeTakeFirst();
      if (!flight) {
        throw new AppFailure(
          'NOT_FOUND',
          'That flight was not found among the flights you can see. Report the problem without a flight, and say which one in the text.',
        );
      }
    }
    await trx
      .insertInto('problem_reports')
      .values({
        id,
        reported_by: viewer.id,
        category: input.category,
        description: input.description,
        recording_id: input.recordingId ?? null,
        created_at: now.toISOString(),
      })
      .execute();
    await writeAuditLog(trx, {
      userId: viewer.id,
      action: 'create',
      entityType: 'problem_report',
      entityId: id,
      after: { category: input.category, recordingId: input.recordingId ?? null },
    });
  });
  return readReport(db, id);
}

export async function listProblems(
  db: Kysely<Database>,
  { status, limit, offset }: { status: ProblemStatus; limit: number; offset: number },
): Promise<Page<ProblemReportView>> {
  const [rows, count] = await Promise.all([
    reportsQuery(db)
      .where('p.status', '=', status)
      // Open: the newest report first. Resolved: the latest resolved first.
      .orderBy(status === 'open' ? 'p.created_at' : 'p.resolved_at', 'desc')
      .orderBy('p.created_at', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('problem_reports')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('status', '=', status)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(viewOf), total: Number(count.total) };
}

export async function resolveProblem(
  db: Kysely<Database>,
  { id, note }: { id: string; note: string },
  admin: Viewer,
  now: Date,
): Promise<ProblemReportView> {
  await db.transaction().execute(async (trx) => {
    const report = await readReport(trx, id);
    if (report.status === 'resolved') {
      throw new AppFailure(
        'CONFLICT',
        `This problem was already resolved${report.resolvedBy ? ` by ${report.resolvedBy.name}` : ''}. Refresh the list.`,
      );
    }
    await trx
      .updateTable('problem_reports')
      .set({
        status: 'resolved',
        resolution_note: note,
        resolved_by: admin.id,
        resolved_at: now.toISOString(),
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
    await writeAuditLog(trx, {
      userId: admin.id,
      action: 'resolve',
      entityType: 'problem_report',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'resolved', note },
    });
  });
  return readReport(db, id);
}
