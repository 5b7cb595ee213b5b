// Admin: the mail server customers' e-mails leave through (host, port, security, user, password, sender), the
// follow-up to passengers who did not buy, and "Send a test" with the server's own answer. The password field
// is write-only: it starts empty and says whether one is saved.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { DEFAULT_PORTS, TLS_MODES, type MailSettingsView, type TlsMode } from '../../shared/mail';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { closeKeyboard, TextField } from '../components/TextField';
import { formatDateTime } from '../format';
import { navigate } from '../shell/route';
import { useMailStore, type MailSettingsDraft } from './store';
import './mail.css';

const TLS_LABELS: Record<TlsMode, string> = {
  starttls: 'STARTTLS (port 587)',
  tls: 'TLS (port 465)',
  none: 'None (port 25)',
};

const KEPT_BY = {
  'os-keychain': 'in this computer’s keychain',
  'local-key': 'encrypted with this kiosk’s own key',
} as const;

const FOLLOW_UP_HOURS = [6, 12, 24, 48, 72];

function draftOf(settings: MailSettingsView): MailSettingsDraft {
  return {
    host: settings.host,
    port: settings.port,
    tls: settings.tls,
    user: settings.user,
    from: settings.from,
    followUpEnabled: settings.followUpEnabled,
    followUpHours: settings.followUpHours,
  };
}

export function MailScreen() {
  const { settings, error, load } = useMailStore();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="admin-screen mail">
      {settings ? <MailForm key={settings.updatedAt ?? 'new'} settings={settings} /> : <Heading />}
      {error && (
        <ErrorPanel
          title="E-mail settings"
          error={error}
          onAction={() => void load()}
          actionLabel="Look again"
        />
      )}
    </div>
  );
}

/** The screen's title with Save beside it, so the main action is in view however long the form is. */
function Heading({ save }: { save?: ReactNode }) {
  return (
    <div className="screen-heading">
      <h1>E-mail</h1>
      <div className="heading-actions">
        {save}
        <button type="button" className="button" onClick={() => navigate('settings')}>
          ← Settings
        </button>
      </div>
    </div>
  );
}

function MailForm({ settings }: { settings: MailSettingsView }) {
  const { saving, saved, save } = useMailStore();
  const [draft, setDraft] = useState<MailSettingsDraft>(() => draftOf(settings));
  const [password, setPassword] = useState('');
  const change = (part: Partial<MailSettingsDraft>) => setDraft((current) => ({ ...current, ...part }));
  const hours = draft.followUpHours ?? 24;
  const submit = async () => {
    closeKeyboard();
    if (await save({ ...draft, ...(password ? { password } : {}) })) setPassword('');
  };

  return (
    <>
      <Heading
        save={
          <button
            type="button"
            className="button button-primary"
            disabled={saving}
            onClick={() => void submit()}
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        }
      />
      {saved && (
        <p className="notice inline-ok" role="status">
          Saved{settings.updatedAt ? ` ${formatDateTime(settings.updatedAt)}` : ''}.
          {settings.passwordSet && settings.passwordKeptBy
            ? ` The password is kept ${KEPT_BY[settings.passwordKeptBy]}.`
            : ''}
        </p>
      )}
      <section className="mail-account" aria-label="Mail server">
        <h2>Mail server</h2>
        <p className="lead">
          Receipts and follow-ups leave through this account whenever the kiosk is online; until then they
          wait.
        </p>
        <div className="mail-grid">
          <TextField
            label="Server name"
            keys="email"
            value={draft.host}
            maxLength={253}
            placeholder="smtp.example.com"
            onChange={(host) => change({ host })}
          />
          <TextField
            label="Port"
            keys="amount"
            value={String(draft.port)}
            maxLength={5}
            onChange={(port) => change({ port: Number(port.replace(/\D/g, '')) || 0 })}
          />
        </div>
        <div className="field">
          <label>Security</label>
          <Segmented
            label="Security"
            options={TLS_MODES.map((mode) => ({ value: mode, label: TLS_LABELS[mode] }))}
            value={draft.tls}
            onChange={(tls) =>
              change({
                tls,
                // The usual port follows the choice unless someone typed another one.
                port: Object.values(DEFAULT_PORTS).includes(draft.port) ? DEFAULT_PORTS[tls] : draft.port,
              })
            }
          />
        </div>
        <div className="mail-grid">
          <TextField
            label="User name"
            keys="email"
            value={draft.user ?? ''}
            maxLength={254}
            placeholder="kiosk@example.com"
            onChange={(user) => change({ user })}
          />
          <TextField
            label={settings.passwordSet ? 'Password (saved; type to replace it)' : 'Password'}
            secret
            value={password}
            maxLength={500}
            placeholder={settings.passwordSet ? '••••••••' : ''}
            onChange={setPassword}
          />
        </div>
        <TextField
          label="Sender address (customers see it and can reply to it)"
          keys="email"
          value={draft.from}
          maxLength={200}
          placeholder="flights@example.com"
          onChange={(from) => change({ from })}
        />
      </section>

      <section className="mail-follow-up" aria-label="Follow-up e-mail">
        <h2>Follow-up to passengers who did not buy</h2>
        <p className="lead">
          One e-mail with a still from their flight, only to passengers who agreed to be contacted.
        </p>
        <Segmented
          label="Follow-up"
          options={[
            { value: 'on', label: 'Send it' },
            { value: 'off', label: 'Do not send' },
          ]}
          value={draft.followUpEnabled ? 'on' : 'off'}
          onChange={(value) => change({ followUpEnabled: value === 'on' })}
        />
        {draft.followUpEnabled && (
          <div className="field">
            <label>Sent this long after the flight</label>
            <Segmented
              label="Sent after"
              options={FOLLOW_UP_HOURS.map((n) => ({ value: String(n), label: `${n} h` }))}
              value={FOLLOW_UP_HOURS.includes(hours) ? String(hours) : null}
              onChange={(value) => change({ followUpHours: Number(value) })}
            />
          </div>
        )}
      </section>

      {settings.configured && <SendTest />}
    </>
  );
}

function SendTest() {
  const { testing, test, sendTest } = useMailStore();
  const [to, setTo] = useState('');
  // The answer shows below the field, often under the fold: it is brought into view when it comes.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (test) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [test]);
  return (
    <section className="mail-test" aria-label="Send a test">
      <h2>Send a test</h2>
      <div className="mail-test-row">
        <TextField
          label="To"
          keys="email"
          value={to}
          maxLength={200}
          placeholder="manager@example.com"
          onChange={setTo}
        />
        <button
          type="button"
          className="button"
          disabled={testing || to.trim() === ''}
          onClick={() => {
            closeKeyboard();
            void sendTest(to.trim());
          }}
        >
          {testing ? 'Sending…' : 'Send a test'}
        </button>
      </div>
      <div ref={outcome} className="mail-test-outcome">
        {testing && (
          <p className="lead" role="status">
            Connecting to the mail server…
          </p>
        )}
        {test?.ok && (
          <p className="notice inline-ok" role="status">
            Sent to {test.result.recipient}. The server answered: {test.result.serverAnswer}
          </p>
        )}
        {test && !test.ok && <ErrorPanel title="The test was not sent" error={test.error} />}
      </div>
    </section>
  );
}
