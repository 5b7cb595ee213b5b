// Electron preload: exposes window.magnum and nothing else. Runs sandboxed, so it is bundled with its imports.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createMagnumApi } from '../shared/api';
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
);

contextBridge.exposeInMainWorld('magnum', api);
