import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { createAuthService } from './service';

export type AuthHandlers = Pick<
  Handlers,
  'auth.status' | 'auth.setup' | 'auth.signIn' | 'auth.signOut' | 'auth.session'
>;

export function authHandlers(data: DataAccess): AuthHandlers {
  const auth = () => createAuthService(data.db(), { now: data.now, pinParams: data.pinParams });
  return {
    'auth.status': () => auth().status(),
    'auth.setup': (input) => auth().setup(input),
    'auth.signIn': (input, context) => auth().signIn(input, context.session),
    'auth.signOut': (_input, context) => auth().signOut(context.session, context.user),
    'auth.session': (_input, context) => auth().session(context.session),
  };
}
