// The retention rules and what they would remove now. The admin sets the days, looks at the list (each flight with
// its bytes and whether the newest verified backup holds its footage), picks flights and confirms in a dialog that
// lists what goes. Footage no verified backup holds goes only where the admin typed that flight's passenger names.
import { useEffect, useState } from 'react';
import { backupTimeOf, namesMatch, type RetentionFlight, type RetentionRules } from '../../shared/storage';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ProgressBar } from '../components/ProgressBar';
import { Segmented } from '../components/Segmented';
import { TextField } from '../components/TextField';
import { formatBytes, formatDateTime, plural } from '../format';
import { useStorageStore } from './store';

const DAY_CHOICES = [7, 14, 30, 60, 90, 180, 365] as const;

function dayOptions(current: number | null) {
  const days: number[] = [...DAY_CHOICES];
  if (current !== null && !days.includes(current)) days.push(current);
  return [
    ...days.sort((a, b) => a - b).map((n) => ({ value: String(n), label: plural(n, 'day') })),
    { value: 'off', label: 'Never' },
  ];
}

const fileName = (file: string) => file.slice(file.lastIndexOf('/', file.lastIndexOf('/') - 1) + 1);

export function RetentionPanel() {
  const { rules, preview, applied, busy, progress, loadPreview, apply } = useStorageStore();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!preview) void loadPreview();
  }, [preview, loadPreview]);

  if (!rules) return null;
  // Only what the newest preview lists counts as picked: a flight picked earlier may no longer be due.
  const chosen = preview?.flights.filter((flight) => picked.has(flight.recordingId)) ?? [];
  const allPicked = preview !== null && chosen.length === preview.flights.length;
  const chosenBytes = chosen.reduce((sum, flight) => sum + flight.bytes, 0);
  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="retention">
      {preview && (
        <section className="storage-card" aria-label="What would go">
          <h2>What would go now</h2>
          <p className={preview.backup ? 'storage-note' : 'notice notice-warning'}>
            {preview.backup
              ? `Checked against the newest verified backup, made ${formatDateTime(backupTimeOf(preview.backup.generation) ?? preview.backup.createdAt)}. Footage it holds can go; for anything else you type the passenger names.`
              : 'There is no verified backup yet, so footage goes only where you type the passenger names. Back up first to keep a copy.'}
          </p>
          {preview.flights.length === 0 ? (
            <p className="lead">No footage is due to go under these rules.</p>
          ) : (
            <ul className="list" aria-label="Footage due to go">
              {preview.flights.map((flight) => (
                <DueFlight
                  key={flight.recordingId}
                  flight={flight}
                  picked={picked.has(flight.recordingId)}
                  onToggle={() => toggle(flight.recordingId)}
                />
              ))}
            </ul>
          )}
          {preview.heldBack.length > 0 && (
            <>
              <h3>Old enough, but kept</h3>
              <ul className="list" aria-label="Kept for now">
                {preview.heldBack.map((flight) => (
                  <li key={flight.recordingId} className="list-row">
                    <div className="list-main">
                      <span className="list-title">{flight.passengerNames}</span>
                      <span className="list-detail">{flight.reason}</span>
                    </div>
                    <span className="storage-bytes">{formatBytes(flight.bytes)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      <RulesCard rules={rules} />

      {applied && (
        <section className="storage-card" aria-label="Removed">
          <h2>
            Removed {formatBytes(applied.removedBytes)} ({plural(applied.removedFiles, 'file')})
          </h2>
          <ul className="list">
            {applied.flights.map((outcome) => (
              <li key={outcome.recordingId} className="list-row">
                <div className="list-main">
                  <span className="list-title">{outcome.passengerNames}</span>
                  <span className="list-detail">
                    {plural(outcome.removedFiles, 'file')} removed ({formatBytes(outcome.removedBytes)})
                    {outcome.problem && `. ${outcome.problem}`}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      {preview && preview.flights.length > 0 && (
        <div className="sticky-actions">
          <button
            type="button"
            className="button"
            onClick={() =>
              setPicked(allPicked ? new Set() : new Set(preview.flights.map((f) => f.recordingId)))
            }
          >
            {allPicked ? 'Pick none' : 'Pick all'}
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={chosen.length === 0 || busy !== null}
            onClick={() => {
              setTyped({});
              setConfirming(true);
            }}
          >
            {chosen.length === 0
              ? 'Pick flights to remove'
              : `Remove footage of ${plural(chosen.length, 'flight')} (${formatBytes(chosenBytes)})`}
          </button>
        </div>
      )}

      {confirming && (
        <ConfirmDialog
          title="Remove this footage?"
          confirmLabel={busy === 'apply' ? 'Removing…' : 'Remove footage'}
          cancelLabel="Keep it"
          busy={busy === 'apply'}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            void apply(
              chosen.map((flight) => ({
                recordingId: flight.recordingId,
                ...(typed[flight.recordingId] ? { typedNames: typed[flight.recordingId] } : {}),
              })),
            ).then(() => setConfirming(false))
          }
        >
          <p>
            The raw footage of these flights goes from the kiosk’s disk; it cannot be watched or edited here
            afterwards. Souvenir videos and photos stay.
          </p>
          {busy === 'apply' && (
            <ProgressBar
              label="Checking the files against the backup and removing them"
              value={progress && progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 0}
            />
          )}
          <ul className="confirm-list" aria-label="What goes">
            {chosen.map((flight) => (
              <li key={flight.recordingId}>
                <strong>{flight.passengerNames}</strong> · {formatBytes(flight.bytes)}
                <ul>
                  {flight.files.map((file) => (
                    <li key={file.path}>
                      <span className="path">{fileName(file.path)}</span> · {formatBytes(file.bytes)} ·{' '}
                      {file.inBackup ? 'in the backup' : 'in no backup'}
                    </li>
                  ))}
                </ul>
                {!flight.allInBackup && (
                  <NamesField
                    flight={flight}
                    value={typed[flight.recordingId] ?? ''}
                    onChange={(text) => setTyped((current) => ({ ...current, [flight.recordingId]: text }))}
                  />
                )}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </div>
  );
}

const ruleText = (days: number | null) => (days === null ? 'never' : `after ${plural(days, 'day')}`);

/** The two rules in a line, and the day choices behind "Change the rules" (set rarely, so folded away). */
function RulesCard({ rules }: { rules: RetentionRules }) {
  const { busy, saveRules } = useStorageStore();
  const [draft, setDraft] = useState<Partial<RetentionRules> | null>(null);
  const value = (name: keyof RetentionRules) => (draft && name in draft ? draft[name]! : rules[name]);
  return (
    <section className="storage-card" aria-label="Rules">
      <div className="screen-heading">
        <h2>When raw footage may go</h2>
        {!draft && (
          <button type="button" className="button" onClick={() => setDraft({})}>
            Change the rules
          </button>
        )}
      </div>
      <p className="storage-note">
        Sold flights: {ruleText(rules.soldRawDays)} the sale, once the customer got the files. Flights nobody
        bought: {ruleText(rules.unsoldRawDays)} the flight. Only the raw camera footage goes: souvenir videos
        and photos stay, and nothing goes until you pick flights and confirm.
      </p>
      {draft && (
        <ConfirmDialog
          title="When raw footage may go"
          confirmLabel="Save rules"
          cancelLabel="Cancel"
          tone="primary"
          busy={busy !== null}
          onCancel={() => setDraft(null)}
          onConfirm={() =>
            Object.keys(draft).length === 0
              ? setDraft(null)
              : void saveRules(draft).then(() => setDraft(null))
          }
        >
          <p>Nothing is removed when you save: the list of what would go is made again.</p>
          {(
            [
              ['soldRawDays', 'After a flight was sold and the customer got the files'],
              ['unsoldRawDays', 'After a flight nobody bought'],
            ] as const
          ).map(([name, label]) => (
            <div key={name} className="rule-row">
              <span className="rule-label">{label}</span>
              <Segmented
                label={label}
                options={dayOptions(value(name))}
                value={value(name) === null ? 'off' : String(value(name))}
                onChange={(choice) =>
                  setDraft((current) => ({ ...current, [name]: choice === 'off' ? null : Number(choice) }))
                }
              />
            </div>
          ))}
        </ConfirmDialog>
      )}
    </section>
  );
}

function DueFlight({
  flight,
  picked,
  onToggle,
}: {
  flight: RetentionFlight;
  picked: boolean;
  onToggle(): void;
}) {
  const outside = flight.files.filter((file) => !file.inBackup).length;
  return (
    <li className={picked ? 'list-row due-flight picked' : 'list-row due-flight'}>
      <button
        type="button"
        className="pick-toggle"
        aria-pressed={picked}
        aria-label={`Pick ${flight.passengerNames}`}
        onClick={onToggle}
      >
        {picked ? '✓' : ''}
      </button>
      <div className="list-main">
        <span className="list-title">{flight.passengerNames}</span>
        <span className="list-detail">
          Flown {formatDateTime(flight.flightAt)}. {flight.reason}
        </span>
        <span className={outside === 0 ? 'chip chip-good' : 'chip chip-warn'}>
          {outside === 0
            ? 'All in the backup'
            : `${outside} of ${plural(flight.files.length, 'file')} in no backup: names needed`}
        </span>
      </div>
      <span className="storage-bytes">{formatBytes(flight.bytes)}</span>
    </li>
  );
}

function NamesField({
  flight,
  value,
  onChange,
}: {
  flight: RetentionFlight;
  value: string;
  onChange(text: string): void;
}) {
  const matches = namesMatch(value, flight.passengerNames);
  return (
    <div className="names-field">
      <TextField
        label={`Type “${flight.passengerNames}” to remove the files no backup holds`}
        value={value}
        maxLength={200}
        onChange={onChange}
        problem={
          value && !matches ? 'Not the same names yet. Without them only the files in the backup go.' : null
        }
      />
      {matches && <p className="inline-ok">Names match: all of this flight’s footage goes.</p>}
    </div>
  );
}
