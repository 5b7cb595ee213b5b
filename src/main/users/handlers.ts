import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { readRoster } from './roster';
import { createUser, listUsers, resetUserPin, updateUser } from './service';

export type UsersHandlers = Pick<
  Handlers,
  'users.list' | 'users.create' | 'users.update' | 'users.resetPin' | 'users.roster'
>;

export function usersHandlers(data: DataAccess): UsersHandlers {
  const options = () => ({ now: data.now(), pinParams: data.pinParams });
  return {
    'users.list': (_input, context) => listUsers(data.db(), context.user, data.now()),
    'users.create': (input, context) => createUser(data.db(), input, context.user.id, options()),
    'users.update': (input, context) => updateUser(data.db(), input, context.user.id, data.now()),
    'users.resetPin': (input, context) => resetUserPin(data.db(), input, context.user.id, options()),
    'users.roster': () => readRoster(data.db()),
  };
}
