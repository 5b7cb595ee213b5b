import { useEffect, useState, type ReactNode } from 'react';
import type { UserRole } from '../../shared/contract';
import { ROLE_LABELS } from '../format';
import { navigate, useRoute, type Route } from './route';
import { useSessionStore } from '../auth/session';
import { NoticeBar } from './NoticeBar';
import { RecBar } from '../capture/RecBar';
import { useTakeInProgress } from '../capture/scenes';
import { SCENE_LABELS } from '../capture/store';
import { ConfirmDialog } from '../components/ConfirmDialog';

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Screens reached from a tab's screen keep that tab lit, so the admin knows where they are. */
const OPENED_FROM: Partial<Record<Route, Route>> = {
  cameras: 'settings',
  checkin: 'flights',
  capture: 'flights',
  review: 'flights',
  edit: 'flights',
  templates: 'settings',
  bundles: 'settings',
  pricing: 'settings',
  backups: 'settings',
  storage: 'settings',
  checkout: 'sales',
  receipt: 'sales',
  health: 'settings',
  problems: 'settings',
  mail: 'settings',
  waiver: 'settings',
};

/** Who sees a tab: everyone signed in, the ground crew (admins and crew), or admins. */
const TABS: Array<{ route: Route; label: string; roles: readonly UserRole[] }> = [
  { route: 'home', label: 'Home', roles: ['admin', 'crew', 'pilot'] },
  { route: 'flights', label: 'Flights', roles: ['admin', 'crew', 'pilot'] },
  { route: 'sales', label: 'Sales', roles: ['admin', 'crew'] },
  { route: 'reports', label: 'Reports', roles: ['admin'] },
  { route: 'people', label: 'People', roles: ['admin'] },
  { route: 'audit', label: 'Audit log', roles: ['admin'] },
  { route: 'settings', label: 'Settings', roles: ['admin'] },
];

/** The frame around every screen: name, clock, who is signed in, and where they can go. */
export function Shell({ children }: { children: ReactNode }) {
  const now = useClock();
  const openRoute = useRoute();
  const route = OPENED_FROM[openRoute] ?? openRoute;
  const { user, locked, lock, signOut } = useSessionStore();
  const take = useTakeInProgress();
  const [signOutBlocked, setSignOutBlocked] = useState(false);
  // A take belongs to this screen's session: signed out, its chunks would be refused and the next person could
  // not stop it. So sign-out waits for the take to end; Lock keeps it recording.
  const trySignOut = () => (take ? setSignOutBlocked(true) : void signOut());
  return (
    <div className="shell">
      <header className="top-bar">
        <span className="wordmark">
          Magnum<strong>Stream</strong>
        </span>
        <div className="top-bar-right">
          {user && (
            <>
              <span className="user-chip" aria-label="Signed in as">
                {user.name} <small>{ROLE_LABELS[user.role]}</small>
              </span>
              <button type="button" className="button button-dark" onClick={lock}>
                Lock
              </button>
              <button type="button" className="button button-dark" onClick={trySignOut}>
                Sign out
              </button>
            </>
          )}
          <time className="clock" dateTime={now.toISOString()}>
            {now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
          </time>
        </div>
      </header>
      {user && (
        <nav className="tab-bar" aria-label="Screens">
          {TABS.filter((tab) => tab.roles.includes(user.role)).map((tab) => (
            <button
              key={tab.route}
              type="button"
              className={route === tab.route ? 'tab selected' : 'tab'}
              aria-current={route === tab.route ? 'page' : undefined}
              onClick={() => navigate(tab.route)}
            >
              {tab.label}
            </button>
          ))}
        </nav>
      )}
      {/* A take still filming from another screen; the lock screen draws its own over everything. */}
      {user && !locked && <RecBar />}
      <NoticeBar />
      <main className="screen">{children}</main>
      {signOutBlocked && take && (
        <ConfirmDialog
          title="Stop filming before signing out"
          confirmLabel="Back to filming"
          tone="primary"
          onCancel={() => setSignOutBlocked(false)}
          onConfirm={() => {
            setSignOutBlocked(false);
            navigate('capture', take.recordingId);
          }}
        >
          {SCENE_LABELS[take.sceneType]} of {take.passengerNames} is still being filmed on this screen. Stop
          and save it (or throw it away) first; to step away while it films, tap Lock instead.
        </ConfirmDialog>
      )}
    </div>
  );
}
