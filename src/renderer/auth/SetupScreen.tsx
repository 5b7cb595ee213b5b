// First start: no manager exists yet, so the first person creates one. There is no default PIN anywhere. Or the
// kiosk is a replacement (a new disk, a new machine): then its data comes back from a backup instead.
import { useState } from 'react';
import { FirstStartRestore } from '../backups/FirstStartRestore';
import { ErrorPanel } from '../components/ErrorPanel';
import { PinPad } from '../components/PinPad';
import { StatusStrip } from '../system/StatusStrip';
import { TextField } from '../components/TextField';
import { useSessionStore } from './session';

type Step = { kind: 'name' } | { kind: 'pin' } | { kind: 'confirm'; pin: string } | { kind: 'restore' };

export function SetupScreen() {
  const { setup, busy, error } = useSessionStore();
  const [name, setName] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'name' });
  const [mismatch, setMismatch] = useState(false);

  if (step.kind === 'restore') {
    return (
      <div className="sign-in">
        <FirstStartRestore onCancel={() => setStep({ kind: 'name' })} />
        <StatusStrip />
      </div>
    );
  }

  return (
    <div className="sign-in">
      <h1>Set up this kiosk</h1>
      <p className="lead">
        Create the manager account. Managers add ground crew and pilots, set prices and see reports.
      </p>
      {error && <ErrorPanel title="The manager account was not created" error={error} />}
      {step.kind === 'name' && (
        <div className="setup-name">
          <TextField label="Manager's name" value={name} onChange={setName} placeholder="e.g. Maria Lopez" />
          <button
            type="button"
            className="button button-primary"
            disabled={name.trim().length === 0}
            onClick={() => setStep({ kind: 'pin' })}
          >
            Next: choose a PIN
          </button>
          <p className="lead">
            Replacing a kiosk, or its disk? Bring its people, flights and sales back instead:
          </p>
          <button type="button" className="button" onClick={() => setStep({ kind: 'restore' })}>
            Restore from a backup
          </button>
        </div>
      )}
      {step.kind === 'pin' && (
        <div className="pin-step">
          <div className="pin-step-side">
            <button type="button" className="button" onClick={() => setStep({ kind: 'name' })}>
              ← Back
            </button>
            <h2>{name.trim()}</h2>
            <p className="lead">Choose a PIN of 4 to 8 digits that only you know.</p>
            {mismatch && <p className="inline-error">The two PINs were different. Choose a PIN again.</p>}
          </div>
          <PinPad
            label="Choose a PIN"
            submitLabel="Next"
            onSubmit={(pin) => {
              setMismatch(false);
              setStep({ kind: 'confirm', pin });
            }}
          />
        </div>
      )}
      {step.kind === 'confirm' && (
        <div className="pin-step">
          <div className="pin-step-side">
            <h2>{name.trim()}</h2>
            <p className="lead">Enter the same PIN again.</p>
          </div>
          <PinPad
            label="Enter the PIN again"
            submitLabel="Create manager"
            busy={busy}
            onSubmit={(pin) => {
              if (pin !== step.pin) {
                setMismatch(true);
                setStep({ kind: 'pin' });
                return;
              }
              void setup(name.trim(), pin);
            }}
          />
        </div>
      )}
      <StatusStrip />
    </div>
  );
}
