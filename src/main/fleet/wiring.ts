// How the app puts the fleet pieces together, so app.ts stays a list of services: the sync status the screens
// see, the sync agent that pushes, and the admin's fleet service. The secret boxes are the mail's: one keychain
// and one key file per kiosk seal both passwords.
import type { Logger } from 'pino';
import type { DataAccess } from '../data-access';
import type { EventHub } from '../ipc/events';
import type { SecretBoxes } from '../mail/settings';
import { createFleetService, type FleetService } from './service';
import { createPlaceholderSyncAgent, type FleetSyncAgent } from './sync/agent';
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
}): FleetWiring {
  const { data, dataDir, logger, events, boxes } = options;
  const watch = createSyncStatusWatch({ data, events, logger });
  // PLACEHOLDER until the lead's step of issue 21: the agent that really pushes replaces this line.
  const agent = createPlaceholderSyncAgent(watch);
  return {
    service: createFleetService({ data, dataDir, boxes, agent, watch, logger }),
    agent,
    watch,
    async close() {
      watch.close();
    },
  };
}
