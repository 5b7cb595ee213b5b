// Admin: how long a sign-in lasts and how soon an untouched screen locks; the way to the camera setup.
import { useEffect, useState } from 'react';
import { ErrorPanel } from '../components/ErrorPanel';
import { navigate } from '../stores/route';
import { useSettingsStore } from '../stores/settings';

export function SettingsScreen() {
  const { settings, error, saved, load, save } = useSettingsStore();
  const [idle, setIdle] = useState<number | null>(null);
  const [hours, setHours] = useState<number | null>(null);
  useEffect(() => {
    void load();
  }, [load]);

  const idleValue = idle ?? settings?.idleLockMinutes ?? 10;
  const hoursValue = hours ?? settings?.sessionHours ?? 12;
  return (
    <div className="admin-screen">
      <div className="screen-heading">
        <h1>Settings</h1>
        <button type="button" className="button" onClick={() => navigate('cameras')}>
          Camera setup →
        </button>
      </div>
      {error && <ErrorPanel title="Settings were not saved" error={error} />}
      {settings && (
        <div className="settings">
          <Stepper
            label="Lock the screen after no touch for"
            unit="minutes"
            value={idleValue}
            min={1}
            max={120}
            onChange={setIdle}
          />
          <Stepper
            label="A sign-in lasts"
            unit="hours"
            value={hoursValue}
            min={1}
            max={72}
            onChange={setHours}
          />
          <button
            type="button"
            className="button button-primary"
            onClick={() => void save({ idleLockMinutes: idleValue, sessionHours: hoursValue })}
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
  onChange(n: number): void;
}) {
  const { label, unit, value, min, max, onChange } = props;
  return (
    <div className="stepper" role="group" aria-label={label}>
      <span className="stepper-label">{label}</span>
      <button
        type="button"
        className="button"
        aria-label={`Less: ${label}`}
        disabled={value <= min}
        onClick={() => onChange(value - 1)}
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
        onClick={() => onChange(value + 1)}
      >
        +
      </button>
    </div>
  );
}
