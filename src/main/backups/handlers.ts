// The backups channels. Admins reach everything; the three recovery channels answer without sign-in only while
// the kiosk has no manager yet (first start, like auth.setup) or its database is damaged, and then only at the
// kiosk machine itself (service.ts recoveryReason).
import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { BackupService } from './service';

export type BackupsHandlers = Pick<
  Handlers,
  | 'backups.status'
  | 'backups.saveSettings'
  | 'backups.backUpNow'
  | 'backups.cancel'
  | 'backups.generations'
  | 'backups.restore'
  | 'backups.recoveryOptions'
  | 'backups.recoveryGenerations'
  | 'backups.recoveryRestore'
>;

export function backupsHandlers(backups: BackupService | undefined): BackupsHandlers {
  const service = (): BackupService => {
    if (!backups) throw new AppFailure('UNAVAILABLE', 'Backups are not available on this kiosk.');
    return backups;
  };
  return {
    'backups.status': () => service().status(),
    'backups.saveSettings': (input, context) => service().saveSettings(input, context.user.id),
    'backups.backUpNow': (input) => service().backUpNow(input),
    'backups.cancel': () => service().cancel(),
    'backups.generations': (input) => service().generations(input.folder),
    'backups.restore': (input, context) =>
      service().restore(input, {
        trigger: 'manual',
        userId: context.user.id,
        connection: context.peer.connection,
      }),
    'backups.recoveryOptions': async (_input, context) =>
      service().recoveryOptions(await service().recoveryReason(context.peer)),
    'backups.recoveryGenerations': async (input, context) => {
      await service().recoveryReason(context.peer);
      return service().generations(input.folder);
    },
    'backups.recoveryRestore': async (input, context) => {
      const reason = await service().recoveryReason(context.peer);
      return service().restore(input, {
        trigger: reason === 'first-start' ? 'first-start' : 'recovery',
        userId: null,
        connection: context.peer.connection,
      });
    },
  };
}
