// The first-start screen's "Restore from a backup": allowed without sign-in while the kiosk has no manager yet
// (main checks that, as it does for creating the first manager).
import { useEffect } from 'react';
import { ErrorPanel } from '../components/ErrorPanel';
import { RestorePanel } from './RestorePanel';
import { useRestoreStore } from './store';

export function FirstStartRestore({ onCancel }: { onCancel(): void }) {
  const { options, optionsError, restoring, requested, loadOptions, back } = useRestoreStore();
  useEffect(() => {
    void loadOptions();
  }, [loadOptions]);

  return (
    <>
      <div className="screen-heading">
        <h1>Restore from a backup</h1>
        {!restoring && !requested && (
          <button
            type="button"
            className="button"
            onClick={() => {
              back();
              onCancel();
            }}
          >
            ← Set up a new kiosk instead
          </button>
        )}
      </div>
      <p className="lead">
        Plug in the drive with the kiosk’s backups. Its people, PINs, flights, sales and footage come back as
        they were when the backup was made.
      </p>
      {optionsError && (
        <ErrorPanel
          title="Restoring is not possible now"
          error={optionsError}
          onAction={() => void loadOptions()}
        />
      )}
      {options && (
        <RestorePanel
          mode="recovery"
          places={options.places}
          lastBackup={options.lastBackup}
          replaces="The empty data folder of this first start"
          onLookAgain={() => void loadOptions()}
        />
      )}
    </>
  );
}
