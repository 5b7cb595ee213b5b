// Each window of ours (the kiosk, the customer screen) is a connection of its own, as each browser tab is: its
// own session, so a call is answered and an event sent as that window's signed-in person, and nothing of a
// window is kept once it is closed.
import type { BrowserWindow } from 'electron';
import { IPC_EVENT } from '../../shared/ipc-channels';
import { createConnectionSession, type ConnectionSession, type EventRecipient } from '../ipc/audience';

export interface AppWindows {
  /**
   * A new window gets a session of its own (a new one, or the one main made for it beforehand), forgotten with
   * its forwarding when the window is closed.
   */
  add(window: BrowserWindow, session?: ConnectionSession): ConnectionSession;
  /** The session of the window whose page sent a call (its webContents' id), or none for a window not ours. */
  sessionOf(webContentsId: number): ConnectionSession | undefined;
  /** Where events go: each open window, as its own session's person. */
  recipients(): EventRecipient[];
}

export function createAppWindows(): AppWindows {
  const open = new Map<number, { window: BrowserWindow; session: ConnectionSession }>();
  return {
    add(window, session = createConnectionSession()) {
      // Read now: once the window is closed its webContents is gone.
      const id = window.webContents.id;
      open.set(id, { window, session });
      window.once('closed', () => open.delete(id));
      return session;
    },
    sessionOf: (webContentsId) => open.get(webContentsId)?.session,
    recipients: () =>
      [...open].map(([id, { window, session }]) => ({
        session,
        // As handleContractCalls names the window's calls' peer: a restore started at first start reports here.
        connection: `window:${id}`,
        send: (event: string, payload: unknown) => {
          if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, { event, payload });
        },
      })),
  };
}
