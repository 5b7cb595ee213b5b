import type { Handlers } from '../ipc/dispatch';
import type { SystemService } from './service';

export type SystemHandlers = Pick<Handlers, 'system.info' | 'system.reportRendererError'>;

export function systemHandlers(system: SystemService): SystemHandlers {
  return {
    'system.info': () => system.info(),
    'system.reportRendererError': (input) => system.reportRendererError(input),
  };
}
