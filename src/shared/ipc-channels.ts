// The two Electron IPC channel names. Every contract call travels over IPC_CALL as { channel, input, session }.
export const IPC_CALL = 'magnum:call';
export const IPC_EVENT = 'magnum:event';
