// Which screen is showing, kept in the URL hash so a reload returns to the same screen.
import { useSyncExternalStore } from 'react';

export type Route =
  | 'home'
  | 'flights'
  | 'checkin'
  | 'capture'
  | 'review'
  | 'edit'
  | 'templates'
  | 'cameras'
  | 'people'
  | 'audit'
  | 'settings'
  | 'status'
  | 'sales'
  | 'checkout'
  | 'receipt'
  | 'bundles'
  | 'pricing'
  | 'reports'
  | 'backups'
  | 'health'
  | 'problems'
  | 'storage'
  | 'mail'
  | 'waiver'
  /** The customer-facing second screen: no navigation, only the receipt's QR (delivery/CustomerScreen.tsx). */
  | 'customer-screen';

const ROUTES: readonly Route[] = [
  'home',
  'flights',
  'checkin',
  'capture',
  'review',
  'edit',
  'templates',
  'cameras',
  'people',
  'audit',
  'settings',
  'status',
  'sales',
  'checkout',
  'receipt',
  'bundles',
  'pricing',
  'reports',
  'backups',
  'health',
  'problems',
  'storage',
  'mail',
  'waiver',
  'customer-screen',
];

/** Screens only an admin may open; anyone else is shown why not. */
export const ADMIN_ROUTES: readonly Route[] = [
  'people',
  'audit',
  'settings',
  'cameras',
  'templates',
  'bundles',
  'pricing',
  'reports',
  'backups',
  'health',
  'problems',
  'storage',
  'mail',
  'waiver',
];

/** `#/capture/<id>` → ['capture', '<id>']. */
function hashParts(): [string, string | null] {
  const [name = '', param] = window.location.hash.replace(/^#\/?/, '').split('/');
  return [name, param ? decodeURIComponent(param) : null];
}

function current(): Route {
  const [name] = hashParts();
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'home';
}

/** The id after the screen's name, e.g. the flight on `#/capture/<id>`; null when there is none. */
export function useRouteParam(): string | null {
  return useSyncExternalStore(subscribe, () => hashParts()[1]);
}

/** Listeners told of a route change that fires no hashchange (resetRoute replaces the history entry). */
const routeListeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  routeListeners.add(onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    routeListeners.delete(onChange);
  };
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}

export function navigate(route: Route, param?: string): void {
  window.location.hash = param ? `#/${route}/${encodeURIComponent(param)}` : `#/${route}`;
}

/**
 * Back to where a person starts: the address without a screen, which is the home screen once signed in. Used
 * when a session ends and when someone signs in, so that nobody starts on the previous person's screen. It
 * replaces the history entry rather than adding one.
 */
export function resetRoute(): void {
  if (!window.location.hash) return;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  for (const onChange of routeListeners) onChange();
}
