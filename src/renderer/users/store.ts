// Staff and pilots, for the admin's People screen.
import { create } from 'zustand';
import type { UserRole } from '../../shared/define';
import type { AppError } from '../../shared/errors';
import type { UserSummary } from '../../shared/users';
import { callMagnum } from '../shell/call';

interface PeopleState {
  users: UserSummary[];
  error: AppError | null;
  busy: boolean;
  load(): Promise<void>;
  create(name: string, role: UserRole, pin: string): Promise<boolean>;
  update(id: string, change: { name?: string; role?: UserRole; active?: boolean }): Promise<boolean>;
  resetPin(id: string, pin: string): Promise<boolean>;
  clearError(): void;
}

export const usePeopleStore = create<PeopleState>((set, get) => {
  /** Runs a change, then reloads the list; leaves the error on screen when it fails. */
  const change = async (run: Parameters<typeof callMagnum<UserSummary>>[0]): Promise<boolean> => {
    set({ busy: true, error: null });
    const result = await callMagnum(run);
    set({ busy: false, error: result.ok ? null : result.error });
    if (result.ok) await get().load();
    return result.ok;
  };
  return {
    users: [],
    error: null,
    busy: false,
    async load() {
      const result = await callMagnum((magnum) => magnum.users.list({}));
      set(result.ok ? { users: result.value } : { error: result.error });
    },
    create: (name, role, pin) => change((magnum) => magnum.users.create({ name, role, pin })),
    update: (id, changes) => change((magnum) => magnum.users.update({ id, ...changes })),
    resetPin: (id, pin) => change((magnum) => magnum.users.resetPin({ id, pin })),
    clearError: () => set({ error: null }),
  };
});
