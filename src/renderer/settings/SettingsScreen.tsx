// Admin: how long a sign-in lasts, how soon an untouched screen locks, the shortest scene, the free disk
// recording needs, videos made at once, photos per flight, how long a download QR code works, the operator's
// name; and the ways to the camera setup and the templates.
import { useEffect, useState } from 'react';
import { ErrorPanel } from '../components/ErrorPanel';
import { TextField } from '../components/TextField';
import { navigate } from '../shell/route';
import type { KioskSettings } from '../../shared/settings';
import { useSettingsStore } from './store';

const STEPPERS: Array<{
  name: Exclude<keyof KioskSettings, 'operatorName'>;
  label: string;
  unit: string;
  min: number;
  max: number;
  step: number;
}> = [
  {
    name: 'idleLockMinutes',
    label: 'Lock the screen after no touch for',
    unit: 'minutes',
    min: 1,
    max: 120,
    step: 1,
  },
  { name: 'sessionHours', label: 'A sign-in lasts', unit: 'hours', min: 1, max: 72, step: 1 },
  { name: 'minSceneSeconds', label: 'A scene must run at least', unit: 'seconds', min: 1, max: 600, step: 5 },
  { name: 'minFreeDiskGb', label: 'Recording needs free disk of', unit: 'GB', min: 1, max: 500, step: 1 },
  { name: 'exportConcurrency', label: 'Videos made at once', unit: 'at a time', min: 1, max: 4, step: 1 },
  { name: 'photoCount', label: 'Photos taken from a flight', unit: 'photos', min: 1, max: 30, step: 1 },
  {
    name: 'downloadLinkHours',
    label: 'A download QR code works for',
    unit: 'hours',
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
      <div className="screen-heading">
        <h1>Settings</h1>
        <div className="heading-actions">
          <button type="button" className="button" onClick={() => navigate('cameras')}>
            Camera setup →
          </button>
          <button type="button" className="button" onClick={() => navigate('templates')}>
            Templates →
          </button>
          <button type="button" className="button" onClick={() => navigate('bundles')}>
            Bundles and prices →
          </button>
        </div>
      </div>
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
          <button
            type="button"
            className="button button-primary"
            onClick={() => void save({ ...settings, ...draft })}
          >
            Save settings
          </button>
          {saved && <p className="inline-ok">Saved.</p>}
        </div>
      )}
    </div>
  );
}

function Stepper(props: {
  label: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(n: number): void;
}) {
  const { label, unit, value, min, max, step, onChange } = props;
  return (
    <div className="stepper" role="group" aria-label={label}>
      <span className="stepper-label">{label}</span>
      <button
        type="button"
        className="button"
        aria-label={`Less: ${label}`}
        disabled={value <= min}
        onClick={() => onChange(Math.max(min, value - step))}
      >
        −
      </button>
      <output className="stepper-value">
        {value} {unit}
      </output>
      <button
        type="button"
        className="button"
        aria-label={`More: ${label}`}
        disabled={value >= max}
        onClick={() => onChange(Math.min(max, value + step))}
      >
        +
      </button>
    </div>
  );
}
