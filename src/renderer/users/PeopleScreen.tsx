// Admin: staff and pilots are data. Add people, rename them, change roles, deactivate, reset PINs.
import { useEffect, useState } from 'react';
import type { UserRole } from '../../shared/define';
import type { UserSummary } from '../../shared/users';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { PinPad } from '../components/PinPad';
import { TextField } from '../components/TextField';
import { formatDateTime, ROLE_LABELS } from '../format';
import { usePeopleStore } from './store';
import { ActionButton } from '../components/ActionButton';

type Editing =
  | { kind: 'add' }
  | { kind: 'edit'; user: UserSummary }
  | { kind: 'pin'; user: UserSummary }
  | { kind: 'deactivate'; user: UserSummary }
  | null;

export function PeopleScreen() {
  const { users, error, busy, load, update, clearError } = usePeopleStore();
  const [editing, setEditing] = useState<Editing>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const close = () => {
    clearError();
    setEditing(null);
  };

  return (
    <div className="admin-screen">
      <div className="screen-heading">
        <h1>People</h1>
        <button type="button" className="button button-primary" onClick={() => setEditing({ kind: 'add' })}>
          + Add a person
        </button>
      </div>
      {error && !editing && <ErrorPanel title="That did not work" error={error} />}
      <ul className="list" aria-label="People">
        {users.map((user) => (
          <li key={user.id} className={user.active ? 'list-row' : 'list-row inactive'}>
            <div className="list-main">
              <span className="list-title">{user.name}</span>
              <span className="chips">
                <span className="chip">{ROLE_LABELS[user.role]}</span>
                {!user.active && <span className="chip chip-muted">Inactive</span>}
                {!user.hasPin && <span className="chip chip-warn">No PIN</span>}
                {user.lockedUntil && (
                  <span className="chip chip-warn">Locked until {formatDateTime(user.lockedUntil)}</span>
                )}
              </span>
            </div>
            <div className="list-actions">
              <button type="button" className="button" onClick={() => setEditing({ kind: 'edit', user })}>
                Edit
              </button>
              <button type="button" className="button" onClick={() => setEditing({ kind: 'pin', user })}>
                New PIN
              </button>
              {user.active ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => setEditing({ kind: 'deactivate', user })}
                >
                  Deactivate
                </button>
              ) : (
                <button
                  type="button"
                  className="button"
                  onClick={() => void update(user.id, { active: true })}
                >
                  Reactivate
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>

      {editing?.kind === 'add' && <AddPerson onDone={close} />}
      {editing?.kind === 'edit' && <EditPerson user={editing.user} onDone={close} />}
      {editing?.kind === 'pin' && (
        <Dialog title={`New PIN for ${editing.user.name}`} onClose={close}>
          {error && <ErrorPanel title="The PIN was not changed" error={error} />}
          <PinPad
            label="New PIN (4 to 8 digits)"
            submitLabel="Save PIN"
            busy={busy}
            onSubmit={(pin) =>
              void usePeopleStore
                .getState()
                .resetPin(editing.user.id, pin)
                .then((ok) => ok && close())
            }
          />
        </Dialog>
      )}
      {editing?.kind === 'deactivate' && (
        <ConfirmDialog
          title={`Deactivate ${editing.user.name}?`}
          confirmLabel="Deactivate"
          busy={busy}
          onCancel={close}
          onConfirm={() => void update(editing.user.id, { active: false }).then((ok) => ok && close())}
        >
          <p>
            They can no longer sign in and are signed out everywhere. Their flights, sales and history are
            kept. You can reactivate them later.
          </p>
          {error && <ErrorPanel title="Not deactivated" error={error} />}
        </ConfirmDialog>
      )}
    </div>
  );
}

function RolePicker({ value, onChange }: { value: UserRole; onChange(role: UserRole): void }) {
  return (
    <Segmented
      label="Role"
      options={(['crew', 'pilot', 'admin'] as const).map((role) => ({
        value: role,
        label: ROLE_LABELS[role],
      }))}
      value={value}
      onChange={onChange}
    />
  );
}

function AddPerson({ onDone }: { onDone(): void }) {
  const { create, busy, error } = usePeopleStore();
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('crew');
  const [choosingPin, setChoosingPin] = useState(false);
  return (
    <Dialog title="Add a person" onClose={onDone}>
      {error && <ErrorPanel title="Not added" error={error} />}
      {!choosingPin ? (
        <div className="form">
          <TextField label="Name" value={name} onChange={setName} />
          <RolePicker value={role} onChange={setRole} />
          <div className="sticky-actions">
            <ActionButton
              label="Next: their PIN"
              missing={name.trim().length === 0 ? 'Type their name first.' : null}
              onClick={() => setChoosingPin(true)}
            />
          </div>
        </div>
      ) : (
        <div className="form">
          <PinPad
            label={`First PIN for ${name.trim()} (4 to 8 digits)`}
            submitLabel="Add person"
            busy={busy}
            // A refusal is about the name (someone else has it): back to the name, with the reason above it.
            onSubmit={(pin) =>
              void create(name.trim(), role, pin).then((ok) => (ok ? onDone() : setChoosingPin(false)))
            }
          />
          <button type="button" className="button" onClick={() => setChoosingPin(false)}>
            ← Change the name
          </button>
        </div>
      )}
    </Dialog>
  );
}

function EditPerson({ user, onDone }: { user: UserSummary; onDone(): void }) {
  const { update, busy, error } = usePeopleStore();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<UserRole>(user.role);
  return (
    <Dialog title={`Edit ${user.name}`} onClose={onDone}>
      {error && <ErrorPanel title="Not saved" error={error} />}
      <div className="form">
        <TextField label="Name" value={name} onChange={setName} />
        <RolePicker value={role} onChange={setRole} />
        <div className="sticky-actions">
          <ActionButton
            label="Save"
            missing={name.trim().length === 0 ? 'Type their name first.' : null}
            busy={busy}
            busyLabel="Saving…"
            onClick={() => void update(user.id, { name: name.trim(), role }).then((ok) => ok && onDone())}
          />
        </div>
      </div>
    </Dialog>
  );
}
