import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows } from '../../../db/test-support';
import type { Page } from '../../shared/define';
import type { ProblemReportView } from '../../shared/problems';
import { codeOf, CUSTOMER, NOW, openProblemsBench, type ProblemsBench } from './test-support';

let bench: ProblemsBench;
beforeEach(async () => {
  bench = await openProblemsBench();
});
afterEach(() => bench.dispose());

const report = (session: string, input: Record<string, unknown>) =>
  bench.call<ProblemReportView>('problems.report', input, session);

describe('reporting a problem', () => {
  it('lets a crew member report a camera problem about a flight of theirs', async () => {
    const made = await bench.value<ProblemReportView>('problems.report', {
      category: 'camera',
      description: '  The rear camera froze during the chase scene.  ',
      recordingId: bench.flightId,
    });
    expect(made).toMatchObject({
      category: 'camera',
      description: 'The rear camera froze during the chase scene.',
      status: 'open',
      createdAt: NOW,
      reportedBy: { id: bench.crew.id, name: 'Tom Reed' },
      flight: { id: bench.flightId, passengerNames: CUSTOMER.passengerNames },
      resolvedAt: null,
      resolvedBy: null,
      resolutionNote: null,
    });
  });

  it('lets a pilot report without naming a flight', async () => {
    const made = await report('pilot', { category: 'kiosk', description: 'The screen flickers.' });
    expect(made.ok && made.value.flight).toBeNull();
    expect(made.ok && made.value.reportedBy?.name).toBe('Capt. Jo Whitaker');
  });

  it('refuses a flight the reporter may not see, as if it did not exist', async () => {
    const refused = await report('crew', {
      category: 'recording',
      description: 'Scene two stopped by itself.',
      recordingId: bench.hiddenFlightId,
    });
    expect(codeOf(refused)).toBe('NOT_FOUND');
    expect(countRows(bench.t.sqlite, 'problem_reports')).toBe(0);
  });

  it('refuses someone not signed in, an unknown category and empty text', async () => {
    expect(codeOf(await report('nobody', { category: 'camera', description: 'x' }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await report('crew', { category: 'weather', description: 'Too windy' }))).toBe(
      'VALIDATION',
    );
    expect(codeOf(await report('crew', { category: 'other', description: '   ' }))).toBe('VALIDATION');
    expect(codeOf(await report('crew', { category: 'other', description: 'x'.repeat(2001) }))).toBe(
      'VALIDATION',
    );
    expect(countRows(bench.t.sqlite, 'problem_reports')).toBe(0);
  });

  it('writes who reported what into the audit log', async () => {
    const made = await bench.value<ProblemReportView>('problems.report', {
      category: 'sale',
      description: 'The card reader declined twice.',
    });
    const audit = bench.t.sqlite
      .prepare(
        "SELECT user_id, action, entity_id, after_summary FROM audit_logs WHERE entity_type = 'problem_report'",
      )
      .all();
    expect(audit).toEqual([
      {
        user_id: bench.crew.id,
        action: 'create',
        entity_id: made.id,
        after_summary: JSON.stringify({ category: 'sale', recordingId: null }),
      },
    ]);
  });
});

describe('the problem list and resolving', () => {
  async function threeReports(): Promise<ProblemReportView[]> {
    const made: ProblemReportView[] = [];
    for (const [session, description] of [
      ['crew', 'The export stopped at 80 %.'],
      ['pilot', 'Review plays without sound.'],
      ['admin', 'The USB drive was not found.'],
    ] as const) {
      made.push(await bench.value('problems.report', { category: 'other', description }, session));
      bench.clock.advance(60_000);
    }
    return made;
  }

  it('shows admins the open problems, newest first, and nobody else', async () => {
    await threeReports();
    const open = await bench.value<Page<ProblemReportView>>('problems.list', { status: 'open' }, 'admin');
    expect(open.total).toBe(3);
    expect(open.items.map((item) => item.description)).toEqual([
      'The USB drive was not found.',
      'Review plays without sound.',
      'The export stopped at 80 %.',
    ]);
    expect(codeOf(await bench.call('problems.list', { status: 'open' }, 'crew'))).toBe('FORBIDDEN');
    expect(codeOf(await bench.call('problems.list', { status: 'open' }, 'pilot'))).toBe('FORBIDDEN');
  });

  it('resolves a problem with a note: it moves to the resolved list, audited', async () => {
    const [first] = await threeReports();
    bench.clock.set('2026-12-02T12:00:00.000Z');
    const resolved = await bench.value<ProblemReportView>(
      'problems.resolve',
      { id: first!.id, note: 'Restarted the export; it finished.' },
      'admin',
    );
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-12-02T12:00:00.000Z',
      resolvedBy: { id: bench.admin.id, name: 'Maria Lopez' },
      resolutionNote: 'Restarted the export; it finished.',
    });
    const open = await bench.value<Page<ProblemReportView>>('problems.list', { status: 'open' }, 'admin');
    const done = await bench.value<Page<ProblemReportView>>('problems.list', { status: 'resolved' }, 'admin');
    expect(open.total).toBe(2);
    expect(done.items.map((item) => item.id)).toEqual([first!.id]);
    const audit = bench.t.sqlite
      .prepare("SELECT user_id, before_summary, after_summary FROM audit_logs WHERE action = 'resolve'")
      .all();
    expect(audit).toEqual([
      {
        user_id: bench.admin.id,
        before_summary: JSON.stringify({ status: 'open' }),
        after_summary: JSON.stringify({ status: 'resolved', note: 'Restarted the export; it finished.' }),
      },
    ]);
  });

  it('refuses to resolve twice, saying who resolved it', async () => {
    const [first] = await threeReports();
    await bench.value('problems.resolve', { id: first!.id, note: 'Fixed.' }, 'admin');
    const again = await bench.call('problems.resolve', { id: first!.id, note: 'Fixed again.' }, 'admin');
    expect(codeOf(again)).toBe('CONFLICT');
    expect(!again.ok && again.error.message).toContain('Maria Lopez');
  });

  it('lets only admins resolve, with a note, and says when the report is gone', async () => {
    const [first] = await threeReports();
    expect(codeOf(await bench.call('problems.resolve', { id: first!.id, note: 'Done' }, 'crew'))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await bench.call('problems.resolve', { id: first!.id, note: ' ' }, 'admin'))).toBe(
      'VALIDATION',
    );
    expect(
      codeOf(
        await bench.call(
          'problems.resolve',
          { id: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', note: 'Done' },
          'admin',
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(countRows(bench.t.sqlite, 'problem_reports', "status = 'resolved'")).toBe(0);
  });

  it('keeps the report when the flight it names is deleted', async () => {
    const made = await bench.value<ProblemReportView>('problems.report', {
      category: 'export',
      description: 'The video has no title.',
      recordingId: bench.flightId,
    });
    bench.t.sqlite.prepare('DELETE FROM flight_recordings WHERE id = ?').run(bench.flightId);
    const open = await bench.value<Page<ProblemReportView>>('problems.list', { status: 'open' }, 'admin');
    expect(open.items).toEqual([expect.objectContaining({ id: made.id, flight: null })]);
  });
});
