// Admin: how long a sign-in lasts, how soon an untouched screen locks, the shortest scene, the free disk
// recording needs, videos made at once, photos per flight, how long a download QR code works, the operator's
// name, whether videos make themselves, whether filming needs a signed waiver, whether the desktop app starts
// with the computer; the fleet's central database (fleet/FleetSection.tsx); and the ways to the camera setup, the
// templates and the other admin screens.
import { useEffect, useState } from 'react';
import { ErrorPanel } from '../components/ErrorPanel';
import { FleetSection } from '../fleet/FleetSection';
import { Segmented } from '../components/Segmented';
import { TextField } from '../components/TextField';
import { navigate } from '../shell/route';
import type { KioskSettings, SettingsView } from '../../shared/settings';
import { useSettingsStore } from './store';
import { stepValue, type StepRange } from './stepper';
import { plural } from '../format';

const STEPPERS: Array<
  StepRange & {
    name: Exclude<keyof KioskSettings, 'operatorName' | 'autoMakeVideo' | 'requireWaiver' | 'startAtLogin'>;
    label: string;
    /** The value with its unit: "1 minute", "15 minutes". */
    show(value: number): string;
  }
> = [
  {
    name: 'idleLockMinutes',
    label: 'Lock the screen after no touch for',
    show: (n) => plural(n, 'minute'),
    min: 1,
    max: 120,
    step: 1,
  },
  {
    name: 'sessionHours',
    label: 'A sign-in lasts',
    show: (n) => plural(n, 'hour'),
    min: 1,
    max: 72,
    step: 1,
  },
  {
    name: 'minSceneSeconds',
    label: 'A scene must run at least',
    show: (n) => plural(n, 'second'),
    min: 1,
    max: 600,
    step: 5,
  },
  {
    name: 'minFreeDiskGb',
    label: 'Recording needs free disk of',
    show: (n) => `${n} GB`,
    min: 1,
    max: 500,
    step: 1,
  },
  {
    name: 'exportConcurrency',
    label: 'Videos made at once',
    show: (n) => `${n} at a time`,
    min: 1,
    max: 4,
    step: 1,
  },
  {
    name: 'photoCount',
    label: 'Photos taken from a flight',
    show: (n) => plural(n, 'photo'),
    min: 1,
    max: 30,
    step: 1,
  },
  {
    name: 'downloadLinkHours',
    label: 'A download QR code works for',
    show: (n) => plural(n, 'hour'),
    min: 1,
    max: 168,
    step: 1,
  },
];

