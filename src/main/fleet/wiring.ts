// How the app puts the fleet pieces together, so app.ts stays a list of services: the sync status the screens
// see, the sync agent that pushes, and the admin's fleet service. The secret boxes are the mail's: one keychain
// and one key file per kiosk seal both passwords. The agent starts here, with the services (it connects only
// once syncing is on and something waits), and stops in close(), after the batch it is sending. The fleet
// report reads through a pool of its own, opened when a report first needs it and again when the address changes.
import type { Logger } from 'pino';
import type { DataAccess } from '../data-access';
import type { EventHub } from '../ipc/events';
import type { SecretBoxes } from '../mail/settings';
import { openCentral, type CentralDb } from './central/connect';
import type { CentralFor } from './report/service';
import { createFleetService, type FleetService } from './service';
import { connectionStringOf, openFleetConnection } from './settings';
import { createFleetSyncAgent, type FleetSyncAgent, type SyncTiming } from './sync/agent';
import { createSyncStatusWatch, type SyncStatusWatch } from './sync/status';

export interface FleetWiring {
  service: FleetService;
  agent: FleetSyncAgent;
  watch: SyncStatusWatch;
  /** The central database for the fleet report: null while no address is saved. */
  centralFor: CentralFor;
  close(): Promise<void>;
}

/** One pool for the saved address, replaced when the address or password changes. */
function reportConnection(data: DataAccess, boxes: SecretBoxes) {
  let open: { url: string; db: CentralDb } | null = null;
  return {
    async centralFor() {
      const connection = await openFleetConnection(data.db(), boxes);
      if (!connection) return null;
      const url = connectionStringOf(connection);
      if (open?.url !== url) {
        const old = open;
        open = { url, db: openCentral(url, { maxConnections: 2 }) };
        await old?.db.destroy().catch(() => undefined);
      }
      return open;
    },
    async close() {
      const old = open;
      open = null;
      await old?.db.destroy().catch(() => undefined);
    },
  };
}

export function wireFleet(options: {
  data: DataAccess;
  dataDir: string;
  logger: Logger;
  events: Pick<EventHub, 'emit'>;
  boxes: SecretBoxes;
  /** The agent's waits and batch size (tests); SYNC_TIMING otherwise. */
  syncTiming?: Partial<SyncTiming>;
}): FleetWiring {
  const { data, dataDir, logger, events, boxes } = options;
  const watch = createSyncStatusWatch({ data, events, logger });
  const agent = createFleetSyncAgent({ data, dataDir, boxes, watch, logger, timing: options.syncTiming });
  const reports = reportConnection(data, boxes);
  return {
    service: createFleetService({ data, dataDir, boxes, agent, watch, logger }),
    agent,
    watch,
    centralFor: reports.centralFor,
    async close() {
      await agent.close();
      await reports.close();
      watch.close();
    },
  };
}
