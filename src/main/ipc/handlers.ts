// Every area's handlers combined into the one map the dispatcher serves. `satisfies Handlers` is what makes a
// channel without a handler fail to compile.
import type { SystemService } from '../system/service';
import { systemHandlers } from '../system/handlers';
import type { Handlers } from './dispatch';

export interface HandlerServices {
  system: SystemService;
}

export function createHandlers(services: HandlerServices): Handlers {
  return {
    ...systemHandlers(services.system),
  } satisfies Handlers;
}
