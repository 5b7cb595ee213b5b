// Admin: the problems staff reported, open or resolved, newest first. Resolving asks what was done (typed on
// the on-screen keyboard), which stays with the report for whoever reads it later.
import { useEffect, useState } from 'react';
import type { AppError } from '../../shared/errors';
import {
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_TEXT_MAX,
  type ProblemReportView,
  type ProblemStatus,
} from '../../shared/problems';
import { Dialog } from '../components/Dialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { TextField } from '../components/TextField';
import { formatDateTime, plural } from '../format';
import { navigate } from '../shell/route';
import { DiagnosticsDialog } from './DiagnosticsDialog';
import { resolveProblem, useProblemListStore } from './store';
import './problems.css';

const FILTERS: ReadonlyArray<{ value: ProblemStatus; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
];

export function ProblemsScreen() {
  const { items, total, filter, error, loading, load, loadMore } = useProblemListStore();
  const [resolving, setResolving] = useState<ProblemReportView | null>(null);
  const [diagnostics, setDiagnostics] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="admin-screen">
      <div className="screen-heading">
        <div>
          <h1>Problem reports</h1>
          <p className="lead">
            {filter.status === 'open' ? plural(total, 'open problem') : plural(total, 'resolved problem')}
          </p>
        </div>
        <div className="heading-actions">
          <button type="button" className="button" onClick={() => setDiagnostics(true)}>
            Save diagnostics
          </button>
          <button type="button" className="button" onClick={() => navigate('health')}>
            Kiosk health →
          </button>
        </div>
      </div>
      <Segmented
        label="Show"
        options={FILTERS}
        value={filter.status}
        onChange={(status) => void load({ status })}
      />
      {error && (
        <ErrorPanel
          title="The problem reports could not be read"
          error={error}
          onAction={() => void load()}
        />
      )}
      {!loading && !error && items.length === 0 && (
        <p className="lead">
          {filter.status === 'open' ? 'Nothing open: no problem is waiting.' : 'No problem was resolved yet.'}
        </p>
      )}
      <ul className="list" aria-label="Problem reports">
        {items.map((report) => (
          <li key={report.id} className="list-row problem-row">
            <div className="list-main">
              <span className="list-title">
                {PROBLEM_CATEGORY_LABELS[report.category]}
                {report.flight
                  ? ` · ${report.flight.passengerNames}, ${formatDateTime(report.flight.flightAt)}`
                  : ''}
              </span>
              <span className="problem-text">{report.description}</span>
              <span className="list-detail">
                Reported by {report.reportedBy?.name ?? 'someone no longer listed'} on{' '}
                {formatDateTime(report.createdAt)}
              </span>
              {report.status === 'resolved' && (
                <span className="problem-resolution">
                  Resolved by {report.resolvedBy?.name ?? 'someone no longer listed'}
                  {report.resolvedAt ? ` on ${formatDateTime(report.resolvedAt)}` : ''}:{' '}
                  {report.resolutionNote}
                </span>
              )}
            </div>
            {report.status === 'open' && (
              <div className="list-actions">
                <button
                  type="button"
                  className="button"
                  aria-label={`Resolve: ${report.description.slice(0, 60)}`}
                  onClick={() => setResolving(report)}
                >
                  Resolve…
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {items.length < total && (
        <button type="button" className="button" disabled={loading} onClick={() => void loadMore()}>
          Show older reports
        </button>
      )}
      {resolving && <ResolveDialog report={resolving} onClose={() => setResolving(null)} />}
      {diagnostics && <DiagnosticsDialog onClose={() => setDiagnostics(false)} />}
    </div>
  );
}

function ResolveDialog({ report, onClose }: { report: ProblemReportView; onClose(): void }) {
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const ready = note.trim() !== '';
  const submit = async () => {
    setSaving(true);
    const problem = await resolveProblem(report.id, note.trim());
    setSaving(false);
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <Dialog title="Resolve this problem" onClose={onClose}>
      <p className="problem-text">“{report.description}”</p>
      <TextField
        label="What was done?"
        value={note}
        onChange={setNote}
        maxLength={PROBLEM_TEXT_MAX}
        lines={3}
        placeholder="For example: replaced the rear camera’s USB cable"
      />
      {error && <ErrorPanel title="It was not marked resolved" error={error} />}
      <div className="dialog-actions sticky-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!ready || saving}
          onClick={() => void submit()}
        >
          {saving ? 'Saving…' : ready ? 'Mark resolved' : 'Say what was done first'}
        </button>
      </div>
    </Dialog>
  );
}
