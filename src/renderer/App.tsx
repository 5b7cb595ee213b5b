import { useEffect, type ReactNode } from 'react';
import { AdminOnly, GroundCrewOnly } from './components/AdminOnly';
import { ErrorBoundary } from './components/ErrorBoundary';
import { LockOverlay, useIdleLock } from './components/LockOverlay';
import { Shell } from './components/Shell';
import { AuditScreen } from './screens/AuditScreen';
import { BundlesScreen } from './screens/BundlesScreen';
import { CheckoutScreen } from './screens/CheckoutScreen';
import { CamerasScreen } from './screens/CamerasScreen';
import { CaptureScreen } from './screens/CaptureScreen';
import { CheckInScreen } from './screens/CheckInScreen';
import { EditScreen } from './screens/EditScreen';
import { FlightsScreen } from './screens/FlightsScreen';
import { HomeScreen } from './screens/HomeScreen';
import { PeopleScreen } from './screens/PeopleScreen';
import { ReportsScreen } from './screens/ReportsScreen';
import { ReceiptScreen } from './screens/ReceiptScreen';
import { ReviewScreen } from './screens/ReviewScreen';
import { SalesScreen } from './screens/SalesScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SignInScreen } from './screens/SignInScreen';
import { TemplatesScreen } from './screens/TemplatesScreen';
import { useCaptureStore } from './stores/capture';
import { announceRecoveries } from './stores/recoveries';
import { useRoute, type Route } from './stores/route';
import { useSessionStore } from './stores/session';

const SCREENS: Record<Route, () => ReactNode> = {
  home: () => <HomeScreen />,
  status: () => <HomeScreen />,
  flights: () => <FlightsScreen />,
  checkin: () => (
    <GroundCrewOnly>
      <CheckInScreen />
    </GroundCrewOnly>
  ),
  capture: () => (
    <GroundCrewOnly>
      <CaptureScreen />
    </GroundCrewOnly>
  ),
  // Anyone signed in: main's row rules decide which flights they can open.
  review: () => <ReviewScreen />,
  edit: () => (
    <GroundCrewOnly>
      <EditScreen />
    </GroundCrewOnly>
  ),
  templates: () => (
    <AdminOnly>
      <TemplatesScreen />
    </AdminOnly>
  ),
  cameras: () => (
    <AdminOnly>
      <CamerasScreen />
    </AdminOnly>
  ),
  people: () => (
    <AdminOnly>
      <PeopleScreen />
    </AdminOnly>
  ),
  audit: () => (
    <AdminOnly>
      <AuditScreen />
    </AdminOnly>
  ),
  settings: () => (
    <AdminOnly>
      <SettingsScreen />
    </AdminOnly>
  ),
  reports: () => (
    <AdminOnly>
      <ReportsScreen />
    </AdminOnly>
  ),
  sales: () => (
    <GroundCrewOnly>
      <SalesScreen />
    </GroundCrewOnly>
  ),
  checkout: () => (
    <GroundCrewOnly>
      <CheckoutScreen />
    </GroundCrewOnly>
  ),
  receipt: () => (
    <GroundCrewOnly>
      <ReceiptScreen />
    </GroundCrewOnly>
  ),
  bundles: () => (
    <AdminOnly>
      <BundlesScreen />
    </AdminOnly>
  ),
};

export function App() {
  const route = useRoute();
  const { user, locked, idleLockMinutes } = useSessionStore();
  useIdleLock(idleLockMinutes, user !== null && !locked);
  const filming = route === 'checkin' || route === 'capture';
  // The cameras are open only on the screens that show them (a take in progress keeps its own).
  useEffect(() => {
    if (!filming) useCaptureStore.getState().releaseCameras();
  }, [filming]);
  const groundCrew = user?.role === 'admin' || user?.role === 'crew';
  useEffect(() => {
    if (groundCrew) void announceRecoveries();
  }, [groundCrew]);

  // Signed out, only the sign-in screen and the kiosk status are reachable.
  const screen = user ? SCREENS[route]() : route === 'status' ? <HomeScreen /> : <SignInScreen />;
  return (
    <Shell>
      <div inert={locked} aria-hidden={locked}>
        <ErrorBoundary>{screen}</ErrorBoundary>
      </div>
      {locked && <LockOverlay />}
    </Shell>
  );
}
