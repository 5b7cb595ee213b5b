// Messages main pushes to whoever is at the kiosk (system.notice events), newest first.
import { create } from 'zustand';
import type { Notice } from '../../shared/system';
import { getMagnum } from './magnum';

export interface ShownNotice extends Notice {
  id: number;
}

interface NoticeState {
  notices: ShownNotice[];
  dismiss(id: number): void;
}

const MAX_SHOWN = 3;
/** Information clears itself; warnings and errors stay until someone taps OK. */
const INFO_SHOWN_MS = 20_000;
let nextId = 1;

export const useNoticeStore = create<NoticeState>((set) => ({
  notices: [],
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}));

/** Shows a notice from main or from the screen itself (a camera lost, a scene recovered). */
export function showNotice(notice: Notice): void {
  const id = nextId++;
  useNoticeStore.setState((state) => ({
    notices: [{ ...notice, id }, ...state.notices].slice(0, MAX_SHOWN),
  }));
  if (notice.level === 'info') setTimeout(() => useNoticeStore.getState().dismiss(id), INFO_SHOWN_MS);
}

/** Starts listening once, at app start. */
export function listenForNotices(): () => void {
  const magnum = getMagnum();
  if (!magnum) return () => {};
  return magnum.on('system.notice', showNotice);
}
