// What the Electron main process and its pages say to each other outside the contract: the two IPC channel
// names (every contract call travels over IPC_CALL as { channel, input, session }), and the reload reason.
export const IPC_CALL = 'magnum:call';
export const IPC_EVENT = 'magnum:event';

/**
 * Main reloaded the page because it had crashed or hung (electron/recovery.ts): `?recovered=<why>` on the entry
 * address. The page shows a notice once and drops it from the address (renderer/shell/recovered-notice.ts).
 */
export const RECOVERED_PARAM = 'recovered';
export const RECOVERED_FROM = ['crashed', 'unresponsive'] as const;
export type RecoveredFrom = (typeof RECOVERED_FROM)[number];

export function isRecoveredFrom(value: string | null): value is RecoveredFrom {
  return (RECOVERED_FROM as readonly string[]).includes(value ?? '');
}
