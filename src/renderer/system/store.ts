// Kiosk status for the home screen, fetched over the contract.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { SystemInfo } from '../../shared/system';
import { getMagnum } from '../shell/magnum';

interface SystemState {
  info: SystemInfo | null;
  error: AppError | null;
  loading: boolean;
  load(): Promise<void>;
}

const NO_BRIDGE: AppError = {
  code: 'UNAVAILABLE',
  message:
    'This screen is not connected to the kiosk service. Start MagnumStream with "npm start" or "npm run kiosk".',
};

export const useSystemStore = create<SystemState>((set) => ({
  info: null,
  error: null,
  loading: false,
  async load() {
    const magnum = getMagnum();
    if (!magnum) {
      set({ error: NO_BRIDGE });
      return;
    }
    set({ loading: true });
    const result = await magnum.system.info({});
    set(
      result.ok
        ? { info: result.value, error: null, loading: false }
        : { error: result.error, loading: false },
    );
  },
}));

/** Sends an error the screen could not handle to the main log; never throws. */
export function reportRendererError(screen: string, error: unknown): void {
  const magnum = getMagnum();
  if (!magnum) return;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2_000) || 'Unknown error';
  const stack = error instanceof Error && error.stack ? error.stack.slice(0, 20_000) : undefined;
  void magnum.system.reportRendererError(stack ? { screen, message, stack } : { screen, message });
}
