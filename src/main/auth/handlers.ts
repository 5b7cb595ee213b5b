import type { DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import { AT_THE_KIOSK, isKioskMachine } from './kiosk-machine';
import { createRefusalLog } from './refusal-log';
import { createAuthService } from './service';
import { createSignInThrottle } from './throttle';

export type AuthHandlers = Pick<
  Handlers,
  'auth.status' | 'auth.setup' | 'auth.signIn' | 'auth.signOut' | 'auth.session'
>;

export function authHandlers(data: DataAccess): AuthHandlers {
  // One throttle and one refusal log for the app's lifetime: the service itself is made per call.
  const throttle = createSignInThrottle();
  const refusals = createRefusalLog();
  const auth = () => createAuthService(data.db(), { now: data.now, pinParams: data.pinParams, refusals });
  return {
    'auth.status': () => auth().status(),
    'auth.setup': async (input, context) => {
      // Whoever sets up the first manager owns the kiosk: never someone on its Wi-Fi before its operator.
      if (!isKioskMachine(context.peer)) throw new AppFailure('FORBIDDEN', AT_THE_KIOSK);
      const admitted = throttle.admit(context.peer, data.now());
      if (!admitted) throw await auth().tooManyTries(context.peer);
      const session = await auth().setup(input);
      admitted.giveBack();
      return session;
    },
    'auth.signIn': async (input, context) => {
      const admitted = throttle.admit(context.peer, data.now());
      if (!admitted) throw await auth().tooManyTries(context.peer);
      const session = await auth().signIn(input, context.session, context.peer);
      admitted.giveBack();
      return session;
    },
    'auth.signOut': (_input, context) => auth().signOut(context.session, context.user),
    'auth.session': (_input, context) => auth().session(context.session),
  };
}
