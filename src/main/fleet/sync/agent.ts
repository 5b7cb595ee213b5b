// The sync agent: what pushes the change log to the fleet's central database, in the background, without ever
// holding up the kiosk. Settings, the status strip and "Sync now" talk to it through FleetSyncAgent only.
import type { ConnectionTestResult, SyncStatus } from '../../../shared/fleet';
import { AppFailure } from '../../errors';
import type { SyncStatusWatch } from './status';

export interface FleetSyncAgent {
  /** How syncing stands now, without waiting (the last status read; see status.ts). */
  status(): SyncStatus;
  /** Connects with the saved settings and says in plain words whether this kiosk gets in. */
  testConnection(): Promise<ConnectionTestResult>;
  /** Pushes what waits now; rejects with a plain reason when it cannot. */
  syncNow(): Promise<void>;
}

export const CONNECTION_NOT_BUILT =
  'The central database connection is not built yet: this version of the kiosk keeps its changes and cannot send them.';

/**
 * PLACEHOLDER, replaced by the lead's step of issue 21 (the PostgreSQL writer joined to the change log).
 * It does not connect to anything and must not be presented as working: it reports `configured` and `pending`
 * from the log (honestly: the changes do wait), and answers Test connection and Sync now with
 * CONNECTION_NOT_BUILT. It never records a push or a failure, since nothing was tried.
 */
export function createPlaceholderSyncAgent(watch: SyncStatusWatch): FleetSyncAgent {
  return {
    status: () => watch.current(),
    async testConnection() {
      return { ok: false, message: CONNECTION_NOT_BUILT };
    },
    async syncNow() {
      throw new AppFailure('UNAVAILABLE', CONNECTION_NOT_BUILT);
    },
  };
}