export function SettingsScreen() {
  const { settings, error, saved, load, save } = useSettingsStore();
  const [draft, setDraft] = useState<Partial<KioskSettings>>({});
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="admin-screen">
      <h1>Settings</h1>
      {/* The screens Settings leads to: as many as there are, on as many rows as they need. */}
      <nav className="settings-links" aria-label="More settings">
        <button type="button" className="button" onClick={() => navigate('cameras')}>
          Camera setup →
        </button>
        <button type="button" className="button" onClick={() => navigate('templates')}>
          Templates →
        </button>
        <button type="button" className="button" onClick={() => navigate('bundles')}>
          Bundles and prices →
        </button>
        <button type="button" className="button" onClick={() => navigate('backups')}>
          Backups →
        </button>
        <button type="button" className="button" onClick={() => navigate('health')}>
          Kiosk health →
        </button>
        <button type="button" className="button" onClick={() => navigate('storage')}>
          Storage →
        </button>
        <button type="button" className="button" onClick={() => navigate('mail')}>
          E-mail →
        </button>
        <button type="button" className="button" onClick={() => navigate('waiver')}>
          Passenger check-in and waiver →
        </button>
      </nav>
      {error && <ErrorPanel title="Settings were not saved" error={error} />}
      {settings && (
        <div className="settings">
          {STEPPERS.map((stepper) => (
            <Stepper
              key={stepper.name}
              {...stepper}
              value={draft[stepper.name] ?? settings[stepper.name]}
              onChange={(value) => setDraft((current) => ({ ...current, [stepper.name]: value }))}
            />
          ))}
          <TextField
            label="Operator name (on the title card, under the passengers’ names)"
            value={draft.operatorName ?? settings.operatorName}
            maxLength={60}
            placeholder="For example: Alpine Scenic Flights"
            onChange={(operatorName) => setDraft((current) => ({ ...current, operatorName }))}
          />
          <div className="field">
            <label>Make the video by itself when every slot has footage</label>
            <Segmented
              label="Make the video by itself"
              options={[
                { value: 'on', label: 'Yes, when the last scene stops' },
                { value: 'off', label: 'No, the crew tap Export' },
              ]}
              value={(draft.autoMakeVideo ?? settings.autoMakeVideo) ? 'on' : 'off'}
              onChange={(value) => setDraft((current) => ({ ...current, autoMakeVideo: value === 'on' }))}
            />
          </div>
          <div className="field">
            <label>Filming needs a waiver the passengers signed at check-in</label>
            <Segmented
              label="Filming needs a signed waiver"
              options={[
                { value: 'off', label: 'No, film any flight' },
                { value: 'on', label: 'Yes, only signed flights' },
              ]}
              value={(draft.requireWaiver ?? settings.requireWaiver) ? 'on' : 'off'}
              onChange={(value) => setDraft((current) => ({ ...current, requireWaiver: value === 'on' }))}
            />
          </div>
          <StartAtLoginField
            settings={settings}
            value={draft.startAtLogin ?? settings.startAtLogin}
            onChange={(startAtLogin) => setDraft((current) => ({ ...current, startAtLogin }))}
          />
          <div className="sticky-actions settings-actions">
            {saved && <p className="inline-ok">Saved.</p>}
            <button
              type="button"
              className="button button-primary"
              onClick={() => void save({ ...storedSettings(settings), ...draft })}
            >
              Save settings
            </button>
          </div>
        </div>
      )}
      <FleetSection />
    </div>
  );
}

/** The stored values only: what the computer made of start at login is not a setting to send back. */
function storedSettings(view: SettingsView): KioskSettings {
  const { startAtLoginStatus: _status, ...settings } = view;
  return settings;
}

/** Start at login: the desktop app registers itself with the computer; the browser kiosk host cannot. */
function StartAtLoginField(props: { settings: SettingsView; value: boolean; onChange(on: boolean): void }) {
  const { supported, problem } = props.settings.startAtLoginStatus;
  return (
    <div className="field">
      <label>Start MagnumStream when this computer starts</label>
      <Segmented
        label="Start MagnumStream when this computer starts"
        options={[
          { value: 'off', label: 'No, start it by hand' },
          { value: 'on', label: 'Yes, after every restart' },
        ]}
        value={props.value ? 'on' : 'off'}
        disabled={!supported}
        onChange={(value) => props.onChange(value === 'on')}
      />
      {!supported && (
        <p className="hint">
          Only the desktop app can start with the computer. This kiosk runs in a browser: start its host the
          way it was set up.
        </p>
      )}
      {problem && (
        <div className="notice notice-warning" role="alert">
          <p>{problem}</p>
        </div>
      )}
    </div>
  );
}

function Stepper(
  props: StepRange & {
    label: string;
    value: number;
    show(value: number): string;
    onChange(n: number): void;
  },
) {
  const { label, value, min, max, show, onChange } = props;
  return (
    <div className="stepper" role="group" aria-label={label}>
      <span className="stepper-label">{label}</span>
      <button
        type="button"
        className="button"
        aria-label={`Less: ${label}`}
        disabled={value <= min}
        onClick={() => onChange(stepValue(value, -1, props))}
      >
        −
      </button>
      <output className="stepper-value">{show(value)}</output>
      <button
        type="button"
        className="button"
        aria-label={`More: ${label}`}
        disabled={value >= max}
        onClick={() => onChange(stepValue(value, 1, props))}
      >
        +
      </button>
    </div>
  );
}
