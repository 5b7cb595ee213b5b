// Admin: who did what, newest first, filtered by kind of action or record.
import { useEffect } from 'react';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatDateTime, plural } from '../format';
import { useAuditStore, type AuditFilter } from './store';

// The action and record names main writes (src/main: writeAuditLog calls).
const ACTIONS: Array<[string | undefined, string]> = [
  [undefined, 'Everything'],
  ['sign_in', 'Sign-ins'],
  ['sign_in_failed', 'Failed sign-ins'],
  ['sign_out', 'Sign-outs'],
  ['create', 'Created'],
  ['update', 'Changed'],
  ['reset_pin', 'New PINs'],
  ['void', 'Voided'],
  ['refund', 'Refunded'],
  ['remove_footage', 'Footage removed'],
  ['restore', 'Restores'],
  ['resolve', 'Problems resolved'],
  ['save_diagnostics', 'Diagnostics saved'],
];
const ENTITIES: Array<[string | undefined, string]> = [
  [undefined, 'All records'],
  ['recording', 'Flights'],
  ['scene', 'Scenes'],
  ['segment', 'Segments'],
  ['sale', 'Sales'],
  ['user', 'People'],
  ['bundle', 'Bundles'],
  ['template', 'Templates'],
  ['setting', 'Settings'],
  ['backup', 'Backups'],
  ['problem_report', 'Problem reports'],
  ['storage', 'Storage'],
];

export function AuditScreen() {
  const { items: entries, total, filter, error, loading, load, loadMore } = useAuditStore();
  useEffect(() => {
    void load({});
  }, [load]);
  const choose = (change: AuditFilter) => void load({ ...filter, ...change });

  return (
    <div className="admin-screen">
      <div className="screen-heading">
        <h1>Audit log</h1>
        <p className="lead">{plural(total, 'entry', 'entries')}</p>
      </div>
      <FilterRow
        options={ACTIONS}
        value={filter.action}
        onChange={(action) => choose({ action })}
        label="Action"
      />
      <FilterRow
        options={ENTITIES}
        value={filter.entityType}
        onChange={(entityType) => choose({ entityType })}
        label="Record"
      />
      {error && (
        <ErrorPanel title="The audit log could not be read" error={error} onAction={() => void load()} />
      )}
      <ul className="list" aria-label="Audit entries">
        {entries.map((entry) => (
          <li key={entry.id} className="list-row">
            <div className="list-main">
              <span className="list-title">
                {entry.userName ?? 'Someone'} · {entry.action.replaceAll('_', ' ')} · {entry.entityType}
              </span>
              <span className="list-detail">{summarise(entry.after ?? entry.before)}</span>
            </div>
            <time className="list-time">{formatDateTime(entry.createdAt)}</time>
          </li>
        ))}
      </ul>
      {entries.length < total && (
        <button type="button" className="button" disabled={loading} onClick={() => void loadMore()}>
          Show older entries
        </button>
      )}
    </div>
  );
}

function FilterRow({
  options,
  value,
  onChange,
  label,
}: {
  options: Array<[string | undefined, string]>;
  value: string | undefined;
  onChange(value: string | undefined): void;
  label: string;
}) {
  return (
    <div className="segmented filter-row" role="radiogroup" aria-label={label}>
      {options.map(([option, text]) => (
        <button
          key={text}
          type="button"
          role="radio"
          aria-checked={value === option}
          className={value === option ? 'segment selected' : 'segment'}
          onClick={() => onChange(option)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

function summarise(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .slice(0, 4)
    .map(([key, item]) => `${key.replaceAll('_', ' ')}: ${describeValue(item)}`)
    .join(' · ');
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function describeValue(item: unknown): string {
  if (typeof item === 'string' && ISO_TIME.test(item)) return formatDateTime(item);
  return typeof item === 'object' ? JSON.stringify(item) : String(item);
}
