// Every area's handlers combined into the one map the dispatcher serves. `satisfies Handlers` is what makes a
// channel without a handler fail to compile.
import { auditHandlers } from '../audit/handlers';
import { authHandlers } from '../auth/handlers';
import { captureHandlers } from '../capture/handlers';
import type { CaptureService } from '../capture/service';
import type { DataAccess } from '../data-access';
import { deliveryHandlers } from '../delivery/handlers';
import type { DeliveryService } from '../delivery/service';
import { deviceHandlers } from '../devices/handlers';
import { editingHandlers } from '../editor/handlers';
import { exportHandlers } from '../exports/handlers';
import type { ExportService } from '../exports/service';
import { recordingHandlers } from '../recordings/handlers';
import { reportHandlers } from '../reports/handlers';
import { saleHandlers } from '../sales/handlers';
import { settingsHandlers } from '../settings/handlers';
import type { SystemService } from '../system/service';
import { systemHandlers } from '../system/handlers';
import { templateHandlers } from '../templates/handlers';
import { userHandlers } from '../users/handlers';
import type { Handlers } from './dispatch';

export interface HandlerServices {
  system: SystemService;
  data: DataAccess;
  /** Optional so hosts and tests without a data folder still build a full map (capture then says UNAVAILABLE). */
  capture?: CaptureService;
  /** Optional like capture: without it the export channels say UNAVAILABLE. */
  exports?: ExportService;
  /** Optional like capture: without it the delivery channels say UNAVAILABLE. */
  delivery?: DeliveryService;
}

export function createHandlers(services: HandlerServices): Handlers {
  return {
    ...systemHandlers(services.system),
    ...authHandlers(services.data),
    ...userHandlers(services.data),
    ...settingsHandlers(services.data),
    ...recordingHandlers(services.data),
    ...deviceHandlers(services.data),
    ...captureHandlers(services.capture),
    ...editingHandlers(services.data),
    ...templateHandlers(services.data),
    ...exportHandlers(services.exports),
    ...saleHandlers(services.data),
    ...deliveryHandlers(services.delivery),
    ...reportHandlers(services.data),
    ...auditHandlers(services.data),
  } satisfies Handlers;
}
