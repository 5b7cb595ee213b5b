// The home screen's way to say something is wrong: "Report a problem" for anyone signed in, "Save diagnostics"
// for the ground crew, and for managers the way to the reports waiting for them.
import { useState } from 'react';
import type { UserRole } from '../../shared/contract';
import { navigate } from '../shell/route';
import { DiagnosticsDialog } from './DiagnosticsDialog';
import { ReportProblemDialog } from './ReportProblemDialog';
import './problems.css';

export function ProblemActions({ role }: { role: UserRole }) {
  const [open, setOpen] = useState<'report' | 'diagnostics' | null>(null);
  return (
    <section className="problem-actions" aria-label="Something wrong?">
      <h3>Something wrong?</h3>
      <button type="button" className="button" onClick={() => setOpen('report')}>
        Report a problem
      </button>
      {(role === 'admin' || role === 'crew') && (
        <button type="button" className="button" onClick={() => setOpen('diagnostics')}>
          Save diagnostics
        </button>
      )}
      {role === 'admin' && (
        <button type="button" className="button" onClick={() => navigate('problems')}>
          Problem reports →
        </button>
      )}
      {open === 'report' && <ReportProblemDialog onClose={() => setOpen(null)} />}
      {open === 'diagnostics' && <DiagnosticsDialog onClose={() => setOpen(null)} />}
    </section>
  );
}
