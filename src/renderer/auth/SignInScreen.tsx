// Sign-in for touch: tap your name, enter your PIN. First start: create the manager account instead.
import { useEffect, useState } from 'react';
import type { PersonTile } from '../../shared/users';
import { ErrorPanel } from '../components/ErrorPanel';
import { PinPad } from '../components/PinPad';
import { StatusStrip } from '../system/StatusStrip';
import { ROLE_LABELS } from '../format';
import { useSessionStore } from './session';
import { SetupScreen } from './SetupScreen';

export function SignInScreen() {
  const { status, resuming, endedByKiosk, error, busy, loadStatus, resume, signIn, clearError } =
    useSessionStore();
  const [chosen, setChosen] = useState<PersonTile | null>(null);
  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);

  // While main checks the session this tab kept, the names are not shown: a reload would flash them.
  if (!status || resuming) {
    return (
      <div className="sign-in">
        {error ? (
          <ErrorPanel
            title="The sign-in screen could not load"
            error={error}
            onAction={() => {
              void resume();
              void loadStatus();
            }}
          />
        ) : (
          <p className="lead">Starting…</p>
        )}
        <StatusStrip />
      </div>
    );
  }
  if (status.needsSetup) return <SetupScreen />;

  const choose = (person: PersonTile | null) => {
    clearError();
    setChosen(person);
  };

  return (
    <div className="sign-in">
      {chosen ? (
        <div className="pin-step">
          <div className="pin-step-side">
            <button type="button" className="button" onClick={() => choose(null)}>
              ← Not {chosen.name.split(' ')[0]}?
            </button>
            <h1>{chosen.name}</h1>
            <p className="lead">{ROLE_LABELS[chosen.role]}</p>
            {error && <ErrorPanel title="Not signed in" error={error} />}
          </div>
          <PinPad
            label="Enter your PIN"
            submitLabel="Sign in"
            busy={busy}
            onSubmit={(pin) => void signIn(chosen.id, pin)}
          />
        </div>
      ) : (
        <>
          <h1>Who is working?</h1>
          {endedByKiosk && (
            <p className="notice notice-warning" role="status">
              You were signed out because your session ended: it ran out of time, or a manager changed your
              PIN or access. Tap your name to sign in again.
            </p>
          )}
          <p className="lead">Tap your name.</p>
          {status.people.length === 0 ? (
            <p className="lead">Nobody can sign in yet. A manager adds people and their PINs.</p>
          ) : (
            <div className="people-grid">
              {status.people.map((person) => (
                <button key={person.id} type="button" className="person-tile" onClick={() => choose(person)}>
                  <span className="person-name">{person.name}</span>
                  <span className="person-role">{ROLE_LABELS[person.role]}</span>
                </button>
              ))}
            </div>
          )}
        </>
      )}
      <StatusStrip />
    </div>
  );
}
