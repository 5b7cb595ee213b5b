// How the app puts the fleet pieces together, so app.ts stays a list of services: the sync status the screens
// see, the sync agent that pushes, and the admin's fleet service. The secret boxes are the mail's: one keychain
// and one key file per kiosk seal both passwords. The agent starts here, with the services (it connects only
// once syncing is on and something waits), and stops in close(), after the batch it is sending.
import type { Logger } from 'pino';
import type { DataAccess } from '../data-access';
import type { EventHub } from '../ipc/events';
import type { SecretBoxes } from '../mail/settings';
import { createFleetService, type FleetService } from './service';
import { createFleetSyncAgent, type FleetSyncAgent, type SyncTiming } from './sync/agent';
import { createSyncStatusWatch, type SyncStatusWatch } from './sync/status';

export interface FleetWiring {
  service: FleetService;
  agent: FleetSyncAgent;
  watch: SyncStatusWatch;
  close(): Promise<void>;
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
  return {
    service: createFleetService({ data, dataDir, boxes, agent, watch, logger }),
    agent,
    watch,
    async close() {
      await agent.close();
      watch.close();
    },
  };
}
