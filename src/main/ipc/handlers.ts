// Every area's handlers combined into the one map the dispatcher serves. `satisfies Handlers` is what makes a
// channel without a handler fail to compile.
import { auditHandlers } from '../audit/handlers';
import { authHandlers } from '../auth/handlers';
import { backupsHandlers } from '../backups/handlers';
import { bundlesHandlers } from '../bundles/handlers';
import { captureHandlers } from '../capture/handlers';
import { checkinHandlers } from '../checkin/handlers';
import { deliveryHandlers } from '../delivery/handlers';
import { devicesHandlers } from '../devices/handlers';
import { editorHandlers } from '../editor/handlers';
import { exportsHandlers } from '../exports/handlers';
import { fleetHandlers } from '../fleet/handlers';
import { healthHandlers } from '../health/handlers';
import { mailHandlers } from '../mail/handlers';
import { photosHandlers } from '../photos/handlers';
import { problemsHandlers } from '../problems/handlers';
import { pricingHandlers } from '../pricing/handlers';
import { recordingsHandlers } from '../recordings/handlers';
import { reportsHandlers } from '../reports/handlers';
import { salesHandlers } from '../sales/handlers';
import { segmentsHandlers } from '../segments/handlers';
import { settingsHandlers } from '../settings/handlers';
import { slotsHandlers } from '../slots/handlers';
import { storageHandlers } from '../storage/handlers';
import { systemHandlers } from '../system/handlers';
import { templatesHandlers } from '../templates/handlers';
import { usersHandlers } from '../users/handlers';
import type { BackupService } from '../backups/service';
import type { CaptureService } from '../capture/service';
import type { CheckinService } from '../checkin/service';
import type { DataAccess } from '../data-access';
import type { DeliveryService } from '../delivery/service';
import type { ExportService } from '../exports/service';
import type { CentralFor } from '../fleet/report/service';
import type { FleetService } from '../fleet/service';
import type { HealthService } from '../health/service';
import type { MailService } from '../mail/service';
import type { ProblemsService } from '../problems/service';
import { storedOnlyStartAtLogin, type StartAtLoginSetting } from '../settings/start-at-login';
import type { StorageService } from '../storage/service';
import type { SystemService } from '../system/service';
import type { Handlers } from './dispatch';

export interface HandlerServices {
  system: SystemService;
  data: DataAccess;
  /** Optional so hosts and tests without a data folder still build a full map (capture then says UNAVAILABLE). */
  capture?: CaptureService;
  /** Optional like capture: without it the check-in channels say UNAVAILABLE. */
  checkin?: CheckinService;
  /** Optional like capture: without it the export channels say UNAVAILABLE. */
  exports?: ExportService;
  /** Optional like capture: without it the delivery channels say UNAVAILABLE. */
  delivery?: DeliveryService;
  /** Optional like capture: without it the backup channels say UNAVAILABLE. */
  backups?: BackupService;
  /** Optional like capture: without it the fleet setup channels say UNAVAILABLE (and the status: not set up). */
  fleet?: FleetService;
  /** Optional like capture: without it the health channels say UNAVAILABLE. */
  health?: HealthService;
  /** Optional like capture: without it the e-mail setup channels say UNAVAILABLE. */
  mail?: MailService;
  /** Optional like capture: without it the problem channels say UNAVAILABLE. */
  problems?: ProblemsService;
  /** Optional like capture: without it the storage channels say UNAVAILABLE. */
  storage?: StorageService;
  /** The computer's start-at-login entry; without it (the browser kiosk host) the setting is only stored. */
  startAtLogin?: StartAtLoginSetting;
  /** The fleet's central database, when one is set; without it the report offers this airfield only. */
  centralFor?: CentralFor;
}

export function createHandlers(services: HandlerServices): Handlers {
  return {
    ...auditHandlers(services.data),
    ...authHandlers(services.data),
    ...backupsHandlers(services.backups),
    ...bundlesHandlers(services.data),
    ...captureHandlers(services.capture),
    ...checkinHandlers(services.checkin),
    ...deliveryHandlers(services.delivery),
    ...devicesHandlers(services.data),
    ...editorHandlers(services.data),
    ...exportsHandlers(services.exports),
    ...fleetHandlers(services.fleet),
    ...healthHandlers(services.health),
    ...mailHandlers(services.mail),
    ...photosHandlers(services.exports),
    ...pricingHandlers(services.data),
    ...problemsHandlers(services.problems),
    ...recordingsHandlers(services.data),
    ...reportsHandlers(services.data, services.centralFor),
    ...salesHandlers(services.data),
    ...segmentsHandlers(services.data),
    ...settingsHandlers(services.data, services.startAtLogin ?? storedOnlyStartAtLogin),
    ...slotsHandlers(services.data),
    ...storageHandlers(services.storage),
    ...systemHandlers(services.system),
    ...templatesHandlers(services.data),
    ...usersHandlers(services.data),
  } satisfies Handlers;
}
