import { signedInUser, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { readRoster } from './roster';
import { createUser, listUsers, resetUserPin, updateUser } from './service';

export type UserHandlers = Pick<
  Handlers,
  'users.list' | 'users.create' | 'users.update' | 'users.resetPin' | 'users.roster'
>;

export function userHandlers(data: DataAccess): UserHandlers {
  const options = () => ({ now: data.now(), pinParams: data.pinParams });
  return {
    'users.list': (_input, context) => listUsers(data.db(), signedInUser(context), data.now()),
    'users.create': (input, context) => createUser(data.db(), input, signedInUser(context).id, options()),
    'users.update': (input, context) => updateUser(data.db(), input, signedInUser(context).id, data.now()),
    'users.resetPin': (input, context) => resetUserPin(data.db(), input, signedInUser(context).id, options()),
    'users.roster': () => readRoster(data.db()),
  };
}
