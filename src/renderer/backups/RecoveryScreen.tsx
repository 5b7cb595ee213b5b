// Shown instead of sign-in when the kiosk's database is damaged: nobody can sign in, so the screen offers the last
// backup straight away (at the kiosk machine itself; another computer is told to go there).
import { useEffect } from 'react';
import type { DatabaseStatus } from '../../shared/system';
import { ErrorPanel } from '../components/ErrorPanel';
import { StatusStrip } from '../system/StatusStrip';
import { RestorePanel } from './RestorePanel';
import { useRestoreStore } from './store';

export function RecoveryScreen({ database }: { database: Extract<DatabaseStatus, { state: 'damaged' }> }) {
  const { options, optionsError, loadOptions } = useRestoreStore();
  useEffect(() => {
    void loadOptions();
  }, [loadOptions]);

  return (
    <div className="sign-in recovery">
      <h1>The kiosk’s database is damaged</h1>
      <p className="lead">
        Nobody can sign in or sell until it is restored. Restore the last backup to carry on: the damaged data
        is kept beside the data folder, nothing is deleted.
      </p>
      {optionsError && (
        <ErrorPanel
          title="Restoring is not possible from this screen"
          error={optionsError}
          actionLabel="Try again"
          onAction={() => void loadOptions()}
        />
      )}
      {options && (
        <RestorePanel
          mode="recovery"
          places={options.places}
          lastBackup={options.lastBackup}
          replaces="The damaged database"
          onLookAgain={() => void loadOptions()}
        />
      )}
      <details className="recovery-details">
        <summary>What the check found</summary>
        <p className="path">{database.path}</p>
        <ul>
          {database.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </details>
      <StatusStrip />
    </div>
  );
}
