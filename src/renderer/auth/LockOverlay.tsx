// The idle lock: a screen over the app, not instead of it. Whatever was on screen (a recording running, an
// edit in progress) stays mounted underneath and carries on; the same person's PIN brings it back.
import { useEffect } from 'react';
import { useSessionStore } from './session';
import { ErrorPanel } from '../components/ErrorPanel';
import { PinPad } from '../components/PinPad';
import { RecBar } from '../capture/RecBar';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Locks the screen after `minutes` without a touch or key. */
export function useIdleLock(minutes: number, active: boolean): void {
  const lock = useSessionStore((state) => state.lock);
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(lock, minutes * 60_000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, minutes * 60_000);
    };
    for (const name of ACTIVITY) window.addEventListener(name, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, reset);
    };
  }, [minutes, active, lock]);
}

export function LockOverlay() {
  const { user, busy, error, signIn, signOut } = useSessionStore();
  if (!user) return null;
  return (
    <div className="overlay lock-overlay" role="dialog" aria-modal="true" aria-label="Screen locked">
      <RecBar locked />
      <div className="pin-step">
        <div className="pin-step-side">
          <h1>Locked</h1>
          <p className="lead">
            {user.name}, enter your PIN to carry on. Everything you were doing is still here; recordings keep
            recording.
          </p>
          {error && <ErrorPanel title="Not unlocked" error={error} />}
          <button type="button" className="button" onClick={() => void signOut()}>
            Someone else
          </button>
        </div>
        <PinPad
          label="Enter your PIN"
          submitLabel="Unlock"
          busy={busy}
          onSubmit={(pin) => void signIn(user.id, pin)}
        />
      </div>
    </div>
  );
}
