// The admin's fleet setup: read and save the central database's address (the password only ever goes in),
// test it, push now; and how syncing stands, for every screen. The pushing itself is the sync agent's.
import type { Logger } from 'pino';
import { writeAuditLog } from '../../../db/audit';
import type { ConnectionTestResult, FleetSettingsView, SyncStatus } from '../../shared/fleet';
import type { DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import type { SecretBoxes } from '../mail/settings';
import { readFleetSettings, saveFleetSettings, typesPassword, type FleetSettingsInput } from './settings';
import { readStationIdentity } from './station';
import type { FleetSyncAgent } from './sync/agent';
import { plainFailure } from './sync/change-log';
import type { SyncStatusWatch } from './sync/status';

export interface FleetServiceOptions {
  data: DataAccess;
  dataDir: string;
  boxes: SecretBoxes;
  agent: FleetSyncAgent;
  watch: SyncStatusWatch;
  logger: Logger;
}

export interface FleetService {
  settings(): Promise<FleetSettingsView>;
  saveSettings(input: FleetSettingsInput, by: string): Promise<FleetSettingsView>;
  testConnection(by: string): Promise<ConnectionTestResult>;
  syncNow(by: string): Promise<SyncStatus>;
  status(): Promise<SyncStatus>;
}

export function createFleetService(options: FleetServiceOptions): FleetService {
  const { data, dataDir, boxes, agent, watch, logger } = options;
  const settings = async () => {
    const db = data.db();
    return readFleetSettings(db, await readStationIdentity(db, dataDir));
  };
  /** Read again now, so the screens hear at once that syncing was switched or the log changed. */
  const refreshed = async () => {
    await watch.refresh().catch((error: unknown) => {
      logger.warn({ err: error }, 'could not read the sync status');
    });
    return agent.status();
  };

  return {
    settings,
    async saveSettings(input, by) {
      const station = await readStationIdentity(data.db(), dataDir);
      // What changed, never the password: it must not reach the log or the audit trail (which the fleet
      // receives too).
      const saved = await data
        .db()
        .transaction()
        .execute(async (trx) => {
          const before = await readFleetSettings(trx, station);
          await saveFleetSettings(trx, boxes, input, by, data.now());
          const after = await readFleetSettings(trx, station);
          const summary = (view: FleetSettingsView) => ({
            address: view.address,
            enabled: view.enabled,
            airfieldName: view.airfieldName,
            passwordSet: view.passwordSet,
          });
          await writeAuditLog(trx, {
            userId: by,
            action: 'fleet.settings_saved',
            entityType: 'fleet_settings',
            entityId: '1',
            before: before.configured ? summary(before) : null,
            after: { ...summary(after), passwordChanged: !!input.clearPassword || typesPassword(input) },
          });
          return after;
        });
      logger.info(
        { by, host: saved.host, port: saved.port, database: saved.database, enabled: saved.enabled },
        'fleet settings saved',
      );
      await refreshed();
      return saved;
    },
    async testConnection(by) {
      if (!(await settings()).configured) {
        throw new AppFailure('CONFLICT', 'Save the central database’s address first, then test it.');
      }
      const result = await agent.testConnection();
      logger.info({ by, ok: result.ok, message: plainFailure(result.message) }, 'fleet connection tested');
      return result;
    },
    async syncNow(by) {
      if (!(await refreshed()).configured) {
        throw new AppFailure('CONFLICT', 'Syncing is off. Save the central database with syncing on first.');
      }
      try {
        await agent.syncNow();
        logger.info({ by }, 'fleet sync started by hand');
      } catch (error) {
        const reason = plainFailure((error as Error).message);
        logger.info({ by, reason }, 'fleet sync by hand did not go through');
        if (error instanceof AppFailure) throw error;
        throw new AppFailure('UNAVAILABLE', reason);
      } finally {
        await refreshed();
      }
      return agent.status();
    },
    status: refreshed,
  };
}
