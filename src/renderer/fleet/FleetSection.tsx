// Admin, on the Settings screen: the fleet's central database this kiosk sends its flights, sales, people and
// audit trail to. The address field never shows a password (one saved is only said to be saved), the password
// field is write-only, and Test connection and Sync now say in plain words what happened.
import { useEffect, useState } from 'react';
import type { AppError } from '../../shared/errors';
import type { CentralTransport, FleetSettingsView } from '../../shared/fleet';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { closeKeyboard, TextField } from '../components/TextField';
import { formatDateTime } from '../format';
import { useFleetStore, type FleetOutcome } from './store';
import { syncStatusLine, transportNote, waitingChanges } from './words';
import './fleet.css';

const KEPT_BY = {
  'os-keychain': 'in this computer’s keychain',
  'local-key': 'encrypted with this kiosk’s own key',
} as const;

export function FleetSection() {
  const { settings, error, load } = useFleetStore();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="fleet-section" aria-labelledby="fleet-heading">
      <h2 id="fleet-heading">Central database (fleet)</h2>
      <p className="lead">
        This kiosk sends its flights, sales, people and audit trail to the fleet’s central database whenever
        it can reach it. Footage stays here. The kiosk works the same without it: changes wait until then.
      </p>
      {settings && <FleetForm key={settings.updatedAt ?? 'new'} settings={settings} />}
      {!settings && error && (
        <ErrorPanel
          title="Central database"
          error={error}
          onAction={() => void load()}
          actionLabel="Look again"
        />
      )}
    </section>
  );
}

/** A refusal of one field (from main's checks), to show under that field. */
function problemOf(error: AppError | null, path: string): string | null {
  return error?.issues?.find((issue) => issue.path === path)?.message ?? null;
}

function FleetForm({ settings }: { settings: FleetSettingsView }) {
  const { error, saving, saved, save } = useFleetStore();
  const [url, setUrl] = useState(settings.address);
  const [password, setPassword] = useState('');
  const [airfieldName, setAirfieldName] = useState(settings.airfieldName);
  const [enabled, setEnabled] = useState(settings.configured ? settings.enabled : true);
  const submit = async () => {
    closeKeyboard();
    if (await save({ url, airfieldName, enabled, ...(password ? { password } : {}) })) setPassword('');
  };
  const fieldProblems = ['url', 'password', 'airfieldName'].map((path) => problemOf(error, path));
  const otherError = error && !fieldProblems.some(Boolean) ? error : null;

  return (
    <div className="fleet-form">
      <SyncStatusNote settings={settings} />
      <div className="field">
        <label>Syncing</label>
        <Segmented
          label="Syncing"
          options={[
            { value: 'on', label: 'On, whenever it can be reached' },
            { value: 'off', label: 'Off' },
          ]}
          value={enabled ? 'on' : 'off'}
          onChange={(value) => setEnabled(value === 'on')}
        />
      </div>
      <TextField
        label="Address (postgres://user@server:5432/database)"
        keys="url"
        value={url}
        maxLength={2000}
        placeholder="postgres://kiosk@db.example.com:5432/fleet"
        problem={fieldProblems[0]}
        onChange={setUrl}
      />
      {settings.transport && <TransportNote transport={settings.transport} />}
      <div className="fleet-grid">
        <TextField
          label={settings.passwordSet ? 'Password (saved; type to replace it)' : 'Password'}
          secret
          value={password}
          maxLength={500}
          placeholder={settings.passwordSet ? '••••••••' : ''}
          problem={fieldProblems[1]}
          onChange={setPassword}
        />
        <TextField
          label="Airfield name (shown in the fleet’s reports)"
          value={airfieldName}
          maxLength={100}
          placeholder="For example: Alpine Field"
          problem={fieldProblems[2]}
          onChange={setAirfieldName}
        />
      </div>
      <p className="hint">
        This kiosk is station <span className="fleet-station">{settings.stationId}</span> in the fleet, in
        time zone {settings.timeZone}, selling in {settings.currency}.
      </p>
      {otherError && <ErrorPanel title="The central database was not saved" error={otherError} />}
      {saved && (
        <p className="notice inline-ok" role="status">
          Saved{settings.updatedAt ? ` ${formatDateTime(settings.updatedAt)}` : ''}.
          {settings.passwordSet && settings.passwordKeptBy
            ? ` The password is kept ${KEPT_BY[settings.passwordKeptBy]}.`
            : ''}
        </p>
      )}
      <FleetActions settings={settings} saving={saving} onSave={() => void submit()} />
    </div>
  );
}

/** How the saved address carries the rows: a warning when a network could read them. */
function TransportNote({ transport }: { transport: CentralTransport }) {
  const note = transportNote(transport);
  return note.warn ? (
    <div className="notice notice-warning" role="note">
      {note.text}
    </div>
  ) : (
    <p className="hint">{note.text}</p>
  );
}

/** How syncing stands, in the same words as the status strip, or why it says nothing. */
function SyncStatusNote({ settings }: { settings: FleetSettingsView }) {
  const status = useFleetStore((state) => state.status);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  let text: string;
  let tone: 'off' | 'good' | 'bad' = 'off';
  if (!settings.configured) text = 'Not set up: type the address the fleet’s manager gave you.';
  else if (!status?.configured) {
    text = `Syncing is off.${status && status.pending > 0 ? ` ${waitingChanges(status.pending)}.` : ''}`;
  } else {
    const line = syncStatusLine(status, now);
    text = line?.text ?? '';
    tone = line?.bad ? 'bad' : 'good';
  }
  return (
    <p className={`fleet-status fleet-status-${tone}`} role="status" aria-label="Sync status">
      {text}
    </p>
  );
}

function FleetActions(props: { settings: FleetSettingsView; saving: boolean; onSave(): void }) {
  const { busy, outcome, testConnection, syncNow } = useFleetStore();
  const { configured, enabled } = props.settings;
  return (
    <>
      <div className="fleet-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={props.saving}
          onClick={props.onSave}
        >
          {props.saving ? 'Saving…' : 'Save central database'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!configured || busy !== null}
          onClick={() => void testConnection()}
        >
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!configured || !enabled || busy !== null}
          onClick={() => void syncNow()}
        >
          {busy === 'sync' ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      {!configured && <p className="hint">Save the address first; then you can test it and sync.</p>}
      {outcome && <Outcome outcome={outcome} />}
    </>
  );
}

function Outcome({ outcome }: { outcome: FleetOutcome }) {
  if (outcome.kind === 'failed') {
    return (
      <div className="notice notice-warning" role="alert">
        <p>
          {outcome.action === 'test' ? 'Test connection: ' : 'Sync now: '}
          {outcome.error.message}
        </p>
      </div>
    );
  }
  if (outcome.kind === 'test') {
    return (
      <div className={outcome.result.ok ? 'notice' : 'notice notice-warning'} role="status">
        <p>{outcome.result.message}</p>
      </div>
    );
  }
  return (
    <p className="notice inline-ok" role="status">
      {outcome.status.pending === 0
        ? 'Everything is synced.'
        : `Synced. ${waitingChanges(outcome.status.pending)}.`}
    </p>
  );
}
