// Admin: "Turn this screen into passenger check-in", with a confirmation that says how to get the screen back.
import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useCrewCheckinStore } from './crew-store';

export function LockScreenButton() {
  const { busy, lockThisScreen } = useCrewCheckinStore();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setAsking(true)}>
        Turn this screen into passenger check-in
      </button>
      {asking && (
        <ConfirmDialog
          title="Turn this screen into passenger check-in?"
          confirmLabel="Turn into check-in"
          cancelLabel="Keep it a staff screen"
          tone="primary"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() => void lockThisScreen().then(() => setAsking(false))}
        >
          <p>
            You will be signed out here, and this screen will show only the passenger form. To get it back,
            tap “Staff” on it and sign in with your name and PIN.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
