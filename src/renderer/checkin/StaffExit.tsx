// Leaving the check-in screen: a staff member signs in with name and PIN (the normal sign-in screen); once
// signed in, main revokes this screen's token and the screen is a staff screen again.
import { useEffect, useState } from 'react';
import type { AppError } from '../../shared/errors';
import { SignInScreen } from '../auth/SignInScreen';
import { useSessionStore } from '../auth/session';
import { ErrorPanel } from '../components/ErrorPanel';
import { callMagnum } from '../shell/call';
import { usePassengerStore } from './passenger-store';
import { useCheckinDevice } from './device';

export function StaffExit({ onBack }: { onBack(): void }) {
  const user = useSessionStore((state) => state.user);
  const { token, forget } = useCheckinDevice();
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!user || !token) return;
    void (async () => {
      const result = await callMagnum((magnum) => magnum.checkin.unlockScreen({ deviceToken: token }));
      if (!result.ok) return setError(result.error);
      // Nothing of a passenger stays in memory for the staff screen either.
      usePassengerStore.getState().reset();
      forget();
    })();
  }, [user, token, forget]);

  return (
    <div className="passenger-staff-exit">
      <div className="passenger-header">
        <h1>Staff: sign in to leave passenger check-in</h1>
        <button type="button" className="button" onClick={onBack}>
          Back to check-in
        </button>
      </div>
      {error && <ErrorPanel title="The screen is still a check-in screen" error={error} />}
      <SignInScreen />
    </div>
  );
}
