// How the Electron main process tells a page it reloaded why (a crash, a hang): `?recovered=<why>` on the
// entry address. One name for both sides: main writes it (electron/recovery.ts), the page reads and drops it.
export const RECOVERED_PARAM = 'recovered';
export const RECOVERED_FROM = ['crashed', 'unresponsive'] as const;
export type RecoveredFrom = (typeof RECOVERED_FROM)[number];

export function isRecoveredFrom(value: string | null): value is RecoveredFrom {
  return (RECOVERED_FROM as readonly string[]).includes(value ?? '');
}
