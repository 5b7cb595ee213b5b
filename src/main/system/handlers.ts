// The `system` channels. system.info is public; who is not signed in and not at the kiosk machine gets it
// without the kiosk's folders (folders-hidden.ts).
import { isKioskMachine } from '../auth/kiosk-machine';
import type { Handlers } from '../ipc/dispatch';
import { withFoldersHidden } from './folders-hidden';
import type { SystemService } from './service';

export type SystemHandlers = Pick<Handlers, 'system.info' | 'system.reportRendererError'>;

export function systemHandlers(system: SystemService): SystemHandlers {
  return {
    'system.info': async (_input, context) => {
      const info = await system.info();
      return context.user || isKioskMachine(context.peer) ? info : withFoldersHidden(info);
    },
    'system.reportRendererError': (input) => system.reportRendererError(input),
  };
}
