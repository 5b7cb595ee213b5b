// Handing a sale's files over, as the delivery panel follows it: the drives to copy to and a copy's progress
// (from main's `delivery.progress` events), the download link just made and the ones still working, and the
// sale's e-mails in the outbox (kept current by `delivery.outboxChanged`). Kept per sale, so a panel opened on
// another sale never shows this one's state. A receipt that is open copies by itself onto a USB drive plugged in
// while it is open (`delivery.drivesChanged`): never onto a drive that was already there, never twice.
import { create } from 'zustand';
import type {
  CreatedDownloadLink,
  DeliveryCopyResult,
  DeliveryProgress,
  DeliveryTarget,
  DownloadLinkView,
  DrivesChanged,
  OutboxItemView,
} from '../../shared/delivery';
import type { MagnumApi } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import { getMagnum } from '../shell/magnum';
import { decideAutoCopy } from './auto-copy';
import { callMagnum } from '../shell/call';

export type CopyPhase = 'idle' | 'copying' | 'done' | 'failed';

export interface CopyState {
  phase: CopyPhase;
  /** Started by itself because a drive was plugged in, not by a tap. */
  auto: boolean;
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
  /** The receipt open on this screen, the drives it found there when it opened, and those it copied to. */
  watching: { saleId: string; known: string[] | null } | null;
  /** Per sale, the drives a copy started on by itself: a drive pulled out and put back is not copied to again. */
  autoTried: Record<string, string[]>;
  emailBusy: Record<string, boolean>;
  emailErrors: Record<string, AppError | null>;
  loadTargets(): Promise<void>;
  copy(saleId: string, targetId: string, auto?: boolean): Promise<void>;
  resetCopy(saleId: string): void;
  createLink(saleId: string): Promise<void>;
  /** The QR the receipt shows by itself: main's link for the sale, made once and shown again. */
  showLink(saleId: string): Promise<void>;
  /** The receipt of `saleId` is open: copy onto drives plugged in from now on. Returns the way to stop. */
  watchDrives(saleId: string): () => void;
  drivesChanged(change: DrivesChanged): void;
  loadLinks(saleId: string): Promise<void>;
  revokeLink(saleId: string, linkId: string): Promise<void>;
  loadOutbox(saleId: string): Promise<void>;
  queueEmail(saleId: string, email: string): Promise<boolean>;
  cancelEmail(saleId: string, id: string): Promise<void>;
}

export const IDLE_COPY: CopyState = {
  phase: 'idle',
  auto: false,
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
  /** Shows a link main made or reused for the sale, with its busy flag and error, then the sale's links. */
  const fetchLink = async (
    saleId: string,
    run: (magnum: MagnumApi) => Promise<Result<CreatedDownloadLink>>,
  ): Promise<void> => {
    set((state) => ({
      linkBusy: { ...state.linkBusy, [saleId]: true },
      linkErrors: { ...state.linkErrors, [saleId]: null },
    }));
    const result = await callMagnum(run);
    set((state) => ({
      linkBusy: { ...state.linkBusy, [saleId]: false },
      ...(result.ok
        ? { shownLinks: { ...state.shownLinks, [saleId]: result.value } }
        : { linkErrors: { ...state.linkErrors, [saleId]: result.error } }),
    }));
    if (result.ok) await get().loadLinks(saleId);
  };
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
    watching: null,
    autoTried: {},

    async loadTargets() {
      set({ targetsLoading: true, targetsError: null });
      const result = await callMagnum((magnum) => magnum.delivery.targets({}));
      set(
        result.ok
          ? { targets: result.value, targetsLoading: false }
          : { targetsError: result.error, targetsLoading: false },
      );
    },

    watchDrives(saleId) {
      set({ watching: { saleId, known: null } });
      void callMagnum((magnum) => magnum.delivery.targets({})).then((result) => {
        const watching = get().watching;
        if (!result.ok || watching?.saleId !== saleId || watching.known) return;
        set({
          targets: result.value,
          watching: { saleId, known: result.value.filter((t) => t.kind === 'drive').map((t) => t.id) },
        });
      });
      return () => {
        if (get().watching?.saleId === saleId) set({ watching: null });
      };
    },

    drivesChanged(change) {
      const { watching, targets } = get();
      const folders = (targets ?? []).filter((target) => target.kind === 'folder');
      set({ targets: targets ? [...folders, ...change.drives] : targets });
      if (!watching) return;
      const { saleId } = watching;
      const tried = get().autoTried[saleId] ?? [];
      const { driveId: fresh, known } = decideAutoCopy(watching.known, tried, change);
      set({ watching: { saleId, known } });
      if (!fresh || get().copies[saleId]?.phase === 'copying') return;
      set((state) => ({ autoTried: { ...state.autoTried, [saleId]: [...tried, fresh] } }));
      void get().copy(saleId, fresh, true);
    },

    async copy(saleId, targetId, auto = false) {
      if (get().copies[saleId]?.phase === 'copying') return;
      setCopy(saleId, { phase: 'copying', auto, targetId, progress: null, result: null, error: null });
      const result = await callMagnum((magnum) => magnum.delivery.copy({ saleId, targetId }));
      setCopy(
        saleId,
        result.ok
          ? { phase: 'done', result: result.value, progress: null }
          : { phase: 'failed', error: result.error, progress: null },
      );
    },

    resetCopy: (saleId) => setCopy(saleId, IDLE_COPY),

    async showLink(saleId) {
      if (get().linkBusy[saleId]) return;
      await fetchLink(saleId, (magnum) => magnum.delivery.showLink({ saleId }));
    },

    async createLink(saleId) {
      await fetchLink(saleId, (magnum) => magnum.delivery.createLink({ saleId }));
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

/** Follows main's copy progress, outbox changes and drives plugged in; returns the way to stop. */
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
  const stopDrives = magnum.on('delivery.drivesChanged', (change) =>
    useDeliveryStore.getState().drivesChanged(change),
  );
  return () => {
    stopProgress();
    stopOutbox();
    stopDrives();
  };
}
