// The fleet's channels of the `reports` area: whether this kiosk can show all airfields, and their report. The
// central database comes from `centralFor`, given at wiring time (the kiosk's fleet settings); without it, or
// while none is set, the report says so in plain words.
import { AppFailure } from '../../errors';
import type { Handlers } from '../../ipc/dispatch';
import { CentralDatabaseError } from '../central/connect';
import { readFleetReport, type CentralFor } from './service';

export type FleetReportHandlers = Pick<Handlers, 'reports.fleetStatus' | 'reports.fleet'>;

export const NO_CENTRAL_DATABASE =
  'This kiosk has no central database set, so it cannot show all airfields. An admin can set its address in ' +
  'Settings (Central database); until then the report shows this airfield.';

export function fleetReportHandlers(centralFor: CentralFor | undefined): FleetReportHandlers {
  const central = async () => (centralFor ? await centralFor() : null);
  return {
    'reports.fleetStatus': async () => ({ available: (await central()) !== null }),
    'reports.fleet': async (range, context) => {
      const source = await central();
      if (!source) throw new AppFailure('UNAVAILABLE', NO_CENTRAL_DATABASE);
      try {
        return await readFleetReport(source, { userId: context.user.id, role: context.user.role }, range);
      } catch (error) {
        // Already in plain words and without the password (explainCentralError): the screen shows it as is.
        if (error instanceof CentralDatabaseError) throw new AppFailure('UNAVAILABLE', error.message);
        throw error;
      }
    },
  };
}
