import type { ReactNode } from 'react';
import { navigate } from './route';
import { useSessionStore } from '../auth/session';

/** Admin screens say plainly why someone else cannot use them; main refuses their calls as well. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const role = useSessionStore((state) => state.user?.role);
  if (role === 'admin') return <>{children}</>;
  return (
    <section className="error-panel" role="alert">
      <h2>This screen is for managers</h2>
      <p>Ask a manager to sign in if something here needs changing.</p>
      <button type="button" className="button button-primary" onClick={() => navigate('home')}>
        Back to home
      </button>
    </section>
  );
}

/** Filming is ground crew's job (managers too); pilots review footage but do not record. */
export function GroundCrewOnly({ children }: { children: ReactNode }) {
  const role = useSessionStore((state) => state.user?.role);
  if (role === 'admin' || role === 'crew') return <>{children}</>;
  return (
    <section className="error-panel" role="alert">
      <h2>This screen is for the ground crew</h2>
      <p>Pilots can watch their flights from the flights list.</p>
      <button type="button" className="button button-primary" onClick={() => navigate('flights')}>
        Back to flights
      </button>
    </section>
  );
}
