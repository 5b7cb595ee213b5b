// Which screen is showing, kept in the URL hash so a reload returns to the same screen.
import { useSyncExternalStore } from 'react';

export type Route = 'home' | 'flights' | 'people' | 'audit' | 'settings' | 'status';

const ROUTES: readonly Route[] = ['home', 'flights', 'people', 'audit', 'settings', 'status'];

/** Screens only an admin may open; anyone else is shown why not. */
export const ADMIN_ROUTES: readonly Route[] = ['people', 'audit', 'settings'];

function current(): Route {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'home';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}

export function navigate(route: Route): void {
  window.location.hash = `#/${route}`;
}
