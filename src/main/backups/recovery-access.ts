// Who may restore a backup without signing in: nobody, except at the two moments when nobody can sign in, and
// then only at the kiosk machine itself:
//   - First start: the kiosk has no manager yet (the same test auth.setup makes to create the first one).
//   - A damaged database: no one can sign in at all.
// From the LAN, anyone could otherwise list the folders of the kiosk's disk for backups, or replace its data
// with a backup of their choosing before its operator has set it up.
import type { RecoveryOptions } from '../../shared/backups';
import { AT_THE_KIOSK, isKioskMachine } from '../auth/kiosk-machine';
import { createAuthService } from '../auth/service';
import { AppFailure } from '../errors';
import type { Peer } from '../ipc/dispatch';
import type { AppDatabase } from '../system/database';

/** Why this screen may restore without anyone signed in; a refusal that says why not otherwise. */
export async function recoveryReason(
  database: Pick<AppDatabase, 'handle' | 'damaged'>,
  peer: Pick<Peer, 'address'>,
): Promise<RecoveryOptions['reason']> {
  if (database.damaged) {
    if (isKioskMachine(peer)) return 'damaged-database';
    throw new AppFailure(
      'FORBIDDEN',
      "The kiosk's database is damaged. Restore the backup at the kiosk itself, not from another computer.",
    );
  }
  if (!database.handle) {
    throw new AppFailure(
      'UNAVAILABLE',
      'The kiosk database is not open. The kiosk status says why; restart the kiosk once it is fixed.',
    );
  }
  const { needsSetup } = await createAuthService(database.handle.db).status();
  if (!needsSetup) {
    throw new AppFailure(
      'CONFLICT',
      'This kiosk already has a manager. A manager restores backups from Settings → Backups after signing in.',
    );
  }
  if (!isKioskMachine(peer)) throw new AppFailure('FORBIDDEN', AT_THE_KIOSK);
  return 'first-start';
}
