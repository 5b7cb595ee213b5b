// Handing a sale's files over, as the delivery panel follows it: the drives to copy to and a copy's progress
// (from main's `delivery.progress` events), the download link just made and the ones still working, and the
// sale's e-mails in the outbox (kept current by `delivery.outboxChanged`). Kept per sale, so a panel opened on
// another sale never shows this one's state.
import { create } from 'zustand';
import type {
  CreatedDownloadLink,
  DeliveryCopyResult,
  DeliveryProgress,
  DeliveryTarget,
  DownloadLinkView,
  OutboxItemView,
} from '../../shared/delivery';
import type { AppError } from '../../shared/errors';
import { getMagnum } from '../shell/magnum';
import { callMagnum } from '../shell/call';

export type CopyPhase = 'idle' | 'copying' | 'done' | 'failed';

export interface CopyState {
  phase: CopyPhase;
  targetId: string | null;
  progress: DeliveryProgress | null;
  result: DeliveryCopyResult | null;
  error: AppError | null;
}

interface DeliveryState {
  targets: DeliveryTarget[] | null;
  targetsLoading: boolean;
  targetsError: AppError | null;
  copies: Record<string, CopyState>;
  /** The link made last for a sale: its address exists only here and on the customer's phone. */
  shownLinks: Record<string, CreatedDownloadLink | undefined>;
  links: Record<string, DownloadLinkView[]>;
  linkBusy: Record<string, boolean>;
  linkErrors: Record<string, AppError | null>;
  outbox: Record<string, OutboxItemView[]>;
  emailBusy: Record<string, boolean>;
  emailErrors: Record<string, AppError | null>;
  loadTargets(): Promise<void>;
  copy(saleId: string, targetId: string): Promise<void>;
  resetCopy(saleId: string): void;
  createLink(saleId: string): Promise<void>;
  loadLinks(saleId: string): Promise<void>;
  revokeLink(saleId: string, linkId: string): Promise<void>;
  loadOutbox(saleId: string): Promise<void>;
  queueEmail(saleId: string, email: string): Promise<boolean>;
  cancelEmail(saleId: string, id: string): Promise<void>;
}

export const IDLE_COPY: CopyState = {
  phase: 'idle',
  targetId: null,
  progress: null,
  result: null,
  error: null,
};

/** The sale's items with this one put in (or replaced), newest first. */
function withItem(items: OutboxItemView[] | undefined, item: OutboxItemView): OutboxItemView[] {
  return [item, ...(items ?? []).filter((other) => other.id !== item.id)].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
}

export const useDeliveryStore = create<DeliveryState>((set, get) => {
  const setCopy = (saleId: string, change: Partial<CopyState>) =>
    set((state) => ({
      copies: { ...state.copies, [saleId]: { ...(state.copies[saleId] ?? IDLE_COPY), ...change } },
    }));
  return {
    targets: null,
    targetsLoading: false,
    targetsError: null,
    copies: {},
    shownLinks: {},
    links: {},
    linkBusy: {},
    linkErrors: {},
    outbox: {},
    emailBusy: {},
    emailErrors: {},

    async loadTargets() {
      set({ targetsLoading: true, targetsError: null });
      const result = await callMagnum((magnum) => magnum.delivery.targets({}));
      set(
        result.ok
          ? { targets: result.value, targetsLoading: false }
          : { targetsError: result.error, targetsLoading: false },
      );
    },

    async copy(saleId, targetId) {
      if (get().copies[saleId]?.phase === 'copying') return;
      setCopy(saleId, { phase: 'copying', targetId, progress: null, result: null, error: null });
      const result = await callMagnum((magnum) => magnum.delivery.copy({ saleId, targetId }));
      setCopy(
        saleId,
        result.ok
          ? { phase: 'done', result: result.value, progress: null }
          : { phase: 'failed', error: result.error, progress: null },
      );
    },

    resetCopy: (saleId) => setCopy(saleId, IDLE_COPY),

    async createLink(saleId) {
      set((state) => ({
        linkBusy: { ...state.linkBusy, [saleId]: true },
        linkErrors: { ...state.linkErrors, [saleId]: null },
      }));
      const result = await callMagnum((magnum) => magnum.delivery.createLink({ saleId }));
      set((state) => ({
        linkBusy: { ...state.linkBusy, [saleId]: false },
        ...(result.ok
          ? { shownLinks: { ...state.shownLinks, [saleId]: result.value } }
          : { linkErrors: { ...state.linkErrors, [saleId]: result.error } }),
      }));
      if (result.ok) await get().loadLinks(saleId);
    },

    async loadLinks(saleId) {
      const result = await callMagnum((magnum) => magnum.delivery.links({ saleId }));
      if (result.ok) set((state) => ({ links: { ...state.links, [saleId]: result.value } }));
    },

    async revokeLink(saleId, linkId) {
      const result = await callMagnum((magnum) => magnum.delivery.revokeLink({ linkId }));
      if (!result.ok) {
        set((state) => ({ linkErrors: { ...state.linkErrors, [saleId]: result.error } }));
        return;
      }
      set((state) => ({
        shownLinks:
          state.shownLinks[saleId]?.id === linkId
            ? { ...state.shownLinks, [saleId]: undefined }
            : state.shownLinks,
      }));
      await get().loadLinks(saleId);
    },

    async loadOutbox(saleId) {
      const result = await callMagnum((magnum) => magnum.delivery.outbox({ saleId }));
      if (result.ok) set((state) => ({ outbox: { ...state.outbox, [saleId]: result.value } }));
    },

    async queueEmail(saleId, email) {
      set((state) => ({
        emailBusy: { ...state.emailBusy, [saleId]: true },
        emailErrors: { ...state.emailErrors, [saleId]: null },
      }));
      const trimmed = email.trim();
      const result = await callMagnum((magnum) =>
        magnum.delivery.queueEmail(trimmed ? { saleId, email: trimmed } : { saleId }),
      );
      set((state) => ({
        emailBusy: { ...state.emailBusy, [saleId]: false },
        ...(result.ok
          ? { outbox: { ...state.outbox, [saleId]: withItem(state.outbox[saleId], result.value) } }
          : { emailErrors: { ...state.emailErrors, [saleId]: result.error } }),
      }));
      return result.ok;
    },

    async cancelEmail(saleId, id) {
      const result = await callMagnum((magnum) => magnum.delivery.cancelEmail({ id }));
      set((state) =>
        result.ok
          ? { outbox: { ...state.outbox, [saleId]: withItem(state.outbox[saleId], result.value) } }
          : { emailErrors: { ...state.emailErrors, [saleId]: result.error } },
      );
    },
  };
});

/** Follows main's copy progress and outbox changes; returns the way to stop. */
export function listenForDelivery(): () => void {
  const magnum = getMagnum();
  if (!magnum) return () => {};
  const stopProgress = magnum.on('delivery.progress', (progress) => {
    const current = useDeliveryStore.getState().copies[progress.saleId];
    if (current?.phase !== 'copying') return;
    useDeliveryStore.setState((state) => ({
      copies: { ...state.copies, [progress.saleId]: { ...current, progress } },
    }));
  });
  const stopOutbox = magnum.on('delivery.outboxChanged', (item) => {
    const known = useDeliveryStore.getState().outbox[item.saleId];
    if (!known) return;
    useDeliveryStore.setState((state) => ({
      outbox: { ...state.outbox, [item.saleId]: withItem(known, item) },
    }));
  });
  return () => {
    stopProgress();
    stopOutbox();
  };
}
