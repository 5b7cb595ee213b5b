// Electron preload: exposes window.magnum and nothing else. Runs sandboxed, so it is bundled with its imports.
// The session token is kept in the window's sessionStorage (app:// is a standard scheme, so it has Web
// storage; a sandboxed preload shares the page's DOM storage), so that a reload keeps the session.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ALWAYS_ONLINE, createMagnumApi, keptInTab } from '../shared/api';
import type { Result } from '../shared/errors';
import { IPC_CALL, IPC_EVENT } from '../shared/ipc-channels';

const api = createMagnumApi(
  (channel, input, session) =>
    ipcRenderer.invoke(IPC_CALL, { channel, input, session }) as Promise<Result<unknown>>,
  (listener) => {
    const relay = (_event: IpcRendererEvent, message: { event: string; payload: unknown }) =>
      listener(message.event, message.payload);
    ipcRenderer.on(IPC_EVENT, relay);
    return () => ipcRenderer.removeListener(IPC_EVENT, relay);
  },
  ALWAYS_ONLINE,
  keptInTab(() => window.sessionStorage),
);

contextBridge.exposeInMainWorld('magnum', api);
