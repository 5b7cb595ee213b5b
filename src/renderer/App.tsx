import { useEffect, type ReactNode } from 'react';
import { AdminOnly, GroundCrewOnly } from './shell/AdminOnly';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { LockOverlay, useIdleLock } from './auth/LockOverlay';
import { Shell } from './shell/Shell';
import { AuditScreen } from './audit/AuditScreen';
import { BackupsScreen } from './backups/BackupsScreen';
import { MailScreen } from './mail/MailScreen';
import { RecoveryScreen } from './backups/RecoveryScreen';
import { BundlesScreen } from './bundles/BundlesScreen';
import { PriceRulesScreen } from './pricing/PriceRulesScreen';
import { CheckoutScreen } from './sales/CheckoutScreen';
import { CamerasScreen } from './devices/CamerasScreen';
import { CaptureScreen } from './capture/CaptureScreen';
import { CheckInScreen } from './recordings/CheckInScreen';
import { CustomerScreen } from './delivery/CustomerScreen';
import { EditScreen } from './editor/EditScreen';
import { FlightsScreen } from './recordings/FlightsScreen';
import { HealthScreen } from './health/HealthScreen';
import { HomeScreen } from './system/HomeScreen';
import { PeopleScreen } from './users/PeopleScreen';
import { ProblemsScreen } from './problems/ProblemsScreen';
import { ReportsScreen } from './reports/ReportsScreen';
import { ReceiptScreen } from './sales/ReceiptScreen';
import { ReviewScreen } from './recordings/ReviewScreen';
import { SalesScreen } from './sales/SalesScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { SignInScreen } from './auth/SignInScreen';
import { StorageScreen } from './storage/StorageScreen';
import { TemplatesScreen } from './templates/TemplatesScreen';
import { PassengerCheckinScreen } from './checkin/PassengerCheckinScreen';
import { WaiverScreen } from './checkin/WaiverScreen';
import { useCheckinDevice } from './checkin/device';
import { useCaptureStore } from './capture/store';
import { announceRecoveries } from './capture/recoveries';
import { useRoute, type Route } from './shell/route';
import { useSessionStore } from './auth/session';
import { useSystemStore } from './system/store';

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
  pricing: () => (
    <AdminOnly>
      <PriceRulesScreen />
    </AdminOnly>
  ),
  health: () => (
    <AdminOnly>
      <HealthScreen />
    </AdminOnly>
  ),
  problems: () => (
    <AdminOnly>
      <ProblemsScreen />
    </AdminOnly>
  ),
  storage: () => (
    <AdminOnly>
      <StorageScreen />
    </AdminOnly>
  ),
  backups: () => (
    <AdminOnly>
      <BackupsScreen />
    </AdminOnly>
  ),
  'customer-screen': () => (
    <GroundCrewOnly>
      <CustomerScreen />
    </GroundCrewOnly>
  ),
  mail: () => (
    <AdminOnly>
      <MailScreen />
    </AdminOnly>
  ),
  waiver: () => (
    <AdminOnly>
      <WaiverScreen />
    </AdminOnly>
  ),
};

export function App() {
  const route = useRoute();
  const { user, locked, idleLockMinutes, resume } = useSessionStore();
  // A reload carries on with this tab's session, on the screen in the address, until main says otherwise.
  useEffect(() => {
    void resume();
  }, [resume]);
  // Nobody touches the customer screen, and a PIN pad must never face the customer: it does not lock.
  const customerScreen = route === 'customer-screen';
  useIdleLock(idleLockMinutes, user !== null && !locked && !customerScreen);
  const filming = route === 'checkin' || route === 'capture';
  // The cameras are open only on the screens that show them (a take in progress keeps its own).
  useEffect(() => {
    if (!filming) useCaptureStore.getState().releaseCameras();
  }, [filming]);
  const groundCrew = user?.role === 'admin' || user?.role === 'crew';
  useEffect(() => {
    if (groundCrew) void announceRecoveries();
  }, [groundCrew]);

  // A damaged database: nobody can sign in, so the recovery screen (restore the last backup) comes first.
  const database = useSystemStore((state) => state.info?.database);
  const loadSystem = useSystemStore((state) => state.load);
  useEffect(() => {
    void loadSystem();
  }, [loadSystem]);

  // A passenger check-in screen shows the form alone: no shell, no navigation, no staff notices.
  const checkinDevice = useCheckinDevice((state) => state.token);
  if (checkinDevice) return <PassengerCheckinScreen />;

  // Signed out, only the sign-in screen and the kiosk status are reachable.
  const screen =
    database?.state === 'damaged' && route !== 'status' ? (
      <RecoveryScreen database={database} />
    ) : user ? (
      SCREENS[route]()
    ) : route === 'status' ? (
      <HomeScreen />
    ) : (
      <SignInScreen />
    );
  // The customer screen has no navigation, notices or lock: it stands alone once someone of the crew signed in.
  if (customerScreen && user && !locked && database?.state !== 'damaged') {
    return <ErrorBoundary>{screen}</ErrorBoundary>;
  }
  return (
    <Shell>
      <div inert={locked} aria-hidden={locked}>
        <ErrorBoundary>{screen}</ErrorBoundary>
      </div>
      {locked && <LockOverlay />}
    </Shell>
  );
}
