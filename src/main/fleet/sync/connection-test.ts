// "Test connection" in Settings → Central database: connects with the saved settings (its own short-lived
// connection, whatever the agent is doing), checks the schema, reads this station's cursor as the station (so
// the kiosks' role and the row rules let it in), and says what it found in plain words, never the password.
import type { ConnectionTestResult } from '../../../shared/fleet';
import type { DataAccess } from '../../data-access';
import { AppFailure } from '../../errors';
import type { SecretBoxes } from '../../mail/settings';
import { checkCentralSchema, describeUrl, explainCentralError, openCentral } from '../central/connect';
import { connectionStringOf, openFleetConnection } from '../settings';
import { readStationIdentity } from '../station';
import { pendingCount, plainFailure } from './change-log';
import { readCentralCursor } from './central-writer';

export const NOT_SAVED = 'Save the central database’s address first, then test it.';

export async function testCentralConnection(options: {
  data: DataAccess;
  dataDir: string;
  boxes: SecretBoxes;
  connectTimeoutMs: number;
}): Promise<ConnectionTestResult> {
  const db = options.data.db();
  let connection;
  try {
    connection = await openFleetConnection(db, options.boxes);
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, message: error.message };
    throw error;
  }
  if (!connection) return { ok: false, message: NOT_SAVED };
  const { stationId } = await readStationIdentity(db, options.dataDir);
  const pending = await pendingCount(db);

  const url = connectionStringOf(connection);
  const central = openCentral(url, { maxConnections: 1, connectTimeoutMs: options.connectTimeoutMs });
  let cursor: number;
  try {
    await checkCentralSchema(central, url);
    cursor = await readCentralCursor(central, stationId);
  } catch (error) {
    const secrets = connection.password ? [connection.password] : [];
    return { ok: false, message: plainFailure(explainCentralError(error, url).message, secrets) };
  } finally {
    await central.destroy().catch(() => {});
  }

  const held =
    cursor === 0
      ? 'it holds nothing from this kiosk yet'
      : `it holds this kiosk’s changes up to number ${cursor}`;
  const waiting = pending === 1 ? '1 change waits' : `${pending} changes wait`;
  const off = connection.enabled ? '' : ' Syncing is off: switch it on to send them.';
  return {
    ok: true,
    message: `Connected to the central ${describeUrl(url)}: the schema is up to date and ${held}; ${waiting} to be sent.${off}`,
  };
}
